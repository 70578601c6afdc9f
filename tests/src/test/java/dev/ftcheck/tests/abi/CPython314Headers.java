package dev.ftcheck.tests.abi;

import dev.ftcheck.tests.corpus.DebianPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPython 3.14's headers as Debian ships them (libpython3.14-dev from forky, unpacked into the cache): the reference
 * the 3.14 layout tests compare ftcheck's headers against, compiled with {@code -DPy_GIL_DISABLED=1}. Debian builds
 * the default (GIL) interpreter, but the free-threaded layout follows from the same headers under that macro.
 */
final class CPython314Headers {
    static final String PACKAGE = "libpython3.14-dev";
    static final String SUITE = "forky";
    /** The release whose layout ftcheck's 3.14 headers reproduce (patchlevel.h with _Py_FTCHECK_ABI_MINOR=14). */
    static final String PROBED_VERSION = "3.14.8";

    /**
     * Where the headers are, or why they are not available ({@code problem} non-null, the other fields null).
     * {@code python} is usr/include/python3.14; {@code usrInclude} is usr/include, needed because Debian's
     * pyconfig.h includes the multiarch x86_64-linux-gnu/python3.14/pyconfig.h.
     */
    record Located(Path python, Path usrInclude, String version, String problem) {
        /** Compiler flags for the free-threaded layout. */
        List<String> cflags() {
            return List.of("-I" + python, "-I" + usrInclude, "-DPy_GIL_DISABLED=1");
        }
    }

    private static Located located;

    private CPython314Headers() {}

    static synchronized Located get() {
        if (located == null) {
            located = locate();
        }
        return located;
    }

    private static Located locate() {
        Path root;
        try {
            root = DebianPackages.unpacked(PACKAGE, SUITE);
        } catch (IOException e) {
            return new Located(null, null, null, "Debian's " + PACKAGE + " (" + SUITE + ") unavailable: "
                    + e.getMessage());
        }
        Path usrInclude = root.resolve("usr/include");
        Path python = usrInclude.resolve("python3.14");
        if (!Files.isRegularFile(python.resolve("Python.h"))) {
            return new Located(null, null, null, PACKAGE + " unpacked at " + root + " has no python3.14/Python.h");
        }
        try {
            Matcher m = Pattern.compile("#define\\s+PY_VERSION\\s+\"([^\"]+)\"")
                    .matcher(Files.readString(python.resolve("patchlevel.h")));
            return new Located(python, usrInclude, m.find() ? m.group(1) : "unknown", null);
        } catch (IOException e) {
            return new Located(null, null, null, "cannot read " + python.resolve("patchlevel.h") + ": " + e);
        }
    }
}
