package dev.ftcheck.tests.compat;

import java.nio.file.Path;

/**
 * A CPython interpreter found on this machine, with what building an extension for it needs.
 *
 * @param label       the expectation it fills, e.g. "pyenv 3.10" or "Debian 3.11"
 * @param executable  the interpreter
 * @param version     its full version, e.g. "3.10.13"
 * @param includeDir  where its Python.h lives
 * @param extSuffix   sysconfig's EXT_SUFFIX, e.g. ".cpython-310-x86_64-linux-gnu.so"
 */
record CPython(String label, Path executable, String version, Path includeDir, String extSuffix) {
    /** "3.10" from "3.10.13". */
    String minor() {
        String[] parts = version.split("\\.");
        return parts[0] + "." + parts[1];
    }

    /** A directory name that tells builds for different interpreters apart. */
    String slug() {
        return label.replaceAll("[^A-Za-z0-9.]+", "-") + "-" + version;
    }

    @Override
    public String toString() {
        return label + " (" + version + ", " + executable + ")";
    }
}
