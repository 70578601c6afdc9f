package dev.ftcheck.runtime.diag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The runtime's stream of diagnostics and warnings. Events are kept (for reports) and pushed to listeners (for
 * stderr). Events that differ only in the addresses of the objects involved (the same bug hit again in a loop or
 * a stress run) are kept and echoed once, with a count of how often they happened, to bound memory and output.
 */
public final class Diagnostics {
    private static final int MAX_KEPT = 10_000;
    private final List<Diagnostic> events = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final java.util.Map<String, long[]> occurrences = new java.util.HashMap<>();
    private static final java.util.regex.Pattern OBJECT_ADDRESS = java.util.regex.Pattern.compile("0x[0-9a-f]{8,}");
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
            long[] n = occurrences.computeIfAbsent(key(d), k -> new long[1]);
            if (n[0]++ > 0 || events.size() >= MAX_KEPT) {
                return;
            }
            events.add(d);
        }
        for (Consumer<Diagnostic> l : listeners) {
            l.accept(d);
        }
    }

    private static String key(Diagnostic d) {
        return d.kind() + "\0" + d.rule() + "\0" + d.cFunction() + "\0"
                + OBJECT_ADDRESS.matcher(d.message()).replaceAll("0x?");
    }

    /** How many times this diagnostic (or one differing only in object addresses) was reported. */
    public synchronized long occurrences(Diagnostic d) {
        long[] n = occurrences.get(key(d));
        return n == null ? 0 : n[0];
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
