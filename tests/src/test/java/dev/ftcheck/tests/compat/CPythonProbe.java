package dev.ftcheck.tests.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the real CPythons the compat-shim matrix runs on: pyenv's 3.8 to 3.13 and Debian's /usr/bin/python3.11
 * with its /usr/include/python3.11 headers. Nothing is installed; what is absent is reported with the reason.
 */
final class CPythonProbe {
    /** The minor versions ftcompat.h supports and the matrix expects from pyenv. */
    static final List<String> PYENV_MINORS = List.of("3.8", "3.9", "3.10", "3.11", "3.12", "3.13");
    static final String DEBIAN_LABEL = "Debian 3.11";

    /** One expected interpreter: either found, or the reason it is not usable here. */
    record Slot(String label, Optional<CPython> python, String missingReason) {
        static Slot found(CPython p) {
            return new Slot(p.label(), Optional.of(p), "");
        }

        static Slot missing(String label, String reason) {
            return new Slot(label, Optional.empty(), reason);
        }
    }

    private static volatile List<Slot> cached;

    private CPythonProbe() {}

    /** Every expected interpreter, in a fixed order; probed once per test JVM. */
    static List<Slot> slots() {
        List<Slot> s = cached;
        if (s == null) {
            synchronized (CPythonProbe.class) {
                if (cached == null) {
                    cached = List.copyOf(probe());
                }
                s = cached;
            }
        }
        return s;
    }

    static List<CPython> found() {
        return slots().stream().flatMap(s -> s.python().stream()).toList();
    }

    private static List<Slot> probe() {
        List<Slot> slots = new ArrayList<>();
        Optional<Path> root = pyenvRoot();
        Map<String, Path> byMinor = root.map(CPythonProbe::pyenvVersionsByMinor).orElse(Map.of());
        for (String minor : PYENV_MINORS) {
            String label = "pyenv " + minor;
            Path home = byMinor.get(minor);
            if (root.isEmpty()) {
                slots.add(Slot.missing(label, "no pyenv root (tried `pyenv root`, $PYENV_ROOT, ~/.pyenv)"));
            } else if (home == null) {
                slots.add(Slot.missing(label, "no " + minor + ".* under " + root.get().resolve("versions")));
            } else {
                slots.add(inspect(label, home.resolve("bin/python"), minor));
            }
        }
        Path debian = Path.of("/usr/bin/python3.11");
        if (!Files.isExecutable(debian)) {
            slots.add(Slot.missing(DEBIAN_LABEL, debian + " is not installed"));
        } else {
            slots.add(inspect(DEBIAN_LABEL, debian, "3.11"));
        }
        return slots;
    }

    /**
     * The include directory of pyenv's newest CPython of a minor version outside the matrix (e.g. "3.7", used to
     * check that ftcompat.h refuses it), without running the interpreter.
     */
    static Optional<Path> pyenvIncludeDir(String minor) {
        Path home = pyenvRoot().map(CPythonProbe::pyenvVersionsByMinor).orElse(Map.of()).get(minor);
        if (home == null) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(home.resolve("include"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("python" + minor))
                    .filter(d -> Files.isRegularFile(d.resolve("Python.h"))).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> pyenvRoot() {
        List<Path> candidates = new ArrayList<>();
        Cmd cmd = Cmd.run(List.of("pyenv", "root"));
        if (cmd.ok() && !cmd.output().isBlank()) {
            candidates.add(Path.of(cmd.output().strip()));
        }
        String env = System.getenv("PYENV_ROOT");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".pyenv"));
        return candidates.stream().filter(p -> Files.isDirectory(p.resolve("versions"))).findFirst();
    }

    /** The newest patch release per minor version among pyenv's plain CPython builds (not 3.13t etc.). */
    private static Map<String, Path> pyenvVersionsByMinor(Path root) {
        Map<String, Path> best = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(root.resolve("versions"))) {
            dirs.filter(d -> d.getFileName().toString().matches("3\\.\\d+\\.\\d+"))
                    .filter(d -> Files.isExecutable(d.resolve("bin/python")))
                    .sorted(Comparator.comparing(CPythonProbe::patchOrder))
                    .forEach(d -> {
                        String[] v = d.getFileName().toString().split("\\.");
                        best.put(v[0] + "." + v[1], d);   // sorted ascending, so the newest patch wins
                    });
        } catch (IOException e) {
            return Map.of();
        }
        return best;
    }

    private static long patchOrder(Path versionDir) {
        String[] v = versionDir.getFileName().toString().split("\\.");
        return Long.parseLong(v[1]) * 10_000 + Long.parseLong(v[2]);
    }

    private static final String INSPECT = "import sys, sysconfig\n"
            + "print('%d.%d.%d' % sys.version_info[:3])\n"
            + "print(sysconfig.get_paths()['include'])\n"
            + "print(sysconfig.get_config_var('EXT_SUFFIX'))\n";

    private static Slot inspect(String label, Path python, String expectedMinor) {
        Cmd cmd = Cmd.run(List.of(python.toString(), "-c", INSPECT));
        if (!cmd.ok()) {
            return Slot.missing(label, python + " does not run: " + cmd.output().strip());
        }
        String[] lines = cmd.output().strip().split("\n");
        if (lines.length != 3) {
            return Slot.missing(label, python + " printed unexpected sysconfig output: " + cmd.output());
        }
        CPython p = new CPython(label, python, lines[0].strip(), Path.of(lines[1].strip()), lines[2].strip());
        if (!p.minor().equals(expectedMinor)) {
            return Slot.missing(label, python + " is " + p.version() + ", not " + expectedMinor);
        }
        if (!Files.isRegularFile(p.includeDir().resolve("Python.h"))) {
            return Slot.missing(label, "no " + p.includeDir().resolve("Python.h")
                    + (label.equals(DEBIAN_LABEL) ? " (package python3.11-dev is not installed)" : ""));
        }
        return Slot.found(p);
    }
}
