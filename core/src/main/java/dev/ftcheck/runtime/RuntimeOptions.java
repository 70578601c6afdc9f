package dev.ftcheck.runtime;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How to start a runtime: the GIL override ({@code PYTHON_GIL} / {@code --gil}), where warnings and diagnostics
 * are echoed as they happen (null: only recorded), optionally a bridge library other than the packaged one, the
 * directories imports search ({@code --path}, sys.path) and the modules imported as stubs ({@code --stub-module}).
 */
public record RuntimeOptions(GilSetting gil, PrintStream stderr, Path bridge, List<Path> searchPath,
        Set<String> stubModules) {
    public RuntimeOptions {
        searchPath = List.copyOf(searchPath);
        stubModules = Set.copyOf(stubModules);
    }

    /** Defaults: GIL setting from PYTHON_GIL, echo to System.err, the packaged bridge, no search path. */
    public static RuntimeOptions defaults() {
        return new RuntimeOptions(GilSetting.fromEnvironment(), System.err, null, List.of(), Set.of());
    }

    public RuntimeOptions withGil(GilSetting g) {
        return new RuntimeOptions(g, stderr, bridge, searchPath, stubModules);
    }

    public RuntimeOptions withStderr(PrintStream s) {
        return new RuntimeOptions(gil, s, bridge, searchPath, stubModules);
    }

    public RuntimeOptions withBridge(Path b) {
        return new RuntimeOptions(gil, stderr, b, searchPath, stubModules);
    }

    /** The directories of sys.path, in order: where imports find extension modules and packages. */
    public RuntimeOptions withSearchPath(List<Path> dirs) {
        return new RuntimeOptions(gil, stderr, bridge, dirs, stubModules);
    }

    /** Modules that import as empty stubs whose attribute reads raise AttributeError naming the attribute. */
    public RuntimeOptions withStubModules(Set<String> names) {
        return new RuntimeOptions(gil, stderr, bridge, searchPath, names);
    }
}
