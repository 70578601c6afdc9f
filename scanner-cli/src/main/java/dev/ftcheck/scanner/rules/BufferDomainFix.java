package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallFinder;
import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.Expressions;
import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.FunctionInfo;
import dev.ftcheck.scanner.analysis.ObjectAllocatorUses;
import dev.ftcheck.scanner.analysis.Tokens;
import dev.ftcheck.scanner.api.Fix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves a buffer from the object allocator to the mem domain (FT501/FT502): every {@code PyObject_Malloc},
 * {@code Calloc}, {@code Realloc} and {@code Free} of that buffer becomes its {@code PyMem_*} twin, or none does,
 * since a block allocated in one domain and freed in the other is an error. A buffer is a local variable of one
 * function or a struct field declared in this file (all its {@code ->f} / {@code .f} uses in the file); storages
 * joined by a realloc or by {@code a = b;} are one buffer. It is left alone when any use could hand the pointer to
 * code this file does not show: returned, passed to a call other than the allocator and the {@code mem*}/{@code str*}
 * family, stored anywhere else, its address taken, or used outside a function.
 */
final class BufferDomainFix {
    private static final Set<String> READS_ONLY = Set.of("memcpy", "memmove", "memset", "memcmp", "strcpy",
            "strncpy", "strcat", "strncat", "strlen", "strcmp", "strncmp", "sprintf", "snprintf", "PyOS_snprintf",
            "sizeof", "assert");

    private final FileAnalysis fa;
    private final Tokens t;
    /** union-find over storage keys ("local:<body>:<name>", "field:<name>") */
    private final Map<String, String> parent = new HashMap<>();
    private final Set<String> escaped = new HashSet<>();
    private final Map<Integer, ObjectAllocatorUses.Use> useAt = new HashMap<>();
    /** Each allocator call's storage key; null for a call whose storage is not tracked (it is never renamed). */
    private final Map<Integer, String> keyOfCall = new HashMap<>();

    private BufferDomainFix(FileAnalysis fa) {
        this.fa = fa;
        this.t = fa.tokens();
    }

    /** The fix for the allocator call whose name token is {@code nameToken}, or null. */
    static Fix at(FileAnalysis fa, int nameToken) {
        return fa.<Map<Integer, Fix>>memo("BufferDomainFix", () -> new BufferDomainFix(fa).compute())
                .get(nameToken);
    }

    private Map<Integer, Fix> compute() {
        for (ObjectAllocatorUses.Use u : ObjectAllocatorUses.find(fa)) {
            useAt.put(u.call().nameToken(), u);
        }
        for (ObjectAllocatorUses.Use u : useAt.values()) {
            CallSite c = u.call();
            FunctionInfo f = fa.functionAt(c.nameToken());
            String key = u.alloc() ? storageKey(f, assignedTarget(c)) : storageKey(f, argExpr(c, 0));
            keyOfCall.put(c.nameToken(), key);
            if (key == null) {
                continue;
            }
            find(key);
            if (c.name().contains("Realloc") || c.name().contains("REALLOC")) {
                String from = storageKey(f, argExpr(c, 0));
                if (from == null) {
                    escaped.add(key);
                } else {
                    union(key, from);
                }
            }
        }
        for (String key : new ArrayList<>(parent.keySet())) {
            checkUses(key);
        }
        Map<String, List<CallSite>> groups = new HashMap<>();
        Set<String> unfixable = new HashSet<>();
        for (var e : keyOfCall.entrySet()) {
            ObjectAllocatorUses.Use u = useAt.get(e.getKey());
            if (e.getValue() == null) {
                continue;
            }
            String root = find(e.getValue());
            groups.computeIfAbsent(root, k -> new ArrayList<>()).add(u.call());
            boolean bufferAlloc = u.verdict() == ObjectAllocatorUses.Verdict.BUFFER
                    || u.verdict() == ObjectAllocatorUses.Verdict.PROBABLY_BUFFER;
            if (u.alloc() ? !bufferAlloc : u.verdict() == ObjectAllocatorUses.Verdict.OBJECT) {
                unfixable.add(root);
            }
        }
        for (String k : escaped) {
            unfixable.add(find(k));
        }
        Map<Integer, Fix> out = new HashMap<>();
        for (var g : groups.entrySet()) {
            List<CallSite> calls = g.getValue();
            boolean allocates = calls.stream().anyMatch(c -> useAt.get(c.nameToken()).alloc());
            if (unfixable.contains(g.getKey()) || !allocates) {
                continue; // a buffer only freed here was allocated where this file does not show
            }
            List<Fix.Edit> edits = new ArrayList<>();
            for (CallSite c : calls) {
                String replacement = ObjectAllocatorUses.ALLOC_REPLACEMENT.getOrDefault(c.name(),
                        ObjectAllocatorUses.FREE_REPLACEMENT.get(c.name()));
                edits.add(new Fix.Edit(t.start(c.nameToken()), t.end(c.nameToken()), c.name(), replacement));
            }
            edits.sort(java.util.Comparator.comparingInt(Fix.Edit::start));
            Fix fix = new Fix("move the buffer to the mem domain: " + calls.size() + " allocator call"
                    + (calls.size() == 1 ? "" : "s") + " become PyMem_*", edits);
            for (CallSite c : calls) {
                out.put(c.nameToken(), fix);
            }
        }
        return out;
    }

