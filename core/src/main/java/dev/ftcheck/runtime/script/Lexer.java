package dev.ftcheck.runtime.script;

import dev.ftcheck.runtime.script.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Splits a script into tokens with Python's line structure: INDENT/DEDENT from leading whitespace, NEWLINE at the
 * end of each logical line, no NEWLINE inside brackets or after a backslash continuation, comments dropped. String
 * and number literals are decoded by {@link Literals}, the same rules as the literals of {@code --call}.
 */
final class Lexer {
    private static final List<String> OPERATORS = List.of("**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//",
            ">>", "<<", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*",
            "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=");

    private final String file;
    private final String src;
    private final int[] lineStarts;
    private final List<Token> out = new ArrayList<>();
    private final Deque<Integer> indents = new ArrayDeque<>(List.of(0));
    private int pos;
    private int depth;

    Lexer(String file, String src) {
        this.file = file;
        this.src = src.replace("\r\n", "\n");
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < this.src.length(); i++) {
            if (this.src.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    List<Token> tokens() {
        boolean lineStart = true;
        while (true) {
            if (lineStart && depth == 0) {
                if (!indentation()) {
                    break;
                }
                lineStart = false;
            }
            if (pos >= src.length()) {
                break;
            }
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\\') {
                if (pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                    pos += 2;
                } else {
                    throw error(pos, "unexpected character after line continuation character");
                }
            } else if (c == '\n') {
                if (depth == 0) {
                    add(Kind.NEWLINE, "\n", null, pos);
                    lineStart = true;
                }
                pos++;
            } else if (stringStart()) {
                string();
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length()
                    && Character.isDigit(src.charAt(pos + 1)))) {
                number();
            } else if (Character.isUnicodeIdentifierStart(c) || c == '_') {
                int start = pos;
                while (pos < src.length() && (Character.isUnicodeIdentifierPart(src.charAt(pos)))
                        && !Character.isIdentifierIgnorable(src.charAt(pos))) {
                    pos++;
                }
                add(Kind.NAME, src.substring(start, pos), null, start);
            } else {
                operator();
            }
        }
        if (depth > 0) {
            throw error(src.length(), "unexpected end of file inside brackets");
        }
        if (!out.isEmpty() && out.get(out.size() - 1).kind() != Kind.NEWLINE) {
            add(Kind.NEWLINE, "\n", null, src.length());
        }
        while (indents.size() > 1) {
            indents.pop();
            add(Kind.DEDENT, "", null, src.length());
        }
        add(Kind.END, "", null, src.length());
        return out;
    }

    /** Reads a line's leading whitespace, skipping blank and comment lines; false at the end of the file. */
    private boolean indentation() {
        while (pos < src.length()) {
            int width = 0;
            int start = pos;
            while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t'
                    || src.charAt(pos) == '\f')) {
                width = src.charAt(pos) == '\t' ? (width / 8 + 1) * 8 : src.charAt(pos) == ' ' ? width + 1 : 0;
                pos++;
            }
            if (pos >= src.length()) {
                return false;
            }
            char c = src.charAt(pos);
            if (c == '\n' || c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
                pos++;
                continue;
            }
            if (width > indents.peek()) {
                indents.push(width);
                add(Kind.INDENT, "", null, pos);
            } else {
                while (width < indents.peek()) {
                    indents.pop();
                    add(Kind.DEDENT, "", null, pos);
                }
                if (width != indents.peek()) {
                    throw error(start, "unindent does not match any outer indentation level");
                }
            }
            return true;
        }
        return false;
    }

    private boolean stringStart() {
        int p = pos;
        while (p < src.length() && p - pos < 3 && Character.isLetter(src.charAt(p))) {
            p++;
        }
        return p < src.length() && p - pos <= 2 && (src.charAt(p) == '\'' || src.charAt(p) == '"')
                && (p == pos || isPrefix(src.substring(pos, p)));
    }

    private static boolean isPrefix(String p) {
        return Arrays.asList("r", "u", "b", "rb", "br", "f", "rf", "fr", "t", "rt", "tr")
                .contains(p.toLowerCase(java.util.Locale.ROOT));
    }

    private void string() {
        int start = pos;
        int quote = pos;
        while (Character.isLetter(src.charAt(quote))) {
            quote++;
        }
        String prefix = src.substring(pos, quote).toLowerCase(java.util.Locale.ROOT);
        if (prefix.contains("f")) {
            throw unsupported(start, "f-strings");
        }
        if (prefix.contains("t")) {
            throw unsupported(start, "t-strings");
        }
        try {
            Literals.Scanned s = Literals.string(src, pos);
            pos = s.end();
            add(Kind.STRING, src.substring(start, pos), s.value(), start);
        } catch (Literals.SyntaxError e) {
            throw error(e.position(), e.what());
        }
    }

    private void number() {
        int start = pos;
        try {
            Literals.Scanned s = Literals.number(src, pos);
            pos = s.end();
            add(Kind.NUMBER, src.substring(start, pos), s.value(), start);
        } catch (Literals.SyntaxError e) {
            throw error(e.position(), e.what());
        }
    }

    private void operator() {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                switch (op) {
                    case "(", "[", "{" -> depth++;
                    case ")", "]", "}" -> {
                        if (depth == 0) {
                            throw error(pos, "unmatched '" + op + "'");
                        }
                        depth--;
                    }
                    default -> { }
                }
                add(Kind.OP, op, null, pos);
                pos += op.length();
                return;
            }
        }
        throw error(pos, "invalid character '" + src.charAt(pos) + "' (U+"
                + String.format("%04X", src.codePointAt(pos)) + ")");
    }

    private void add(Kind kind, String text, Object value, int at) {
        out.add(new Token(kind, text, value, line(at), col(at)));
    }

    private int line(int at) {
        int i = Arrays.binarySearch(lineStarts, at);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private int col(int at) {
        return at - lineStarts[line(at) - 1] + 1;
    }

    private ScriptSyntaxError error(int at, String what) {
        return new ScriptSyntaxError(file, line(at), col(at), "syntax error: " + what);
    }

    private ScriptSyntaxError unsupported(int at, String what) {
        return ScriptSyntaxError.unsupported(file, line(at), col(at), what);
    }
}
