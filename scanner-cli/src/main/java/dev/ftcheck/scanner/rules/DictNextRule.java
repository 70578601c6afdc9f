package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.ContainerOrigin;
import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.FunctionInfo;
import dev.ftcheck.scanner.analysis.LockScopes;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT201",
        name = "dict-next-unlocked",
        family = Family.DICT_NEXT,
        severity = Severity.WARNING,
        summary = "PyDict_Next iterates a dict that is not locked by a critical section on the same dict",
        description = """
                Reports `PyDict_Next` unless the call is inside `Py_BEGIN_CRITICAL_SECTION(d)` ... \
                `Py_END_CRITICAL_SECTION()`, `Py_BEGIN_CRITICAL_SECTION2(a, b)` with the dict as one of the two, or \
                `PyCriticalSection_Begin(&cs, d)` ... `PyCriticalSection_End(&cs)`, where `d` is the same expression \
                as the dict passed to `PyDict_Next` (compared after removing whitespace, casts and redundant \
                parentheses). A section that ended before the loop, or one on a different object, does not count. \
                Dicts created in the same function and not yet handed out, and keyword-arguments dicts, are not \
                reported, nor are dicts held in a field the file never changes after construction. CPython's private \
                `_PyDict_Next` (which also yields the hash) is reported alike. Confidence is high for dicts shown \
                shared (globals, module state, published), medium for parameters, low for fields of parameters, \
                call results and fields of objects of unknown origin (fewer than 9 in 10 such findings were races \
                on real code: docs/rules-precision.md).""",
        rationale = """
                Unlike the other dict operations, `PyDict_Next` takes no lock: it walks the dict's internal table \
                while the caller holds the position. Another thread inserting or deleting keys can resize the table \
                mid-walk, so the loop can skip or repeat entries, read freed memory, or return borrowed keys and \
                values that are freed while the loop body uses them.""",
        example = """
                while (PyDict_Next(self->attrib, &pos, &key, &value)) {
                    PyObject_SetItem(target, key, value);
                }""",
        useInstead = """
                There is no lock-free replacement. Wrap the whole loop in `Py_BEGIN_CRITICAL_SECTION(dict)` ... \
                `Py_END_CRITICAL_SECTION()` (a no-op on GIL builds; use `pythoncapi_compat.h` before 3.13). The \
                keys and values stay borrowed and are only valid inside the section: take strong references \
                (`Py_NewRef`) for anything used after it. Alternatively iterate a snapshot: `PyDict_Items(d)` \
                returns a new list of pairs.""",
        triggers = {"PyDict_Next"})
public final class DictNextRule implements FileRule {
    /** Measured on the real-world corpus: a field of a parameter was a real race in 2 of 4 triaged findings. */
    private static final Set<ContainerOrigin.Kind> LOW_CONFIDENCE_KINDS = Set.of(ContainerOrigin.Kind.PARAMETER_FIELD);

    private static final Set<String> APIS = Set.of("PyDict_Next", "_PyDict_Next");

    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        for (FunctionInfo f : fa.functions()) {
            if (f.name().endsWith("_lock_held")) {
                continue;
            }
            var calls = fa.callsNamed(f, APIS);
            if (calls.isEmpty()) {
                continue;
            }
            LockScopes locks = LockScopes.of(fa, f);
            ContainerOrigin origins = new ContainerOrigin(fa, f);
            for (CallSite c : calls) {
                if (c.args().isEmpty()) {
                    continue;
                }
                String dict = c.argNorm(0);
                if (locks.lockedOn(c.nameToken(), dict)) {
                    continue;
                }
                ContainerOrigin.Origin origin = origins.classify(dict, c.nameToken());
                if (origin.kind().isPrivate() || origin.frozen(fa, dict)) {
                    continue; // nobody else can change it, or nobody changes it after construction
                }
                if (!origin.kind().provenShared() && fa.runsAtInit(f, c.nameToken())) {
                    continue; // module init: nothing is shared yet
                }
                String lockedOther = locks.inAnyCriticalSection(c.nameToken())
                        ? " The enclosing critical section locks a different object, which does not protect this dict."
                        : "";
                String message = c.name() + " walks `" + c.arg(0).text() + "` without holding its lock; another "
                        + "thread changing the dict can make the loop skip or repeat entries or use freed keys and "
                        + "values." + lockedOther
                        + " " + origin.confidenceNote(false, LOW_CONFIDENCE_KINDS, "dict")
                        + " Wrap the loop in Py_BEGIN_CRITICAL_SECTION(" + c.arg(0).text()
                        + ") ... Py_END_CRITICAL_SECTION().";
                ctx.report(fa.tokens().start(c.nameToken()), fa.tokens().end(c.close()))
                        .api(c.name())
                        .replacement("Py_BEGIN_CRITICAL_SECTION(" + c.arg(0).text() + ") around the loop",
                                "keys and values stay borrowed and are valid only inside the section")
                        .message(message)
                        .confidence(origin.confidence(false, LOW_CONFIDENCE_KINDS))
                        .fixHint("Py_BEGIN_CRITICAL_SECTION(" + c.arg(0).text() + "); while (PyDict_Next("
                                + c.arg(0).text() + ", ...)) { ... } Py_END_CRITICAL_SECTION();")
                        .report();
            }
        }
    }
}
