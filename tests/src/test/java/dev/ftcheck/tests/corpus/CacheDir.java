package dev.ftcheck.tests.corpus;

import java.nio.file.Path;

/** Where downloads and builds that outlive a test run are kept: {@code $XDG_CACHE_HOME/ftcheck}, as the runtime does. */
public final class CacheDir {
    private CacheDir() {}

    public static Path root() {
        String explicit = System.getenv("FTCHECK_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ftcheck");
    }
}
