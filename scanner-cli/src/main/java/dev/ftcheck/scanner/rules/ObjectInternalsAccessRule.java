package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.MemberAccesses;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Map;

@RuleInfo(
        code = "FT806",
        name = "object-internals-access",
        family = Family.STRUCT_ACCESS,
        severity = Severity.WARNING,
        summary = "Direct access to other object internals (bytes hash cache, bytearray buffer fields)",
        description = """
                Reports `->ob_shash` (the cached hash of bytes), and the bytearray internals `->ob_exports`, \
                `->ob_bytes`, `->ob_start`, except on the project's own structs (defined in the same file, or a base \
                whose declared type, or the type of the field holding it, is not a CPython `Py*` type). When the \
                base's type is not visible the finding has medium confidence.""",
        rationale = """
                These caches and buffer fields are updated by CPython without locks the caller could take; \
                free-threaded builds change them concurrently (and `ob_shash` is deprecated and may disappear). \
                Writing them from extension code corrupts other threads' view of the object.""",
        example = """
                b->ob_shash = -1;""",
        useInstead = """
                `PyObject_Hash(o)` (returns `Py_hash_t`, -1 on error) for hashes; `PyByteArray_AS_STRING` / \
                `PyByteArray_GET_SIZE` while holding the bytearray (or a `Py_buffer` from `PyObject_GetBuffer`, \
                released with `PyBuffer_Release`) for bytearray contents.""",
        triggers = {"ob_shash", "ob_exports", "ob_bytes", "ob_start"})
public final class ObjectInternalsAccessRule extends StructAccessRule {
    private static final Map<String, String> ACCESSORS = Map.of(
            "ob_shash", "PyObject_Hash(o)",
            "ob_exports", "PyObject_GetBuffer / PyBuffer_Release",
            "ob_bytes", "PyByteArray_AS_STRING(o)",
            "ob_start", "PyByteArray_AS_STRING(o)");

    public ObjectInternalsAccessRule() {
        super(ACCESSORS.keySet());
    }

    @Override
    Confidence unknownBaseConfidence() {
        return Confidence.MEDIUM;
    }

    @Override
    String accessor(MemberAccesses.Access a) {
        return ACCESSORS.get(a.field());
    }

    @Override
    String convention(MemberAccesses.Access a) {
        return a.field().equals("ob_shash") ? "returns Py_hash_t, -1 with an exception on error"
                : "valid while you hold a reference (or the buffer)";
    }

    @Override
    String message(MemberAccesses.Access a) {
        return (a.write() ? "Writes" : "Reads") + " the object internal `" + a.field() + "` directly: CPython "
                + "updates it without a lock you can take, concurrently in free-threaded builds. Use "
                + accessor(a) + ".";
    }
}
