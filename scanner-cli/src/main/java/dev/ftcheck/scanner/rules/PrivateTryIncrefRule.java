package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.List;

@RuleInfo(
        code = "FT110",
        name = "private-try-incref",
        family = Family.BORROWED_REFERENCE,
        severity = Severity.WARNING,
        summary = "Internal _Py_TryIncref* used to turn a borrowed pointer into a strong reference",
        description = """
                Reports calls to free-threaded CPython's internal try-incref helpers: `_Py_TryIncref`, \
                `_Py_TryIncrefFast`, `_Py_TryIncRefShared`, `_Py_TryIncrefCompare`, `_Py_TryXGetRef`, and \
                `_PyObject_SetMaybeWeakref`, which prepares an object for them. They live in \
                `internal/pycore_object.h` in 3.13 and 3.14, so using them takes `Py_BUILD_CORE`. Files that define \
                these names themselves, and functions that implement `PyUnstable_TryIncRef` (a compat shim), are \
                not reported.""",
        rationale = """
                Extensions reach for these to take a reference from a pointer they hold without one (a cache \
                entry, a registry cleared by the object's deallocator) without racing the object's last decref. \
                The internal helpers are not API: their names, signatures and the reference-count protocol behind \
                them may change with any release, and including the internal headers pulls in CPython's own \
                build configuration. 3.14 publishes the operation.""",
        example = """
                PyObject *cached = entry->obj;           /* borrowed, cleared by obj's dealloc */
                if (cached != NULL && _Py_TryIncref(cached)) { return cached; }""",
        useInstead = """
                `int PyUnstable_TryIncRef(PyObject *op)` (3.14): 1 with a new reference, 0 when the object's count \
                may already have reached zero. Call `PyUnstable_EnableTryIncRef(op)` on the object once (e.g. when \
                it is created or cached) so that other threads' attempts can succeed, and keep `op`'s memory valid \
                while you call it (read the pointer under the lock the deallocator takes). For \
                `_Py_TryIncrefCompare(&slot, op)`: take the reference with `PyUnstable_TryIncRef`, then check that \
                the slot still holds `op` (or read both under that lock). `compat-shims/ftcompat.h` supplies both \
                functions on CPython 3.8 to 3.13, free-threaded 3.13 included.""",
        triggers = {"_Py_TryIncref", "_Py_TryIncRefShared", "_Py_TryXGetRef", "_PyObject_SetMaybeWeakref"})
public final class PrivateTryIncrefRule extends PrivateApiRule {
    private static final String INTERNAL = "it is internal to CPython (pycore_object.h), and 3.14 publishes the"
            + " operation";

    public PrivateTryIncrefRule() {
        super(List.of(
                new PrivateApi("_Py_TryIncref", "PyUnstable_TryIncRef(op)",
                        "1 with a new reference, 0 when the object may be dying; call PyUnstable_EnableTryIncRef on"
                                + " it first", INTERNAL, PrivateApiReplacedRule.INTERNAL_ONLY, -1, "", true, Kind.INTERNAL),
                new PrivateApi("_Py_TryIncrefFast", "PyUnstable_TryIncRef(op)",
                        "1 with a new reference, 0 when the object may be dying; it covers the fast path too",
                        INTERNAL, PrivateApiReplacedRule.INTERNAL_ONLY, -1, "", false, Kind.INTERNAL),
                new PrivateApi("_Py_TryIncRefShared", "PyUnstable_TryIncRef(op)",
                        "1 with a new reference, 0 when the object may be dying; it covers the shared count too",
                        INTERNAL, PrivateApiReplacedRule.INTERNAL_ONLY, -1, "", false, Kind.INTERNAL),
                new PrivateApi("_Py_TryIncrefCompare", "PyUnstable_TryIncRef(op)",
                        "1 with a new reference, 0 when the object may be dying; then check that the slot still"
                                + " holds op, or read both under the lock op's deallocator takes",
                        INTERNAL, PrivateApiReplacedRule.INTERNAL_ONLY, -1, "", false, Kind.INTERNAL),
                new PrivateApi("_Py_TryXGetRef", "PyUnstable_TryIncRef(op)",
                        "read the slot under the lock its owner clears it with, then take the reference",
                        INTERNAL, PrivateApiReplacedRule.INTERNAL_ONLY, -1, "", false, Kind.INTERNAL),
                new PrivateApi("_PyObject_SetMaybeWeakref", "PyUnstable_EnableTryIncRef(op)",
                        "void; call it once on the object before other threads try-incref it", INTERNAL,
                        PrivateApiReplacedRule.INTERNAL_ONLY, -1, "", true, Kind.INTERNAL)));
    }
}
