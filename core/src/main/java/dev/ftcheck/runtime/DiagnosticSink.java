package dev.ftcheck.runtime;

/**
 * Where reports from code without a runtime in hand go: native hooks, upcall wrappers and object code reached from
 * C. They land in the active runtime's {@link dev.ftcheck.runtime.diag.Diagnostics}, or on stderr before the first
 * runtime starts.
 */
public final class DiagnosticSink {
    private DiagnosticSink() {
    }

    /** Records a diagnostic on the active runtime (or stderr before one exists). */
    public static void diagnose(String kind, String cFunction, String message) {
        FtRuntime rt = FtRuntime.activeOrNull();
        if (rt == null) {
            System.err.println("ftcheck: " + kind + " in " + cFunction + ": " + message);
            return;
        }
        rt.diagnostics().report(kind, cFunction, message);
    }

    /** A diagnostic that is the runtime evidence of scanner rule {@code rule} (null for none). */
    public static void diagnose(String kind, String rule, String cFunction, String message) {
        FtRuntime rt = FtRuntime.activeOrNull();
        if (rt == null) {
            System.err.println("ftcheck: " + kind + " in " + cFunction + ": " + message);
            return;
        }
        rt.diagnostics().report(kind, rule, cFunction, message);
    }

    /** ... with the C function's source file and line (null, 0: unknown). */
    public static void diagnose(String kind, String rule, String cFunction, String file, int line, String message) {
        FtRuntime rt = FtRuntime.activeOrNull();
        if (rt == null) {
            System.err.println("ftcheck: " + kind + " in " + cFunction + ": " + message);
            return;
        }
        rt.diagnostics().report(kind, rule, cFunction, file, line, message);
    }

    /** A bug in ftcheck itself surfaced at the C boundary: recorded with its stack for the report. */
    public static void internalError(String cFunction, Throwable t) {
        java.io.StringWriter sw = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(sw));
        diagnose("internal-error", cFunction, sw.toString());
    }
}
