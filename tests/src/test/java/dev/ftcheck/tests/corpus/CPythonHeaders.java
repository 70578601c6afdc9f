package dev.ftcheck.tests.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPython's own headers for building an extension in the free-threaded layout, per ABI: what the corpus's binary
 * modes and CythonTest compile against, to be loaded unmodified by {@code ftcheck run}.
 * <ul>
 *   <li>3.13: the cached free-threaded CPython 3.13.15 build ({@link FreeThreadedCPython}), else pyenv's newest 3.13
 *       with {@code -DPy_GIL_DISABLED=1} (the same layout);</li>
 *   <li>3.14: Debian's libpython3.14-dev (forky, 3.14.8) unpacked into the cache, {@code usr/include/python3.14} and
 *       {@code usr/include} (its {@code pyconfig.h} includes the multiarch one) with {@code -DPy_GIL_DISABLED=1}:
 *       Debian builds the default (GIL) interpreter, but the free-threaded layout follows from the same headers under
 *       that macro.</li>
 * </ul>
 */
public final class CPythonHeaders {
    static final String DEB_314 = "libpython3.14-dev";
    static final String SUITE_314 = "forky";

    /**
     * Where the headers are, or why they are not here ({@code problem} non-null, the flags empty).
     *
     * @param description e.g. "CPython 3.14.8 headers (Debian's libpython3.14-dev) with Py_GIL_DISABLED=1"
     * @param version     the headers' {@code PY_VERSION}, e.g. "3.14.8"
     * @param includeDirs the folders the cflags' -I flags name, the one holding Python.h first
     */
    public record Located(String description, String version, List<String> cflags, String extSuffix,
            List<Path> includeDirs, String problem) {
        static Located missing(String problem) {
            return new Located(null, null, List.of(), null, List.of(), problem);
        }
    }

    private static Located h313;
    private static Located h314;

    private CPythonHeaders() {}

    /** CPython's headers of ABI "3.13" or "3.14". */
    public static Located of(String abi) {
        return switch (abi) {
            case "3.13" -> cpython313();
            case "3.14" -> debian314();
            default -> throw new IllegalArgumentException("no CPython headers for ABI " + abi);
        };
    }

    public static synchronized Located cpython313() {
        if (h313 == null) {
            FreeThreadedCPython ft = new FreeThreadedCPython(DebianArchive.inCache(), CacheDir.root());
            Optional<ReferencePython> cached = ft.cached();
            Optional<ReferencePython> py = cached.isPresent() ? cached : ReferencePython.pyenv("3.13");
            if (py.isEmpty()) {
                h313 = Located.missing("no CPython 3.13 headers: neither a cached free-threaded build ("
                        + CacheDir.root().resolve("cpython") + ") nor pyenv 3.13");
            } else {
                List<String> flags = new ArrayList<>(List.of("-I" + py.get().includeDir(), "-DPy_GIL_DISABLED=1"));
                h313 = new Located("CPython " + py.get().version() + (py.get().freeThreaded() ? " free-threaded" : "")
                        + " headers with Py_GIL_DISABLED=1", py.get().version(), List.copyOf(flags),
                        ".cpython-313t-x86_64-linux-gnu.so", List.of(py.get().includeDir()), null);
            }
        }
        return h313;
    }

    public static synchronized Located debian314() {
        if (h314 == null) {
            h314 = locate314();
        }
        return h314;
    }

    private static Located locate314() {
        Path root;
        try {
            root = DebianPackages.unpacked(DEB_314, SUITE_314);
        } catch (IOException e) {
            return Located.missing("Debian's " + DEB_314 + " (" + SUITE_314 + ") unavailable: " + e.getMessage());
        }
        Path usrInclude = root.resolve("usr/include");
        Path python = usrInclude.resolve("python3.14");
        if (!Files.isRegularFile(python.resolve("Python.h"))) {
            return Located.missing(DEB_314 + " unpacked at " + root + " has no python3.14/Python.h");
        }
        String version;
        try {
            Matcher m = Pattern.compile("#define\\s+PY_VERSION\\s+\"([^\"]+)\"")
                    .matcher(Files.readString(python.resolve("patchlevel.h")));
            version = m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return Located.missing("cannot read " + python.resolve("patchlevel.h") + ": " + e);
        }
        return new Located("CPython " + version + " headers (Debian's " + DEB_314 + ") with Py_GIL_DISABLED=1",
                version, List.of("-I" + python, "-I" + usrInclude, "-DPy_GIL_DISABLED=1"),
                ".cpython-314t-x86_64-linux-gnu.so", List.of(python, usrInclude), null);
    }
}
