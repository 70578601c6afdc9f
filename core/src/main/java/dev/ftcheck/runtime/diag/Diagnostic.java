package dev.ftcheck.runtime.diag;

import java.time.Instant;

/**
 * One structured event from the runtime's checks: what went wrong ({@code kind}, a stable code such as
 * {@code wrong-domain}), the scanner rule that names the same hazard in source ({@code FT101}, or null), the human
 * message, the thread it happened on and the C function involved (a C-API name, or the extension function that
 * called it when checked mode could tell), and that function's source file and line when the extension has debug
 * information (null and 0 otherwise).
 */
public record Diagnostic(String kind, String rule, String message, String thread, String cFunction, String file,
        int line, Instant time) {
    public String render() {
        return "ftcheck: " + kind + (rule != null ? " (" + rule + ")" : "") + " [" + thread
                + (cFunction != null ? ", " + cFunction : "") + "]: " + message;
    }
}
