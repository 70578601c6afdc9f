package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.FunctionInfo;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT108",
        name = "sequence-fast-items-borrowed",
        family = Family.BORROWED_REFERENCE,
        severity = Severity.WARNING,
        summary = "PySequence_Fast_GET_ITEM / PySequence_Fast_ITEMS read items borrowed from a possibly shared list",
        description = """
                Reports `PySequence_Fast_GET_ITEM` and `PySequence_Fast_ITEMS` when the sequence given to \
                `PySequence_Fast` may be shared. When that sequence is a list, `PySequence_Fast` returns the list \
                itself, so the items are borrowed from a list other threads can change. Not reported: fast \
                sequences over a list or tuple created in this function, and reads under a critical section on the \
                original sequence or on the fast sequence.""",
        rationale = """
                `PySequence_Fast_ITEMS` exposes the list's internal array: a concurrent append can reallocate it \
                and a concurrent store can free an item, so both the array pointer and the items can dangle. \
                `PySequence_Fast_GET_ITEM` has the same problem item by item.""",
        example = """
                PyObject *fast = PySequence_Fast(seq, "expected a sequence");
                PyObject **items = PySequence_Fast_ITEMS(fast);""",
        useInstead = """
                Either lock the original object for the whole loop with `Py_BEGIN_CRITICAL_SECTION(seq)` ... \
                `Py_END_CRITICAL_SECTION()` (the items stay borrowed, valid only inside the section), or take an \
                immutable snapshot with `PySequence_Tuple(seq)` (new reference to a tuple; its items cannot change) \
                and read it with `PyTuple_GET_ITEM`.""",
        triggers = {"PySequence_Fast_GET_ITEM", "PySequence_Fast_ITEMS"})
public final class SequenceFastItemsRule extends BorrowedReferenceRule {
    public SequenceFastItemsRule() {
        super(Set.of("PySequence_Fast_GET_ITEM", "PySequence_Fast_ITEMS"),
                "Py_BEGIN_CRITICAL_SECTION(seq) around the loop, or a PySequence_Tuple snapshot",
                "items stay borrowed and are valid only inside the critical section; PySequence_Tuple returns a new "
                + "reference to an immutable tuple");
    }

    @Override
    String hazard(CallSite call) {
        return "when the original sequence is a list, `" + arg(call, 0, "the fast sequence")
                + "` is that list, and other threads can change it while its items are in use";
    }

    @Override
    String fixHint(CallSite c, String api) {
        return "Py_BEGIN_CRITICAL_SECTION(seq); ... " + api + "(" + arg(c, 0, "fast")
                + (c.args().size() > 1 ? ", " + arg(c, 1, "i") : "") + ") ...; Py_END_CRITICAL_SECTION();";
    }

    /** {@code assert(PyTuple_Check(seq))} earlier in the function: a tuple's items cannot change. */
    @Override
    boolean knownImmutable(FileAnalysis fa, FunctionInfo f, CallSite c, String container) {
        for (CallSite a : fa.callsNamed(f, Set.of("assert"))) {
            if (a.nameToken() > c.nameToken()) {
                continue;
            }
            for (CallSite check : fa.callsNamed(f, Set.of("PyTuple_Check", "PyTuple_CheckExact"))) {
                if (check.nameToken() > a.open() && check.nameToken() < a.close() && !check.args().isEmpty()
                        && check.argNorm(0).equals(container)) {
                    return true;
                }
            }
        }
        return false;
    }
}
