package dev.ftcheck.scanner.api;

/** Where contexts deliver what rules report; implemented by the engine (thread-safe). */
public interface ScanSink {
    void finding(Finding finding);

    void module(ModuleInfo module);

    /** A fact a file rule shares with project rules (see {@link FileContext#publish}). */
    <T> void publish(Class<T> type, T fact);
}
