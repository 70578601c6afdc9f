package dev.ftcheck.tests.abi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a set of C headers exposes, read from {@code gcc -E -dD} output: macros, functions, data, typedefs,
 * struct/union/enum tags and enumerators, each attributed to the header that declares it. Only headers accepted
 * by the file filter count, so the C library's own names stay out.
 *
 * <p>This is a small declaration reader, not a C parser: it splits the preprocessed text into top-level
 * declarations and takes the declared identifier from each, which is all a name inventory needs.
 */
final class CSurface {
    enum Kind { MACRO, FUNCTION, DATA, TYPEDEF, TAG, ENUMERATOR }

    private static final Pattern LINE_MARKER = Pattern.compile("^# (\\d+) \"([^\"]*)\".*");
    private static final Pattern DEFINE = Pattern.compile("^#define ([A-Za-z_][A-Za-z0-9_]*).*");
    private static final Pattern UNDEF = Pattern.compile("^#undef ([A-Za-z_][A-Za-z0-9_]*).*");
    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|[A-Za-z_][A-Za-z0-9_]*|[0-9][A-Za-z0-9_.]*|\\.\\.\\.|\\S");
    private static final Set<String> TAG_KEYWORDS = Set.of("struct", "union", "enum");
    /** Tokens that carry no name: GNU extensions wrapped around declarations. */
    private static final Set<String> SKIPPED_WITH_PARENS = Set.of("__attribute__", "__attribute", "__asm__", "__asm",
            "asm", "__declspec", "_Alignas", "alignas", "__typeof__", "typeof");
    private static final Set<String> KEYWORDS = Set.of("typedef", "extern", "static", "inline", "__inline",
            "__inline__", "const", "volatile", "restrict", "__restrict", "__restrict__", "signed", "unsigned", "int",
            "char", "short", "long", "float", "double", "void", "_Bool", "bool", "struct", "union", "enum",
            "__extension__", "_Noreturn", "register", "auto", "_Atomic", "_Thread_local", "__thread", "__int128",
            "_Complex", "__complex__", "__const");

    private final Map<String, Kind> names = new TreeMap<>();
    private final Map<String, String> origin = new TreeMap<>();

    private record Tok(String text, String file) {}

