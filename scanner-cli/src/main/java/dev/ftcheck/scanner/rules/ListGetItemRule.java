package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.Tokens;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.Fix;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT101",
        name = "list-get-item-borrowed",
        family = Family.BORROWED_REFERENCE,
        severity = Severity.WARNING,
        summary = "PyList_GetItem / PyList_GET_ITEM on a list other threads can modify",
        description = """
                Reports `PyList_GetItem` and `PyList_GET_ITEM` when the list may be shared: a global or module-state \
                list, a parameter, a field of `self`, or a list created here that was already handed to other code. \
                Lists created earlier in the same function (`PyList_New`, `Py_BuildValue`, `PySequence_List` ...) \
                and not yet escaped are not reported, nor are reads inside `Py_BEGIN_CRITICAL_SECTION(list)` on the \
                same list. Tuples are immutable and never reported.""",
        rationale = """
                Both calls return a borrowed reference: the list keeps the item alive, not you. Without the GIL \
                another thread can replace or delete that item (`lst[i] = x`, `lst.clear()`) between the read and \
                your use of it, and the object is freed under you. `Py_INCREF` right after the read does not help: \
                the object can die before the increment runs. `PyList_GET_ITEM` also skips bounds checks, so a \
                concurrent shrink makes it read past the end.""",
        example = """
                PyObject *first = PyList_GetItem(self->children, 0);
                Py_INCREF(first);   /* too late */
                return first;""",
        useInstead = """
                `PyObject *PyList_GetItemRef(PyObject *list, Py_ssize_t i)` (3.13+, or `pythoncapi_compat.h`): \
                returns a new reference, or NULL with `IndexError` when out of range (no negative indices) or \
                `TypeError` for a non-list. Release it with `Py_DECREF`. To read many items consistently, hold \
                `Py_BEGIN_CRITICAL_SECTION(list)` around the loop.""",
        triggers = {"PyList_GetItem", "PyList_GET_ITEM"})
public final class ListGetItemRule extends BorrowedReferenceRule {
    public ListGetItemRule() {
        super(Set.of("PyList_GetItem", "PyList_GET_ITEM"),
                "PyList_GetItemRef",
                "new reference; NULL with IndexError when out of range, TypeError for a non-list");
    }

    @Override
    Fix fix(Tokens t, CallSite call) {
        // PyList_GET_ITEM has no error path: turning it into a call that can fail needs a person.
        return call.name().equals("PyList_GetItem") ? renameAndDropIncref(t, call, "PyList_GetItemRef") : null;
    }

    @Override
    String hazard(CallSite call) {
        return "another thread can remove the item from `" + arg(call, 0, "the list")
                + "` and free it before it is used";
    }

    @Override
    String fixHint(CallSite c, String api) {
        return "PyObject *item = PyList_GetItemRef(" + arg(c, 0, "list") + ", " + arg(c, 1, "i")
                + "); if (item == NULL) { /* error set */ } ... Py_DECREF(item);";
    }
}
