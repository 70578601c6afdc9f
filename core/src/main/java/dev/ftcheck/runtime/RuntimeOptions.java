package dev.ftcheck.runtime;

import dev.ftcheck.runtime.abi.Abi;
import dev.ftcheck.runtime.stdlib.StandInModule;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How to start a runtime: the GIL override ({@code PYTHON_GIL} / {@code --gil}), where warnings and diagnostics
 * are echoed as they happen (null: only recorded), optionally a bridge library other than the packaged one, the
 * directories imports search ({@code --path}, sys.path), the modules imported as stubs ({@code --stub-module}) and
 * the user's Java stand-in modules ({@code --stand-in JAR}), and whether checked mode is on (allocation sites,
 * quarantined frees, use-after-free and refcount-underflow reports; fixed by a process's first runtime), and
 * the ABI served (3.13t or 3.14t, also fixed per process).
 */
public record RuntimeOptions(GilSetting gil, PrintStream stderr, Path bridge, List<Path> searchPath,
        Set<String> stubModules, List<StandInModule> standIns, boolean checked, Abi abi) {
    public RuntimeOptions {
        searchPath = List.copyOf(searchPath);
        stubModules = Set.copyOf(stubModules);
        standIns = List.copyOf(standIns);
    }

    /** Defaults: GIL setting from PYTHON_GIL, echo to System.err, the packaged bridge, no search path, unchecked. */
    public static RuntimeOptions defaults() {
        return new RuntimeOptions(GilSetting.fromEnvironment(), System.err, null, List.of(), Set.of(), List.of(),
                false, Abi.DEFAULT);
    }

    public RuntimeOptions withGil(GilSetting g) {
        return new RuntimeOptions(g, stderr, bridge, searchPath, stubModules, standIns, checked, abi);
    }

    public RuntimeOptions withStderr(PrintStream s) {
        return new RuntimeOptions(gil, s, bridge, searchPath, stubModules, standIns, checked, abi);
    }

    public RuntimeOptions withBridge(Path b) {
        return new RuntimeOptions(gil, stderr, b, searchPath, stubModules, standIns, checked, abi);
    }

    /** The directories of sys.path, in order: where imports find extension modules and packages. */
    public RuntimeOptions withSearchPath(List<Path> dirs) {
        return new RuntimeOptions(gil, stderr, bridge, dirs, stubModules, standIns, checked, abi);
    }

    /** Modules that import as empty stubs whose attribute reads raise AttributeError naming the attribute. */
    public RuntimeOptions withStubModules(Set<String> names) {
        return new RuntimeOptions(gil, stderr, bridge, searchPath, names, standIns, checked, abi);
    }

    /**
     * Java modules extensions can import (besides those {@link java.util.ServiceLoader} finds on the class path);
     * see {@link StandInModule}.
     */
    public RuntimeOptions withStandIns(List<StandInModule> modules) {
        return new RuntimeOptions(gil, stderr, bridge, searchPath, stubModules, modules, checked, abi);
    }

    /**
     * The ABI served (its headers' layouts, its bridge); like checked mode, fixed by a process's first runtime,
     * since every module of a process shares one object layout.
     */
    public RuntimeOptions withAbi(Abi a) {
        return new RuntimeOptions(gil, stderr, bridge, searchPath, stubModules, standIns, checked, a);
    }

    /** Checked mode (docs/runtime.md): only the first runtime of a process decides it. */
    public RuntimeOptions withChecked(boolean on) {
        return new RuntimeOptions(gil, stderr, bridge, searchPath, stubModules, standIns, on, abi);
    }
}
