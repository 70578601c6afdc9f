package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Node;

/**
 * Whether a node only exists in builds <em>without</em> free threading: some enclosing preprocessor branch is taken
 * only when {@code Py_GIL_DISABLED} is undefined ({@code #ifndef Py_GIL_DISABLED}, {@code #if !defined(...)}, or the
 * {@code #else} of {@code #ifdef Py_GIL_DISABLED}). Used by the limited-api rules.
 */
final class LimitedApiGuard {
    private static final String MACRO = "Py_GIL_DISABLED";

    private LimitedApiGuard() {}

    static boolean isGuarded(Node node) {
        for (Node p = node.parent(); p != null; p = p.parent()) {
            switch (p.type()) {
                case "preproc_ifdef" -> {
                    if (p.field("name") != null && p.field("name").textEquals(MACRO) && isIfndef(p)) {
                        return true;
                    }
                }
                case "preproc_if", "preproc_elif" -> {
                    if (testsAbsence(p.field("condition"))) {
                        return true;
                    }
                }
                case "preproc_else" -> {
                    Node opener = p.parent();
                    if (opener != null && opener.is("preproc_ifdef")) {
                        Node name = opener.field("name");
                        if (name != null && name.textEquals(MACRO) && !isIfndef(opener)) {
                            return true;
                        }
                    } else if (opener != null && testsPresence(opener.field("condition"))) {
                        return true;
                    }
                }
                default -> { }
            }
        }
        return false;
    }

    private static boolean isIfndef(Node ifdef) {
        Node first = ifdef.child(0);
        return first != null && first.text().startsWith("#ifndef");
    }

    private static String squeezed(Node cond) {
        return cond == null ? "" : cond.text().replaceAll("\\s+", "");
    }

    /** {@code !defined(Py_GIL_DISABLED)}, {@code !defined Py_GIL_DISABLED}, {@code !Py_GIL_DISABLED}. */
    private static boolean testsAbsence(Node cond) {
        String s = squeezed(cond);
        return s.contains("!defined(" + MACRO + ")") || s.contains("!defined" + MACRO) || s.contains("!" + MACRO);
    }

    /** {@code defined(Py_GIL_DISABLED)} not negated (an {@code #else} of it is a GIL-only branch). */
    private static boolean testsPresence(Node cond) {
        String s = squeezed(cond);
        return (s.contains("defined(" + MACRO + ")") || s.contains("defined" + MACRO) || s.equals(MACRO))
                && !testsAbsence(cond);
    }
}
