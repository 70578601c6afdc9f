package dev.ftcheck.scanner.cache;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the scan cache lives: {@code --cache-dir}, else the {@code ftcheck.cache.dir} system property (for
 * embedders and test runs), else {@code FTCHECK_CACHE_DIR}, else {@code .ftcheck_cache} in the project root: the
 * folder of the {@code pyproject.toml} whose {@code [tool.ftcheck]} configures the scan, or the current directory
 * when there is none.
 */
public final class CacheLocation {
    public static final String DEFAULT_NAME = ".ftcheck_cache";
    public static final String ENV = "FTCHECK_CACHE_DIR";
    public static final String PROPERTY = "ftcheck.cache.dir";

    private CacheLocation() {}

    /**
     * @param option the {@code --cache-dir} value, or null
     * @param configFile the pyproject.toml the configuration came from, or null
     */
    public static Path resolve(Path option, Path configFile, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path root = configFile == null ? null : configFile.toAbsolutePath().normalize().getParent();
        return root == null ? Path.of(DEFAULT_NAME) : root.resolve(DEFAULT_NAME);
    }
}
