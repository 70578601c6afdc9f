package dev.ftcheck.tests.corpus;

import dev.ftcheck.tests.support.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real CPython that produces expected values: what it is, and how to build an extension for it.
 *
 * @param executable   the interpreter
 * @param version      e.g. "3.13.15"
 * @param freeThreaded whether it is a {@code --disable-gil} build
 * @param includeDir   its {@code Python.h} folder
 * @param extSuffix    sysconfig's EXT_SUFFIX
 */
record ReferencePython(Path executable, String version, boolean freeThreaded, Path includeDir, String extSuffix) {
    private static final String INSPECT = "import sys, sysconfig\n"
            + "print('%d.%d.%d' % sys.version_info[:3])\n"
            + "print(int(bool(sysconfig.get_config_var('Py_GIL_DISABLED'))))\n"
            + "print(sysconfig.get_paths()['include'])\n"
            + "print(sysconfig.get_config_var('EXT_SUFFIX'))\n";

    String description() {
        return "CPython " + version + (freeThreaded ? " free-threaded" : "");
    }

    List<String> cflags() {
        return List.of("-I" + includeDir);
    }

    /** Asks an interpreter what it is; empty when it does not run. */
    static Optional<ReferencePython> inspect(Path python) {
        if (!Files.isExecutable(python)) {
            return Optional.empty();
        }
        Processes.Run r = Processes.run(null, List.of(python.toString(), "-c", INSPECT), Map.of(), false,
                Duration.ofSeconds(60));
        String[] l = r.out().strip().split("\n");
        if (!r.ok() || l.length != 4) {
            return Optional.empty();
        }
        return Optional.of(new ReferencePython(python, l[0].strip(), l[1].strip().equals("1"), Path.of(l[2].strip()),
                l[3].strip()));
    }

    /** pyenv's newest CPython of a minor version ("3.11"), found through {@code pyenv root}. */
    static Optional<ReferencePython> pyenv(String minor) {
        Processes.Run r = Processes.run(null, List.of("pyenv", "root"), Map.of(), false, Duration.ofSeconds(30));
        List<Path> roots = new ArrayList<>();
        if (r.ok() && !r.out().isBlank()) {
            roots.add(Path.of(r.out().strip()));
        }
        String env = System.getenv("PYENV_ROOT");
        if (env != null && !env.isBlank()) {
            roots.add(Path.of(env));
        }
        for (Path root : roots) {
            try (var dirs = Files.list(root.resolve("versions"))) {
                Optional<Path> best = dirs.filter(d -> d.getFileName().toString().matches(
                        java.util.regex.Pattern.quote(minor) + "\\.\\d+"))
                        .max(java.util.Comparator.comparingInt(
                                d -> Integer.parseInt(d.getFileName().toString().substring(minor.length() + 1))));
                if (best.isPresent()) {
                    return inspect(best.get().resolve("bin/python"));
                }
            } catch (java.io.IOException e) {
                // try the next root
            }
        }
        return Optional.empty();
    }
}
