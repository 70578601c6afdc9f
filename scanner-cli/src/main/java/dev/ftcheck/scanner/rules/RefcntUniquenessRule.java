package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.BorrowThenIncref;
import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.ContainerOrigin;
import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.FunctionInfo;
import dev.ftcheck.scanner.analysis.Preprocessor;
import dev.ftcheck.scanner.analysis.Tokens;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import dev.ftcheck.scanner.api.Fix;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

@RuleInfo(
        code = "FT807",
        name = "refcnt-uniqueness-check",
        family = Family.STRUCT_ACCESS,
        severity = Severity.WARNING,
        summary = "Py_REFCNT(o) == 1 used to decide that no one else holds the object",
        description = """
                Reports comparisons of `Py_REFCNT(o)` with 1 that test for sole ownership: `Py_REFCNT(o) == 1`, \
                `!= 1`, `<= 1`, `< 2`, `> 1`, `>= 2`, and the same with the operands swapped, typically guarding \
                an in-place mutation ("nobody else can see it, so reuse it"). Not reported: objects created in the \
                same function that have not escaped; module init, exec and teardown code; `assert(...)` and other \
                assertion macros; checks whose branch starts by raising (`if (Py_REFCNT(o) != 1) { PyErr_...`: a \
                test of the count itself); code compiled only for the GIL build (`#ifndef Py_GIL_DISABLED`, the \
                `#else` of `#ifdef Py_GIL_DISABLED`, or only below 3.13); and functions implementing \
                `PyUnstable_Object_IsUniquelyReferenced` themselves. Reads of `ob_refcnt` are FT801's.""",
        rationale = """
                In a free-threaded build `Py_REFCNT` adds the owning thread's count to the other threads' shared \
                count, each read separately and without a lock. A count of 1 does not mean the caller holds the \
                only reference: another thread can be creating one at that moment without holding one itself \
                (lock-free reads from dicts and lists take references that way, through the shared count), or \
                the one reference can belong to another thread. Mutating the object in place then races with a \
                reader that believes it is immutable or unchanged.""",
        example = """
                if (Py_REFCNT(result) == 1) {   /* reuse the tuple in place */
                    PyTuple_SET_ITEM(result, 0, item);
                }""",
        useInstead = """
                `int PyUnstable_Object_IsUniquelyReferenced(PyObject *op)` (3.14): 1 only when the calling thread \
                owns `op`, its count is 1 and no other thread has a count, a pending merge or a weak-reference \
                flag on it; in GIL builds it is `Py_REFCNT(op) == 1`. `compat-shims/ftcompat.h` supplies it for \
                CPython 3.8 to 3.13 (free-threaded 3.13 included), and `--fix` rewrites `== 1` / `!= 1`.""",
        triggers = {"Py_REFCNT"})
public final class RefcntUniquenessRule implements FileRule {
    private static final String REPLACEMENT = "PyUnstable_Object_IsUniquelyReferenced";
    private static final Set<String> ASSERTIONS = Set.of("assert", "Py_ASSERT", "_PyObject_ASSERT",
            "_PyObject_ASSERT_WITH_MSG", "DCHECK", "CHECK", "ASSERT", "PyAssert", "Py_DEBUG_ASSERT");

