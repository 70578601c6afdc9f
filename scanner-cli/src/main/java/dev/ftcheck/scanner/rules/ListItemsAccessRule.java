package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.FunctionInfo;
import dev.ftcheck.scanner.analysis.MemberAccesses;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT804",
        name = "ob-item-access",
        family = Family.STRUCT_ACCESS,
        severity = Severity.WARNING,
        summary = "Direct access to a list's ob_item array",
        description = """
                Reports `->ob_item` / `.ob_item` unless the base is known to be a tuple (`PyTupleObject *`, a \
                cast to it, a `PyStructSequence *`, or `_PyTuple_CAST(x)` as Argument Clinic writes it): tuples are immutable once shared. CPython's internal `_PyList_ITEMS(list)` is the same access. Not reported either: a member of the project's own \
                struct (the base's declared type, or the type of the field holding it, is not a CPython `Py*` \
                type, or this file declares an `ob_item` member). When the base's type is not visible the finding \
                has medium confidence.""",
        rationale = """
                A list's item array is reallocated when the list grows or shrinks. In free-threaded builds other \
                threads can do that at any time, and CPython frees the old array lazily with special rules that \
                plain `ob_item` users bypass: a saved `ob_item` pointer or an item read through it can refer to \
                freed memory.""",
        example = """
                return ((PyListObject *)seq)->ob_item[0];""",
        useInstead = """
                `PyList_GetItemRef(list, i)` (new reference, NULL with `IndexError`), or \
                `PyList_GET_ITEM`/`PyList_GET_SIZE` inside `Py_BEGIN_CRITICAL_SECTION(list)`. For bulk reads take a \
                snapshot with `PySequence_Tuple(list)` or `PyList_AsTuple(list)`.""",
        triggers = {"ob_item", "_PyList_ITEMS"})
public final class ListItemsAccessRule extends StructAccessRule {
    public ListItemsAccessRule() {
        super(Set.of("ob_item"));
    }

    private static final String ITEMS_MACRO = "_PyList_ITEMS";

    @Override
    public void check(FileContext ctx) {
        super.check(ctx);
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        for (FunctionInfo f : fa.functions()) {
            for (CallSite c : fa.callsNamed(f, java.util.Set.of(ITEMS_MACRO))) {
                ctx.report(fa.tokens().start(c.nameToken()), fa.tokens().end(c.nameToken()))
                        .api(ITEMS_MACRO)
                        .replacement("PyList_GetItemRef(list, i)", "new reference; NULL with IndexError when out of range")
                        .message("Reads a list's ob_item array through " + ITEMS_MACRO + "(): other threads can "
                                + "reallocate it (append, clear, slice assignment), leaving this pointer or the items "
                                + "read through it dangling. Use PyList_GetItemRef, or PyList_GET_ITEM inside a "
                                + "critical section on the list.")
                        .fixHint("Use PyList_GetItemRef(list, i), or take Py_BEGIN_CRITICAL_SECTION(list) around "
                                + "the loop.")
                        .report();
            }
        }
    }

    @Override
    boolean exempt(MemberAccesses.Access a) {
        return a.baseType() != null && (a.baseType().contains("PyTupleObject")
                || a.baseType().contains("PyStructSequence"))
                || a.baseText().matches("_?PyTuple_CAST\\s*\\(.*");
    }

    @Override
    Confidence unknownBaseConfidence() {
        return Confidence.MEDIUM;
    }

    @Override
    String accessor(MemberAccesses.Access a) {
        return "PyList_GetItemRef(list, i)";
    }

    @Override
    String convention(MemberAccesses.Access a) {
        return "new reference; NULL with IndexError when out of range";
    }

    @Override
    String message(MemberAccesses.Access a) {
        return "Accesses a list's ob_item array directly: other threads can reallocate it (append, clear, slice "
                + "assignment), leaving this pointer or the items read through it dangling. Use "
                + "PyList_GetItemRef, or PyList_GET_ITEM inside a critical section on the list.";
    }
}
