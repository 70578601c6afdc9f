package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.MemberAccesses;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;

@RuleInfo(
        code = "FT803",
        name = "ob-size-write",
        family = Family.STRUCT_ACCESS,
        severity = Severity.WARNING,
        summary = "Direct write to ob_size (or Py_SIZE(o) = n)",
        description = """
                Reports assignments, increments and decrements of `->ob_size` / `.ob_size` and the old \
                `Py_SIZE(o) = n` idiom. Reads are not reported, nor are accessor shims or members of the file's \
                own structs.""",
        rationale = """
                Other threads read a list's or var-object's size without locks (`len()`, iteration, \
                `PyList_GET_SIZE`); CPython stores it with atomic operations in free-threaded builds. A plain \
                store can be torn or reordered against the item writes it should publish.""",
        example = """
                v->ob_size = n;""",
        useInstead = """
                `Py_SET_SIZE(o, n)` (3.9+, or `pythoncapi_compat.h`). To shrink or grow a list that other threads \
                can see, use the list API (`PyList_SetSlice`, `PyList_Append`) instead of editing its size.""",
        triggers = {"ob_size", "Py_SIZE"})
public final class ObSizeWriteRule extends FieldWriteRule {
    public ObSizeWriteRule() {
        super("ob_size", "Py_SIZE", "Py_SET_SIZE(o, n)", "void");
    }

    @Override
    String message(MemberAccesses.Access a) {
        return "Writes ob_size directly" + viaMacro(a)
                + ": other threads read sizes without locks, and free-threaded CPython updates them atomically. "
                + "Use Py_SET_SIZE(o, n), or the list API for containers other threads can see.";
    }
}
