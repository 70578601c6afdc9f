package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.MemberAccesses;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;

@RuleInfo(
        code = "FT802",
        name = "ob-type-write",
        family = Family.STRUCT_ACCESS,
        severity = Severity.WARNING,
        summary = "Direct write to ob_type (or Py_TYPE(o) = t)",
        description = """
                Reports assignments to `->ob_type` / `.ob_type` and the old `Py_TYPE(o) = t` idiom. Reads are not \
                reported (`Py_TYPE` does the same), nor are accessor shims or members of the file's own structs.""",
        rationale = """
                `Py_TYPE()` became a function-like inline that cannot be assigned (3.10+), and in free-threaded \
                builds other threads read an object's type without locks: changing it must go through the \
                accessor, on an object no other thread can see yet.""",
        example = """
                o->ob_type = &MyType;""",
        useInstead = """
                `Py_SET_TYPE(o, type)` (3.9+, or `pythoncapi_compat.h`), and only while the object is private to \
                the current thread (e.g. right after allocation).""",
        triggers = {"ob_type", "Py_TYPE"})
public final class ObTypeWriteRule extends FieldWriteRule {
    public ObTypeWriteRule() {
        super("ob_type", "Py_TYPE", "Py_SET_TYPE(o, type)",
                "void; only on an object no other thread can see");
    }

    @Override
    String message(MemberAccesses.Access a) {
        return "Writes an object's type directly" + viaMacro(a)
                + ": Py_TYPE cannot be assigned since 3.10 and other threads read ob_type without locks. Use "
                + "Py_SET_TYPE(o, type) on an object no other thread can see.";
    }
}
