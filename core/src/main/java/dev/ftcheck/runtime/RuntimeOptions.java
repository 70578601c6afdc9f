package dev.ftcheck.runtime;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How to start a runtime: the GIL override ({@code PYTHON_GIL} / {@code --gil}), where warnings and diagnostics
 * are echoed as they happen (null: only recorded), and optionally a bridge library other than the packaged one.
 */
public record RuntimeOptions(GilSetting gil, PrintStream stderr, Path bridge) {
    /** Defaults: GIL setting from PYTHON_GIL, echo to System.err, the packaged bridge. */
    public static RuntimeOptions defaults() {
        return new RuntimeOptions(GilSetting.fromEnvironment(), System.err, null);
    }

    public RuntimeOptions withGil(GilSetting g) {
        return new RuntimeOptions(g, stderr, bridge);
    }

    public RuntimeOptions withStderr(PrintStream s) {
        return new RuntimeOptions(gil, s, bridge);
    }

    public RuntimeOptions withBridge(Path b) {
        return new RuntimeOptions(gil, stderr, b);
    }
}