    /** The storage an expression names: a local of {@code f}, or a field declared in this file; else null. */
    private String storageKey(FunctionInfo f, String expr) {
        if (expr == null || f == null) {
            return null;
        }
        if (expr.matches("[A-Za-z_]\\w*")) {
            return f.locals().containsKey(expr) && f.param(expr) == null ? "local:" + f.bodyOpen() + ":" + expr
                    : null;
        }
        java.util.regex.Matcher m = FIELD.matcher(expr);
        if (m.matches() && fa.fieldType(m.group(1)) != null) {
            return "field:" + m.group(1);
        }
        return null;
    }

    /** {@code self->buf}, {@code obj.buf}, {@code ((T *)o)->buf}: a field reached from an identifier or a cast. */
    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile(
            "(?:[A-Za-z_]\\w*|\\(\\([^()]*\\)[A-Za-z_]\\w*\\))(?:->|\\.)(?:[A-Za-z_]\\w*(?:->|\\.))*([A-Za-z_]\\w*)");

    /** The text assigned by {@code x = [cast] Call(...)}, or null when the result goes anywhere else. */
    private String assignedTarget(CallSite c) {
        return lhsOf(skipCastBackwards(c.nameToken() - 1));
    }

    private String argExpr(CallSite c, int i) {
        CallSite.Arg a = c.arg(i);
        return a == null ? null : a.normalized();
    }

    /** Index of the token before a {@code (T *)} cast that ends at {@code close}, or {@code close} itself. */
    private int skipCastBackwards(int close) {
        if (t.is(close, ")") && t.is(close - 1, "*")) {
            int open = t.match(close);
            if (open >= 0 && open < close) {
                return open - 1;
            }
        }
        return close;
    }

    /** Marks {@code key} escaped when any occurrence could hand the pointer on; joins {@code a = b;} storages. */
    private void checkUses(String key) {
        String[] parts = key.split(":");
        if (parts[0].equals("local")) {
            int open = Integer.parseInt(parts[1]);
            FunctionInfo f = fa.functionAt(open + 1);
            for (int i = open + 1; f != null && i < f.bodyClose(); i++) {
                if (t.is(i, parts[2]) && !t.is(i - 1, "->") && !t.is(i - 1, ".")) {
                    checkOccurrence(key, f, i, i);
                }
            }
            return;
        }
        String field = parts[1];
        for (int i = 1; i < t.size(); i++) {
            if (t.is(i, field) && (t.is(i - 1, "->") || t.is(i - 1, "."))) {
                FunctionInfo f = fa.functionAt(i);
                if (f == null || f.isPseudo()) {
                    escaped.add(key); // an initialiser or a macro: not followed
                    continue;
                }
                checkOccurrence(key, f, expressionStart(i), i);
            }
        }
    }

    /** The first token of the postfix chain ending at the field token {@code i} ({@code self->a.b}). */
    private int expressionStart(int i) {
        int s = i;
        while (t.is(s - 1, "->") || t.is(s - 1, ".")) {
            int prev = s - 2;
            if (t.is(prev, ")") || t.is(prev, "]")) {
                int open = t.match(prev);
                if (open < 0) {
                    return prev;
                }
                s = t.is(prev, "]") && t.isIdent(open - 1) ? open - 1 : open;
            } else {
                s = prev;
            }
        }
        return s;
    }

