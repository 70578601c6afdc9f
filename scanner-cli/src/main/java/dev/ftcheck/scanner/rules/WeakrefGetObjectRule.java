package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.Tokens;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.Fix;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT105",
        name = "weakref-get-object-borrowed",
        family = Family.BORROWED_REFERENCE,
        severity = Severity.WARNING,
        summary = "PyWeakref_GetObject / PyWeakref_GET_OBJECT return a borrowed reference to an object that can die",
        description = """
                Reports every `PyWeakref_GetObject` and `PyWeakref_GET_OBJECT`. There is no safe use: the referent \
                is by definition kept alive by someone else, so the container analysis does not apply.""",
        rationale = """
                A weak reference does not keep its referent alive. The borrowed pointer these calls return is only \
                valid while some other reference exists, and in a free-threaded build another thread can drop the \
                last one at any moment, even between the call and a `Py_INCREF`. Both are deprecated since 3.13.""",
        example = """
                PyObject *owner = PyWeakref_GetObject(self->owner_ref);
                if (owner == Py_None) { ... }
                return Py_NewRef(owner);""",
        useInstead = """
                `int PyWeakref_GetRef(PyObject *ref, PyObject **pobj)` (3.13+, or `pythoncapi_compat.h`): returns 1 \
                with `*pobj` a new (strong) reference when the referent is alive, 0 with `*pobj` NULL when it is \
                dead, -1 with `TypeError` when `ref` is not a weak reference.""",
        triggers = {"PyWeakref_GetObject", "PyWeakref_GET_OBJECT"})
public final class WeakrefGetObjectRule extends BorrowedReferenceRule {
    public WeakrefGetObjectRule() {
        super(Set.of("PyWeakref_GetObject", "PyWeakref_GET_OBJECT"),
                "PyWeakref_GetRef",
                "1 alive with *pobj a new reference, 0 dead with *pobj = NULL, -1 error (TypeError for a non-weakref)");
    }

    @Override
    Fix fix(Tokens t, CallSite call) {
        // A dead referent read as Py_None before; PyWeakref_GetRef gives 0 and NULL, so None is put back.
        // PyWeakref_GET_OBJECT has no error path: a call that can fail there needs a person.
        return call.name().equals("PyWeakref_GetObject")
                ? outParameter(t, call, 1, "PyWeakref_GetRef", "== 0", v -> v + " = Py_NewRef(Py_None);") : null;
    }

    @Override
    boolean analysesContainer() {
        return false;
    }

    @Override
    String hazard(CallSite call) {
        return "the referent of " + arg(call, 0, "the weak reference")
                + " can be destroyed by another thread at any moment, even before a Py_INCREF";
    }

    @Override
    String fixHint(CallSite c, String api) {
        return "PyObject *obj; int alive = PyWeakref_GetRef(" + arg(c, 0, "ref")
                + ", &obj); if (alive < 0) { /* error */ } if (alive) { ... Py_DECREF(obj); }";
    }
}
