package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.MemberAccesses;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT805",
        name = "dict-internals-access",
        family = Family.STRUCT_ACCESS,
        severity = Severity.WARNING,
        summary = "Direct access to dict internals (ma_used, ma_keys, ma_values, ma_version_tag)",
        description = """
                Reports `->ma_used`, `->ma_keys`, `->ma_values` and `->ma_version_tag` (and the `.` forms), except \
                on structs defined in the same file. When the base's type is not visible the finding has medium \
                confidence.""",
        rationale = """
                Dicts are mutated concurrently in free-threaded builds: CPython updates `ma_used` atomically and \
                swaps `ma_keys`/`ma_values` while readers use a special lock-free protocol. Reading them directly \
                sees torn or freed tables; `ma_version_tag` is private and gone in recent versions.""",
        example = """
                return ((PyDictObject *)d)->ma_used;""",
        useInstead = """
                `PyDict_GET_SIZE(d)` or `PyDict_Size(d)` for the size (a `Py_ssize_t`; -1 with an error for a \
                non-dict in `PyDict_Size`), `PyDict_GetItemRef` / `PyDict_Next` under a critical section for \
                contents, and dict watchers (`PyDict_AddWatcher`) instead of version tags.""",
        triggers = {"ma_used", "ma_keys", "ma_values", "ma_version_tag"})
public final class DictInternalsAccessRule extends StructAccessRule {
    public DictInternalsAccessRule() {
        super(Set.of("ma_used", "ma_keys", "ma_values", "ma_version_tag"));
    }

    @Override
    Confidence unknownBaseConfidence() {
        return Confidence.MEDIUM;
    }

    @Override
    String accessor(MemberAccesses.Access a) {
        return a.field().equals("ma_used") ? "PyDict_GET_SIZE(d)" : "the public dict API (PyDict_GetItemRef, "
                + "PyDict_Next under Py_BEGIN_CRITICAL_SECTION)";
    }

    @Override
    String convention(MemberAccesses.Access a) {
        return a.field().equals("ma_used") ? "returns Py_ssize_t" : "see the API's documentation";
    }

    @Override
    String message(MemberAccesses.Access a) {
        return "Reads the dict internal `" + a.field() + "` directly: free-threaded CPython changes dict tables "
                + "concurrently with a lock-free read protocol this code bypasses. Use " + accessor(a) + ".";
    }
}