    /**
     * Accepts only uses that keep the pointer where it is: its declaration, a store of a tracked allocation (or
     * NULL), an element or dereference, a test, a whole argument of a tracked allocator call or of the
     * {@code mem*}/{@code str*} family, and {@code a = b;} between tracked storages. Anything else (pointer
     * arithmetic kept elsewhere, a chained assignment, a cast, a call) marks the buffer escaped.
     */
    private void checkOccurrence(String key, FunctionInfo f, int start, int end) {
        int prev = start - 1;
        int next = end + 1;
        if (t.is(prev, "&") || t.is(prev, "return")) {
            escaped.add(key);
            return;
        }
        if (t.is(next, "[") || isDereference(prev)) {
            return; // the contents are read or written; the pointer itself goes nowhere
        }
        if (t.is(prev, "=") || t.is(skipCastBackwards(prev), "=") && skipCastBackwards(prev) != prev) {
            int eq = skipCastBackwards(prev);
            String lhs = lhsOf(eq);
            String other = lhs == null ? null : storageKey(f, lhs);
            if (eq == prev && other != null && t.is(next, ";") && parent.containsKey(other)) {
                union(key, other);
            } else {
                escaped.add(key); // copied into storage that is not tracked, or through a cast or a chain
            }
            return;
        }
        if (t.is(next, "=")) {
            checkStore(key, f, next + 1);
            return;
        }
        CallSite call = CallFinder.innermost(f.calls(), start);
        if (call != null && call.open() < start) {
            boolean wholeArg = call.args().stream().anyMatch(a -> a.from() == start && a.to() == end);
            if (keyOfCall.get(call.nameToken()) != null && wholeArg || READS_ONLY.contains(call.name())) {
                return;
            }
            // handed to code this analysis does not follow (also an allocator call in a tp_free body, which the
            // classification skips and so cannot be renamed with the rest)
            escaped.add(key);
            return;
        }
        boolean compared = t.is(next, "==") || t.is(next, "!=") || t.is(prev, "==") || t.is(prev, "!=");
        boolean tested = (t.is(prev, "(") || t.is(prev, "!") || t.is(prev, "&&") || t.is(prev, "||"))
                && (t.is(next, ")") || t.is(next, "&&") || t.is(next, "||") || t.is(next, "?"));
        boolean declared = isDeclarationOf(start) && (t.is(next, ";") || t.is(next, ","));
        if (!(compared || tested || declared)) {
            escaped.add(key);
        }
    }

    /** A unary {@code *} at {@code i}: nothing that ends an operand comes before it. */
    private boolean isDereference(int i) {
        return t.is(i, "*") && !t.isIdent(i - 1) && !t.is(i - 1, ")") && !t.is(i - 1, "]")
                && t.kind(i - 1) != Tokens.NUMBER && t.kind(i - 1) != Tokens.STRING
                && (t.kind(i - 1) != Tokens.KEYWORD || t.is(i - 1, "return"));
    }

    /** {@code key = rhs}: a tracked allocator call, NULL, 0 or another tracked storage keeps the buffer here. */
    private void checkStore(String key, FunctionInfo f, int rhs) {
        int s = rhs;
        if (t.is(s, "(")) {
            int close = t.match(s);
            if (close > s && t.is(close - 1, "*")) {
                s = close + 1; // a cast
            }
        }
        if (keyOfCall.get(s) != null || (t.is(s, "NULL") || t.is(s, "0")) && t.is(s + 1, ";")) {
            return;
        }
        int e = s;
        while (e < f.bodyClose() && !t.is(e, ";")) {
            e++;
        }
        String other = storageKey(f, Expressions.normalize(t.compact(s, e - 1)));
        if (other != null && parent.containsKey(other)) {
            union(key, other);
        } else {
            escaped.add(key); // assigned from something that is not this buffer's allocator
        }
    }

    private boolean isDeclarationOf(int i) {
        return t.is(i - 1, "*") && (t.isIdent(i - 2) || t.kind(i - 2) == Tokens.KEYWORD || t.is(i - 2, "*"));
    }

    /** What the {@code =} at {@code eq} assigns: the variable of a declaration or plain store, or the lvalue. */
    private String lhsOf(int eq) {
        if (!t.is(eq, "=")) {
            return null;
        }
        if (t.isIdent(eq - 1) && !t.is(eq - 2, "->") && !t.is(eq - 2, ".")) {
            return t.text(eq - 1);
        }
        int s = eq - 1;
        while (s > 0 && !t.is(s - 1, ";") && !t.is(s - 1, "{") && !t.is(s - 1, "}") && !t.is(s - 1, ",")
                && !t.is(s - 1, "(")) {
            s--;
        }
        return Expressions.normalize(t.compact(s, eq - 1));
    }

    private String find(String k) {
        parent.putIfAbsent(k, k);
        String p = parent.get(k);
        if (p.equals(k)) {
            return k;
        }
        String root = find(p);
        parent.put(k, root);
        return root;
    }

    private void union(String a, String b) {
        String ra = find(a);
        String rb = find(b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }
}
