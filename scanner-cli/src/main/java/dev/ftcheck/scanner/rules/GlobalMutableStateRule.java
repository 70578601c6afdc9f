package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;

@RuleInfo(
        code = "FT601",
        name = "global-mutable-state",
        family = Family.GLOBAL_STATE,
        severity = Severity.WARNING,
        summary = "File-scope variable written while the module is in use, without synchronisation",
        description = """
                Reports file-scope variables (static or not) that some function writes outside module init, exec \
                or teardown: caches, lazily created objects, counters, flags, scratch buffers. One finding sits on \
                the declaration and lists every writing site; each unsynchronised write gets a finding of its own \
                (both link to each other: SARIF `relatedLocations`, JSON `related`), so a baseline treats a new \
                write to an old global as new. Writes are assignments, increments, element and member stores, \
                stores through a local pointer set to the variable's address, `Py_SETREF`/`Py_CLEAR`, passing \
                `&var` to a function, `strcpy`-style writes into arrays, and mutating C++ container calls. Across \
                files: a global defined in one file (or declared `extern` in a header) and assigned in another is \
                reported at that write; a helper with external linkage that other files call only from module \
                init counts as init; and C files without any Python API that the extension calls into \
                (allocators, arenas, caches) are analysed too, counting writes in functions extension code \
                reaches outside any lock. Not reported: `const` objects, thread-locals \
                (`_Thread_local`, `thread_local`, `__thread`), `_Atomic` / `std::atomic` variables and atomic \
                builtins, static type and method tables, locks, writes inside a critical section or between \
                `PyMutex_Lock` and `PyMutex_Unlock` (or pthread/C++ locks, or the project's own lock calls, \
                recognised by a name word `lock`/`unlock`/`mutex`, so `return_block()` is not one), writes in code \
                only Python 2 compiles, and writes made only by `PyInit_*` (and Python 2's `init<name>`), \
                `Py_mod_exec` functions, `m_clear`/`m_free` and helpers only they call. Out of scope: signal and \
                exception handlers and the helpers only they call (they never held the GIL), \
                `__attribute__((constructor))` functions (they run when the library loads) and functions that \
                synchronise by hand with a compare-and-swap; a struct handed to a copying API \
                (`PyMem_SetAllocator`, `PyType_FromSpec`) is only read.""",
        rationale = """
                Without the GIL, functions of one module run truly in parallel. Two threads updating the same \
                global lose updates (counters), tear multi-word values, and in the lazy-initialisation pattern \
                `if (cache == NULL) cache = create();` both create the object: one reference leaks or, with \
                `Py_XSETREF`, is freed while the other thread uses it. Scratch buffers get mixed contents.""",
        example = """
                static PyObject *decimal_type = NULL;
                ...
                if (decimal_type == NULL) {
                    decimal_type = PyObject_GetAttrString(mod, "Decimal");
                }""",
        useInstead = """
                Move the state into module state (`m_size` + `PyModule_GetState`) initialised in the \
                `Py_mod_exec` function; make per-call scratch data local or `_Thread_local`; use `_Atomic` / \
                `std::atomic` for counters and flags; or guard reads and writes with one `static PyMutex m` \
                (`PyMutex_Lock(&m)` / `PyMutex_Unlock(&m)`, 3.13+, zero-initialised, never copied).""",
        triggers = {"PyObject", "Python.h", "PyInit_", "PyMODINIT_FUNC"})
public final class GlobalMutableStateRule extends SharedStateRule {
    @Override
    boolean functionStatic() {
        return false;
    }
}
