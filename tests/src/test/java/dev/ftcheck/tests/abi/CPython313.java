package dev.ftcheck.tests.abi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** pyenv's CPython 3.13.0, the reference the ABI tests compare against; located through {@code pyenv root}. */
public final class CPython313 {
    static final String VERSION = "3.13.0";
    private static final Path HOME = locate();

    private CPython313() {}

    /** {@code <root>/versions/3.13.0}; a path that does not exist when pyenv is missing (tests then skip). */
    public static Path home() {
        return HOME;
    }

    public static Path include() {
        return HOME.resolve("include/python3.13");
    }

    static Path sharedLibrary() {
        return HOME.resolve("lib/libpython3.13.so");
    }

    private static Path locate() {
        String root = pyenvRoot();
        if (root == null) {
            String env = System.getenv("PYENV_ROOT");
            root = env != null && !env.isBlank() ? env : Path.of(System.getProperty("user.home"), ".pyenv").toString();
        }
        return Path.of(root, "versions", VERSION);
    }

    private static String pyenvRoot() {
        try {
            Process p = new ProcessBuilder("pyenv", "root").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
                return out;
            }
        } catch (IOException e) {
            return null; // no pyenv on PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
