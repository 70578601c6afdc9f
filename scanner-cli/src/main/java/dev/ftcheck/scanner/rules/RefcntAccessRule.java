package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.MemberAccesses;
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
                owner" test use `PyUnstable_Object_IsUniquelyReferenced(o)` (3.14).""",
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

    @Override
    String message(MemberAccesses.Access a) {
        return (a.write() ? "Writes" : "Reads") + " ob_refcnt directly: free-threaded builds split the reference "
                + "count into ob_ref_local and ob_ref_shared, so this does not compile there and races with other "
                + "threads elsewhere. Use " + accessor(a) + ".";
    }
}
