package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.MemberAccesses;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT808",
        name = "long-internals-access",
        family = Family.STRUCT_ACCESS,
        severity = Severity.WARNING,
        summary = "Direct access to an int's digits or size tag (ob_digit, long_value, lv_tag)",
        description = """
                Reports `->ob_digit`, `->long_value` and `->lv_tag` (one finding per expression: \
                `v->long_value.ob_digit[i]` is reported once), except on the project's own structs (defined in the \
                same file, or a base whose declared type, or the type of the field holding it, is not a CPython \
                `Py*` type). When the base's type is not visible the finding has medium confidence.""",
        rationale = """
                The layout of `int` objects is private and has already changed under extensions: 3.12 moved the \
                digits into `long_value` and replaced the signed `ob_size` with the `lv_tag` bit field, so code that \
                reads `Py_SIZE(v)` for the sign or `v->ob_digit` breaks, and the digit size depends on how CPython \
                was configured. Building an int by writing digits into an object made with `_PyLong_New` bypasses \
                the normalisation and small-int caching the interpreter relies on (the function is deprecated in \
                3.14).""",
        example = """
                digit low = ((PyLongObject *)v)->long_value.ob_digit[0];""",
        useInstead = """
                To read: `int PyLong_Export(PyObject *obj, PyLongExport *export_long)` (3.14) gives either the \
                value as an `int64_t` or a digit array described by `PyLong_GetNativeLayout()`; release it with \
                `PyLong_FreeExport`. For values that fit a C type, `PyLong_AsInt64` and friends (3.14, supplied by \
                `compat-shims/ftcompat.h` for older versions) or `PyLong_AsNativeBytes` (3.13). To build: \
                `PyLongWriter_Create(negative, ndigits, &digits)`, fill the digits, then `PyLongWriter_Finish` \
                (3.14), or `PyLong_FromNativeBytes` (3.13). `PyLong_GetSign` (3.14) and `PyLong_IsNegative` \
                (3.14) answer the sign without looking at `lv_tag`.""",
        triggers = {"ob_digit", "long_value", "lv_tag"})
public final class LongInternalsAccessRule extends StructAccessRule {
    public LongInternalsAccessRule() {
        super(Set.of("ob_digit", "long_value", "lv_tag"));
    }

    @Override
    boolean reports(MemberAccesses.Access a) {
        // v->long_value.ob_digit: the long_value access is reported; the member behind it is the same expression
        return a.field().equals("long_value") || !a.baseText().endsWith("long_value");
    }

    @Override
    Confidence unknownBaseConfidence() {
        return Confidence.MEDIUM;
    }

    @Override
    String accessor(MemberAccesses.Access a) {
        return a.write() ? "PyLongWriter_Create(negative, ndigits, &digits)" : "PyLong_Export(obj, &export_long)";
    }

    @Override
    String convention(MemberAccesses.Access a) {
        return a.write() ? "fill the digits, then PyLongWriter_Finish (a new int) or PyLongWriter_Discard"
                : "0 with the value or a digit array, -1 with an exception; release with PyLong_FreeExport";
    }

    @Override
    String message(MemberAccesses.Access a) {
        return (a.write() ? "Writes" : "Reads") + " the int internal `" + a.field() + "` directly: the int layout is"
                + " private (3.12 moved the digits into long_value and the sign and size into lv_tag) and may change"
                + " again. Use " + accessor(a) + ".";
    }
}