    /** One uniqueness comparison: whether it asks "unique?" (true) or "shared?" (false), and its token span. */
    private record Test(boolean unique, int from, int to, String operator) {}

    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        Tokens t = fa.tokens();
        for (FunctionInfo f : fa.functions()) {
            if (f.name().equals(REPLACEMENT) || f.name().startsWith("ftcompat_")) {
                continue;
            }
            ContainerOrigin origins = null;
            for (CallSite c : fa.callsNamed(f, Set.of("Py_REFCNT"))) {
                if (c.args().size() != 1 || c.arg(0).isEmpty()) {
                    continue;
                }
                Test test = comparison(t, c);
                if (test == null || insideAssertion(f, c) || raisesWhenTrue(t, f, test)
                        || gilOnly(ctx, t.start(c.nameToken()))) {
                    continue;
                }
                String obj = c.argNorm(0);
                if (origins == null) {
                    origins = new ContainerOrigin(fa, f);
                }
                ContainerOrigin.Origin origin = origins.classify(obj, c.nameToken());
                if (origin.kind().isPrivate()) {
                    continue; // made here and not handed out: it really is unique
                }
                if (fa.runsAtInit(f, c.nameToken())) {
                    continue; // module init, exec or teardown: no other thread uses the module's objects yet
                }
                boolean unparsed = f.isPseudo() && !origin.kind().provenShared();
                Confidence confidence = origin.confidence(unparsed, Set.of());
                String text = t.source().substring(t.start(test.from()), t.end(test.to()));
                String call = (test.unique() ? "" : "!") + REPLACEMENT + "(" + c.arg(0).text() + ")";
                ctx.report(t.start(test.from()), t.end(test.to()))
                        .api("Py_REFCNT")
                        .replacement(REPLACEMENT + "(op)", "1 when the caller holds the only reference, else 0")
                        .message("`" + text + "` does not prove that " + c.arg(0).text() + " is unshared in a"
                                + " free-threaded build: the count sums the owner's and the other threads' parts,"
                                + " and another thread can take a new reference through a lock-free read while"
                                + " this runs. " + origin.confidenceNote(unparsed, Set.of(), "object") + " Use "
                                + call + ".")
                        .confidence(confidence)
                        .fixHint(call)
                        .fix(fix(t, test, call))
                        .report();
            }
        }
    }

    /** The comparison around a Py_REFCNT(...) call that tests for sole ownership, or null. */
    private static Test comparison(Tokens t, CallSite c) {
        int after = c.close() + 1;
        if (isOperator(t, after) && isNumber(t, after + 1) && !arithmetic(t, after + 2)) {
            Boolean unique = forward(t.text(after), number(t, after + 1));
            if (unique != null && !arithmetic(t, c.nameToken() - 1)) {
                return new Test(unique, c.nameToken(), after + 1, t.text(after));
            }
        }
        int before = c.nameToken() - 1;
        if (isOperator(t, before) && isNumber(t, before - 1) && !arithmetic(t, before - 2)
                && !arithmetic(t, after)) {
            Boolean unique = forward(mirror(t.text(before)), number(t, before - 1));
            if (unique != null) {
                return new Test(unique, before - 1, c.close(), t.text(before));
            }
        }
        return null;
    }

    /** For {@code Py_REFCNT(o) <op> n}: true when it means "unique", false for "shared", null when neither. */
    private static Boolean forward(String op, long n) {
        return switch (op) {
            case "==" -> n == 1 ? Boolean.TRUE : null;
            case "!=" -> n == 1 ? Boolean.FALSE : null;
            case "<=" -> n == 1 ? Boolean.TRUE : null;
            case "<" -> n == 2 ? Boolean.TRUE : null;
            case ">" -> n == 1 ? Boolean.FALSE : null;
            case ">=" -> n == 2 ? Boolean.FALSE : null;
            default -> null;
        };
    }

    private static String mirror(String op) {
        return switch (op) {
            case "<" -> ">";
            case ">" -> "<";
            case "<=" -> ">=";
            case ">=" -> "<=";
            default -> op;
        };
    }

    private static boolean isOperator(Tokens t, int i) {
        return t.is(i, "==") || t.is(i, "!=") || t.is(i, "<=") || t.is(i, ">=") || t.is(i, "<") || t.is(i, ">");
    }

    private static boolean isNumber(Tokens t, int i) {
        return t.kind(i) == Tokens.NUMBER && number(t, i) >= 0;
    }

    private static long number(Tokens t, int i) {
        String s = t.text(i).replaceAll("[uUlL]+$", "");
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** An arithmetic operator next to the comparison makes it about something else ({@code Py_REFCNT(o) == 1 + n}). */
    private static boolean arithmetic(Tokens t, int i) {
        for (String op : new String[] {"+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^"}) {
            if (t.is(i, op)) {
                return true;
            }
        }
        return false;
    }

    private static boolean insideAssertion(FunctionInfo f, CallSite c) {
        for (CallSite outer : f.calls()) {
            if (outer.open() < c.nameToken() && c.close() < outer.close()
                    && (ASSERTIONS.contains(outer.name()) || outer.name().endsWith("_ASSERT")
                            || outer.name().startsWith("assert"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code if (Py_REFCNT(o) != 1) { PyErr_...; } }: a check of the count itself (a test, a sanity check), not a
     * decision to mutate in place, when the branch it guards starts by raising or aborting.
     */
    private static boolean raisesWhenTrue(Tokens t, FunctionInfo f, Test test) {
        int open = test.from() - 1;
        if (!t.is(open, "(") || !t.is(open - 1, "if") || t.match(open) != test.to() + 1) {
            return false;
        }
        int i = test.to() + 2;
        if (t.is(i, "{")) {
            i++;
        }
        return i < f.bodyClose() && t.isIdent(i) && t.is(i + 1, "(")
                && (t.text(i).startsWith("PyErr_") || t.text(i).equals("Py_FatalError"));
    }

    /** Code compiled only for GIL builds: under {@code #ifndef Py_GIL_DISABLED}, its equivalents, or below 3.13. */
    private static boolean gilOnly(FileContext ctx, int offset) {
        List<String> conds = Preprocessor.conditionsAt(ctx.tree(), offset);
        for (String c : conds) {
            String s = c.replace(" ", "");
            if (s.equals("#ifndefPy_GIL_DISABLED") || s.startsWith("#else of #ifdef Py_GIL_DISABLED".replace(" ", ""))
                    || s.startsWith("#elseof#ifdefined(Py_GIL_DISABLED)") || s.equals("#if!defined(Py_GIL_DISABLED)")
                    || s.startsWith("#elseof#ifPy_GIL_DISABLED")) {
                return true;
            }
        }
        return Preprocessor.compiledOnlyBelow(conds, 0x030D0000L);
    }

    /** {@code Py_REFCNT(o) == 1} / {@code != 1}: a safe rewrite (it can only answer "unique" less often). */
    private static Fix fix(Tokens t, Test test, String call) {
        if (!test.operator().equals("==") && !test.operator().equals("!=")) {
            return null;
        }
        List<Fix.Edit> edits = new ArrayList<>(BorrowThenIncref.compatInclude(t.source()));
        int from = t.start(test.from());
        int to = t.end(test.to());
        edits.add(new Fix.Edit(from, to, t.source().substring(from, to), call));
        return new Fix("use " + REPLACEMENT, edits);
    }
}
