package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.MemberAccesses;
import dev.ftcheck.scanner.analysis.Tokens;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT801",
        name = "ob-refcnt-access",
        family = Family.STRUCT_ACCESS,
        severity = Severity.ERROR,
        summary = "Direct access to ob_refcnt",
        description = """
                Reports every read or write of `->ob_refcnt` / `.ob_refcnt`, and `Py_REFCNT(o) = n`. The bodies of \
                accessor shims (`Py_SET_REFCNT`, `_Py_SET_REFCNT` ...) and members of structs defined in the same \
                file are not reported.""",
        rationale = """
                Free-threaded builds have no `ob_refcnt` field: the count is split into a thread-local part \
                (`ob_ref_local`, owned by `ob_tid`) and an atomic shared part (`ob_ref_shared`), so such code does \
                not compile there. Even where it compiles, a plain read or write races with other threads' \
                increments, and immortal objects use special values.""",
        example = """
                if (o->ob_refcnt == 1) { /* reuse in place */ }""",
        useInstead = """
                `Py_REFCNT(o)` to read (an approximation under free threading), `Py_SET_REFCNT(o, n)` only for \
                objects you exclusively own, and `Py_INCREF` / `Py_DECREF` to change counts. For the "am I the only \
                owner" test (`o->ob_refcnt == 1`, whose findings name it) use \
                `PyUnstable_Object_IsUniquelyReferenced(o)` (3.14; `compat-shims/ftcompat.h` supplies it for 3.8 to \
                3.13).""",
        triggers = {"ob_refcnt", "Py_REFCNT"})
public final class RefcntAccessRule extends StructAccessRule {
    public RefcntAccessRule() {
        super(Set.of("ob_refcnt"), Set.of("Py_REFCNT"));
    }

    @Override
    String accessor(MemberAccesses.Access a) {
        return a.write() ? "Py_SET_REFCNT(o, n)" : "Py_REFCNT(o)";
    }

    @Override
    String convention(MemberAccesses.Access a) {
        return a.write() ? "void; only for objects no other thread can see" : "returns Py_ssize_t";
    }

    /** {@code o->ob_refcnt == 1} and the other sole-ownership tests: the 3.14 function answers that question. */
    private static boolean uniquenessTest(FileAnalysis fa, MemberAccesses.Access a) {
        Tokens t = fa.tokens();
        int op = a.fieldToken() + 1;
        if (a.write() || t.kind(op + 1) != Tokens.NUMBER) {
            return false;
        }
        String n = t.text(op + 1).replaceAll("[uUlL]+$", "");
        return (n.equals("1") && (t.is(op, "==") || t.is(op, "!=") || t.is(op, "<=") || t.is(op, ">")))
                || (n.equals("2") && (t.is(op, "<") || t.is(op, ">=")));
    }

    @Override
    String accessor(FileAnalysis fa, MemberAccesses.Access a) {
        return uniquenessTest(fa, a) ? "PyUnstable_Object_IsUniquelyReferenced(o)" : accessor(a);
    }

    @Override
    String convention(FileAnalysis fa, MemberAccesses.Access a) {
        return uniquenessTest(fa, a) ? "1 when the caller holds the only reference, else 0" : convention(a);
    }

    @Override
    String message(FileAnalysis fa, MemberAccesses.Access a) {
        if (!uniquenessTest(fa, a)) {
            return message(a);
        }
        return "Reads ob_refcnt directly to test for sole ownership: free-threaded builds split the reference count"
                + " into ob_ref_local and ob_ref_shared, so this does not compile there, and even the sum of the two"
                + " does not prove that no other thread can take a reference. Use"
                + " PyUnstable_Object_IsUniquelyReferenced(o) (3.14).";
    }

    @Override
    String message(MemberAccesses.Access a) {
        return (a.write() ? "Writes" : "Reads") + " ob_refcnt directly: free-threaded builds split the reference "
                + "count into ob_ref_local and ob_ref_shared, so this does not compile there and races with other "
                + "threads elsewhere. Use " + accessor(a) + ".";
    }
}
