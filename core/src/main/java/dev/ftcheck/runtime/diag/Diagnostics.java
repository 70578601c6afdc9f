package dev.ftcheck.runtime.diag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The runtime's stream of diagnostics and warnings. Events are kept (for reports) and pushed to listeners (for
 * stderr). Identical events repeated in a tight loop are kept once per kind+message+function to bound memory.
 */
public final class Diagnostics {
    private static final int MAX_KEPT = 10_000;
    private final List<Diagnostic> events = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final java.util.Set<String> seen = new java.util.HashSet<>();
    private final List<Consumer<Diagnostic>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> warningListeners = new CopyOnWriteArrayList<>();

    public void report(String kind, String cFunction, String message) {
        report(kind, null, cFunction, message);
    }

    /** A diagnostic that is the runtime evidence of a scanner rule ({@code rule}, e.g. FT201; null for none). */
    public void report(String kind, String rule, String cFunction, String message) {
        report(kind, rule, cFunction, null, 0, message);
    }

    /** ... with the source file and line of the C function, when known. */
    public void report(String kind, String rule, String cFunction, String file, int line, String message) {
        Diagnostic d = new Diagnostic(kind, rule, message, Thread.currentThread().getName(), cFunction, file, line,
                Instant.now());
        synchronized (this) {
            if (events.size() >= MAX_KEPT || !seen.add(kind + "\0" + cFunction + "\0" + message)) {
                return;
            }
            events.add(d);
        }
        for (Consumer<Diagnostic> l : listeners) {
            l.accept(d);
        }
    }

    /** A Python warning, already formatted as {@code Category: text}. */
    public void warn(String category, String text) {
        String line = category + ": " + text;
        synchronized (this) {
            warnings.add(line);
        }
        for (Consumer<String> l : warningListeners) {
            l.accept(line);
        }
    }

    public synchronized List<Diagnostic> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    public void onDiagnostic(Consumer<Diagnostic> listener) {
        listeners.add(listener);
    }

    public void onWarning(Consumer<String> listener) {
        warningListeners.add(listener);
    }
}
