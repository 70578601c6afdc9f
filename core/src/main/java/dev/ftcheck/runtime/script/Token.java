package dev.ftcheck.runtime.script;

/** One token of a script; {@code value} is the literal's Java value for NUMBER and STRING tokens. */
record Token(Kind kind, String text, Object value, int line, int col) {
    enum Kind { NAME, NUMBER, STRING, OP, NEWLINE, INDENT, DEDENT, END }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOp(String t) {
        return is(Kind.OP, t);
    }

    boolean isName(String t) {
        return is(Kind.NAME, t);
    }
}
