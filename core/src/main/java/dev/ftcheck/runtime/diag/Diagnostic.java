package dev.ftcheck.runtime.diag;

import java.time.Instant;

/**
 * One structured event from the runtime's checks: what went wrong ({@code kind}, a stable code such as
 * {@code wrong-domain}), the human message, the thread it happened on and the C-API function involved.
 */
public record Diagnostic(String kind, String message, String thread, String cFunction, Instant time) {
    public String render() {
        return "ftcheck: " + kind + " [" + thread + (cFunction != null ? ", " + cFunction : "") + "]: " + message;
    }
}
