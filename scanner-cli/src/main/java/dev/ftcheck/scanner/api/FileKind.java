package dev.ftcheck.scanner.api;

/** What a discovered input file is, which decides how it is read and which rules see it. */
public enum FileKind {
    /** C source or header: parsed with tree-sitter-c. */
    C_SOURCE,
    /** C++ source or header: parsed with tree-sitter-cpp. */
    CPP_SOURCE,
    /** Cython {@code .pyx}/{@code .pxd}: read as text for directives only. */
    CYTHON,
    /** {@code setup.py}. */
    SETUP_PY,
    /** {@code setup.cfg}. */
    SETUP_CFG,
    /** {@code pyproject.toml}. */
    PYPROJECT_TOML,
    /** {@code meson.build}. */
    MESON_BUILD,
    /** {@code CMakeLists.txt}. */
    CMAKE_LISTS;

    public boolean isCFamily() {
        return this == C_SOURCE || this == CPP_SOURCE;
    }

    public boolean isBuildFile() {
        return this == SETUP_PY || this == SETUP_CFG || this == PYPROJECT_TOML || this == MESON_BUILD
                || this == CMAKE_LISTS;
    }
}