    /** Reads {@code gcc -E -dD} output; {@code inScope} decides by header path whose names count. */
    static CSurface read(String preprocessed, Predicate<String> inScope) {
        CSurface s = new CSurface();
        List<Tok> toks = new ArrayList<>();
        String file = "";
        for (String line : preprocessed.split("\n", -1)) {
            Matcher m;
            if ((m = LINE_MARKER.matcher(line)).matches()) {
                file = m.group(2);
                continue;
            }
            boolean scoped = inScope.test(file);
            if ((m = DEFINE.matcher(line)).matches()) {
                if (scoped) {
                    s.add(m.group(1), Kind.MACRO, file);
                }
                continue;
            }
            if ((m = UNDEF.matcher(line)).matches()) {
                if (scoped && s.names.get(m.group(1)) == Kind.MACRO) {
                    s.names.remove(m.group(1));
                    s.origin.remove(m.group(1));
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue; // #pragma and the like
            }
            Matcher t = TOKEN.matcher(line);
            while (t.find()) {
                toks.add(new Tok(t.group(), scoped ? file : null));
            }
        }
        s.readDeclarations(toks);
        return s;
    }

    Map<String, Kind> names() {
        return Collections.unmodifiableMap(names);
    }

    String origin(String name) {
        return origin.get(name);
    }

    /** Names as declared, without the macro kind: a macro's name counts as provided whatever it expands to. */
    private void add(String name, Kind kind, String file) {
        // A macro that shadows a declaration (Py_INCREF over its inline function) keeps the declaration's kind.
        if (kind == Kind.MACRO && names.containsKey(name)) {
            return;
        }
        if (names.get(name) == Kind.MACRO || !names.containsKey(name)) {
            names.put(name, kind);
            origin.put(name, file);
        }
    }

    private void readDeclarations(List<Tok> toks) {
        List<Tok> decl = new ArrayList<>();
        int i = 0;
        while (i < toks.size()) {
            Tok t = toks.get(i);
            if (t.text.equals(";")) {
                finish(decl);
                decl = new ArrayList<>();
                i++;
            } else if (t.text.equals("{")) {
                int end = matching(toks, i, "{", "}");
                boolean functionBody = !decl.isEmpty() && lastSignificant(decl).equals(")") && !isTypedef(decl);
                if (functionBody) {
                    finish(decl);
                    decl = new ArrayList<>();
                } else {
                    scanBody(toks.subList(i, end + 1), decl);
                    decl.add(new Tok("{}", t.file));
                }
                i = end + 1;
            } else {
                decl.add(t);
                i++;
            }
        }
    }

    /** The last token of a declaration, looking past trailing attributes: {@code f(void) __attribute__((x)) {}. */
    private static String lastSignificant(List<Tok> decl) {
        int k = decl.size() - 1;
        while (k >= 0) {
            if (!decl.get(k).text.equals(")")) {
                return decl.get(k).text;
            }
            int depth = 0;
            int open = k;
            for (; open >= 0; open--) {
                String s = decl.get(open).text;
                if (s.equals(")")) {
                    depth++;
                } else if (s.equals("(") && --depth == 0) {
                    break;
                }
            }
            if (open > 0 && SKIPPED_WITH_PARENS.contains(decl.get(open - 1).text)) {
                k = open - 2;
            } else {
                return ")";
            }
        }
        return "";
    }

    private static boolean isTypedef(List<Tok> decl) {
        return decl.stream().anyMatch(t -> t.text.equals("typedef"));
    }

    /** Struct member lists and enum bodies: tags used inside, and enumerators. */
    private void scanBody(List<Tok> body, List<Tok> decl) {
        boolean isEnum = decl.size() >= 1 && (decl.get(decl.size() - 1).text.equals("enum")
                || decl.size() >= 2 && decl.get(decl.size() - 2).text.equals("enum"));
        for (int k = 0; k < body.size(); k++) {
            Tok t = body.get(k);
            if (t.file == null) {
                continue;
            }
            if (TAG_KEYWORDS.contains(t.text) && k + 1 < body.size() && isIdent(body.get(k + 1).text)) {
                add(body.get(k + 1).text, Kind.TAG, t.file);
            }
            if (isEnum && isIdent(t.text) && k > 0 && (body.get(k - 1).text.equals("{") || body.get(k - 1).text.equals(","))) {
                add(t.text, Kind.ENUMERATOR, t.file);
            }
        }
    }

    private static int matching(List<Tok> toks, int open, String o, String c) {
        int depth = 0;
        for (int k = open; k < toks.size(); k++) {
            if (toks.get(k).text.equals(o)) {
                depth++;
            } else if (toks.get(k).text.equals(c) && --depth == 0) {
                return k;
            }
        }
        throw new IllegalStateException("unbalanced " + o + " in preprocessed headers");
    }

    private void finish(List<Tok> raw) {
        if (raw.isEmpty() || raw.get(0).file == null) {
            return;
        }
        String file = raw.get(0).file;
        List<String> decl = new ArrayList<>();
        for (int k = 0; k < raw.size(); k++) {
            String s = raw.get(k).text;
            if (SKIPPED_WITH_PARENS.contains(s) && k + 1 < raw.size() && raw.get(k + 1).text.equals("(")) {
                k = matching(raw, k + 1, "(", ")");
                continue;
            }
            if (s.equals("__extension__")) {
                continue;
            }
            decl.add(s);
        }
        for (int k = 0; k + 1 < decl.size(); k++) {
            if (TAG_KEYWORDS.contains(decl.get(k)) && isIdent(decl.get(k + 1))) {
                add(decl.get(k + 1), Kind.TAG, file);
            }
        }
        boolean typedef = decl.contains("typedef");
        // Each comma at parenthesis depth 0 separates declarators sharing one type.
        for (List<String> d : declarators(decl)) {
            String name = declaredName(d);
            if (name == null) {
                continue;
            }
            Kind kind = typedef ? Kind.TYPEDEF : (isFunction(d, name) ? Kind.FUNCTION : Kind.DATA);
            add(name, kind, file);
        }
    }

    private static List<List<String>> declarators(List<String> decl) {
        // The type part is shared; splitting keeps the prefix for each declarator so the name rules still work.
        List<List<String>> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        int prefixEnd = -1;
        for (int k = 0; k < decl.size(); k++) {
            String s = decl.get(k);
            if (s.equals("(") || s.equals("[")) {
                depth++;
            } else if (s.equals(")") || s.equals("]")) {
                depth--;
            } else if (s.equals(",") && depth == 0) {
                if (prefixEnd < 0) {
                    prefixEnd = typePrefixEnd(decl.subList(0, k));
                    out.add(new ArrayList<>(decl.subList(0, k)));
                } else {
                    List<String> d = new ArrayList<>(decl.subList(0, prefixEnd));
                    d.addAll(decl.subList(start, k));
                    out.add(d);
                }
                start = k + 1;
            }
        }
        if (prefixEnd < 0) {
            out.add(decl);
        } else {
            List<String> d = new ArrayList<>(decl.subList(0, prefixEnd));
            d.addAll(decl.subList(start, decl.size()));
            out.add(d);
        }
        return out;
    }

    /** Index just past the type specifiers of the first declarator (before its pointers and name). */
    private static int typePrefixEnd(List<String> first) {
        for (int k = first.size() - 1; k >= 0; k--) {
            if (isIdent(first.get(k)) && !KEYWORDS.contains(first.get(k))) {
                int p = k;
                while (p > 0 && first.get(p - 1).equals("*")) {
                    p--;
                }
                return p;
            }
        }
        return first.size();
    }

    /** The identifier a declarator declares: inside {@code (*name)} for pointers to functions, else the last
     *  non-keyword identifier before the parameter list, array bounds or initialiser. */
    private static String declaredName(List<String> d) {
        int eq = d.indexOf("=");
        List<String> body = eq >= 0 ? d.subList(0, eq) : d;
        int depth = 0;
        for (int k = 0; k + 1 < body.size(); k++) {
            String s = body.get(k);
            if (s.equals(")")) {
                depth--;
            } else if (s.equals("(") && depth++ == 0 && body.get(k + 1).equals("*")) {
                for (int j = k + 2; j < body.size() && !body.get(j).equals(")"); j++) {
                    if (isIdent(body.get(j)) && !KEYWORDS.contains(body.get(j))) {
                        return body.get(j);
                    }
                }
            }
        }
        String last = null;
        for (String s : body) {
            if (s.equals("(") || s.equals("[")) {
                if (last != null) {
                    return last;
                }
                if (s.equals("[")) {
                    break;
                }
                continue;
            }
            if (s.equals("{}")) {
                last = null;
                continue;
            }
            if (isIdent(s) && !KEYWORDS.contains(s)) {
                last = s;
            }
        }
        // "struct X;" declares only the tag.
        if (last != null && body.size() >= 2 && TAG_KEYWORDS.contains(body.get(body.size() - 2))
                && body.get(body.size() - 1).equals(last)) {
            return null;
        }
        return last;
    }

    private static boolean isFunction(List<String> d, String name) {
        int at = d.indexOf(name);
        return at >= 0 && at + 1 < d.size() && d.get(at + 1).equals("(") && !(at > 0 && d.get(at - 1).equals("*")
                && at > 1 && d.get(at - 2).equals("("));
    }

    private static boolean isIdent(String s) {
        return !s.isEmpty() && (Character.isLetter(s.charAt(0)) || s.charAt(0) == '_');
    }
}
