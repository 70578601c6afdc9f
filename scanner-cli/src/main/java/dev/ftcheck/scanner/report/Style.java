package dev.ftcheck.scanner.report;

import dev.ftcheck.scanner.api.Severity;

/** ANSI colours for the human formats, or none: decided once per run (terminal, {@code --color}, NO_COLOR). */
public record Style(boolean colour) {
    public static final Style PLAIN = new Style(false);

    public enum When { auto, always, never }

    /**
     * Colour when asked to always, never when asked not to; with {@code auto}, only on a terminal and when the
     * NO_COLOR convention (a non-empty {@code NO_COLOR} variable) does not say otherwise.
     */
    public static Style decide(When when, boolean terminal, String noColorEnv) {
        return switch (when) {
            case always -> new Style(true);
            case never -> PLAIN;
            case auto -> new Style(terminal && (noColorEnv == null || noColorEnv.isEmpty()));
        };
    }

    String bold(String s) {
        return wrap("1", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    String cyan(String s) {
        return wrap("36", s);
    }

    String code(Severity severity, String s) {
        return wrap(switch (severity) {
            case ERROR -> "1;31";
            case WARNING -> "1;33";
            case INFO -> "1;34";
        }, s);
    }

    private String wrap(String sgr, String s) {
        return colour ? "\u001b[" + sgr + "m" + s + "\u001b[0m" : s;
    }
}
