package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.ContainerOrigin;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT301",
        name = "list-set-item-shared",
        family = Family.UNSAFE_SET_ITEM,
        severity = Severity.WARNING,
        summary = "PyList_SET_ITEM on a list that was not created here or has already escaped",
        description = """
                Reports `PyList_SET_ITEM` when the list is not one created earlier in the same function \
                (`PyList_New` ...) that is still private: a global, a parameter, a field of `self`, or a new list \
                that was already passed to a call or stored somewhere before the store. Stores inside \
                `Py_BEGIN_CRITICAL_SECTION(list)` on the same list are not reported. Confidence is high for lists \
                shown shared, medium for parameters, and low for fields of parameters, call results and \
                expressions the scanner cannot follow (measured below 9 in 10 on real code).""",
        rationale = """
                The macro writes the item pointer directly: no lock, no bounds check, no release of the item it \
                overwrites. On a list other threads can see, a concurrent resize can move the item array under the \
                store, readers can observe a half-initialised slot, and the overwritten item leaks or, when the code \
                releases it separately, is freed while another thread still reads it.""",
        example = """
                Py_INCREF(value);
                PyList_SET_ITEM(self->slots, i, value);""",
        useInstead = """
                `int PyList_SetItem(PyObject *list, Py_ssize_t i, PyObject *item)`: locks the list, checks bounds, \
                releases the old item and steals the reference to `item`; returns 0, or -1 with `IndexError`. Keep \
                `PyList_SET_ITEM` for filling a list you just created with `PyList_New`, before anyone else sees it.""",
        triggers = {"PyList_SET_ITEM"})
public final class ListSetItemRule extends SetItemRule {
    public ListSetItemRule() {
        super("PyList_SET_ITEM",
                "PyList_SetItem",
                "steals the item reference; 0 on success, -1 with IndexError when out of range; locks the list");
    }

    /** Measured on the real-world corpus: a field of a parameter was a real race in 3 of 4 triaged findings. */
    @Override
    Set<ContainerOrigin.Kind> lowConfidenceKinds() {
        return Set.of(ContainerOrigin.Kind.PARAMETER_FIELD);
    }

    @Override
    String advice(CallSite c) {
        return "Use PyList_SetItem(" + BorrowedReferenceRule.arg(c, 0, "list") + ", "
                + BorrowedReferenceRule.arg(c, 1, "i") + ", " + BorrowedReferenceRule.arg(c, 2, "item")
                + "), which locks the list and releases the old item (it steals the new reference).";
    }
}
