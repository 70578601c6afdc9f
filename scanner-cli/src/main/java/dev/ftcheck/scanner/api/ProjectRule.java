package dev.ftcheck.scanner.api;

/**
 * A rule that sees the whole scan at once, after every file rule has run: build files, Cython directives, the text
 * of every C/C++ file, modules reported by file rules and facts they published. Use it for cross-file questions
 * ("is this module declared GIL-free in a .pyx directive?", "does a build file define Py_LIMITED_API?").
 */
public non-sealed interface ProjectRule extends Rule {
    void check(ProjectContext project);
}
