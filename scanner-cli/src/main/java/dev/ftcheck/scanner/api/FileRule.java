package dev.ftcheck.scanner.api;

/** A rule that inspects one parsed C or C++ file at a time. Called concurrently; keep no state between calls. */
public non-sealed interface FileRule extends Rule {
    /** Inspect {@code file} and report findings through it. */
    void check(FileContext file);
}
