package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;

@RuleInfo(
        code = "FT302",
        name = "tuple-set-item-shared",
        family = Family.UNSAFE_SET_ITEM,
        severity = Severity.WARNING,
        summary = "PyTuple_SET_ITEM on a tuple that was not created here or has already escaped",
        description = """
                Reports `PyTuple_SET_ITEM` when the tuple is not one created earlier in the same function \
                (`PyTuple_New` ...) and still private: a tuple received as a parameter, read from a field, or a new \
                tuple that was already stored or passed to a call.""",
        rationale = """
                Tuples are immutable to everyone else: other threads read their items without any lock, and \
                tuples are shared freely (cached, interned in constants, used as dict keys). Writing into a tuple \
                that is already visible races with those readers, and the overwritten item is neither released nor \
                protected.""",
        example = """
                PyTuple_SET_ITEM(self->shape, 0, Py_NewRef(dim));""",
        useInstead = """
                Build a new tuple instead: `PyTuple_New(n)` and fill it with `PyTuple_SET_ITEM` before it is \
                published, or `PyTuple_Pack(n, ...)` (new reference). Then swap it in, e.g. \
                `Py_XSETREF(self->shape, new_tuple)` under the owner's critical section.""",
        triggers = {"PyTuple_SET_ITEM"})
public final class TupleSetItemRule extends SetItemRule {
    public TupleSetItemRule() {
        super("PyTuple_SET_ITEM",
                "a new tuple from PyTuple_New / PyTuple_Pack, filled before it is published",
                "PyTuple_New and PyTuple_Pack return a new reference; PyTuple_SET_ITEM steals the item reference");
    }

    @Override
    String advice(CallSite c) {
        return "Fill only tuples created here before they are published; to change `"
                + BorrowedReferenceRule.arg(c, 0, "the tuple")
                + "`, build a new tuple (PyTuple_New + PyTuple_SET_ITEM, or PyTuple_Pack) and replace the reference.";
    }
}
