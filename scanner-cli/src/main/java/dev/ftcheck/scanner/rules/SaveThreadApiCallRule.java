package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;

@RuleInfo(
        code = "FT902",
        name = "api-call-after-save-thread",
        family = Family.THREAD_STATE,
        severity = Severity.ERROR,
        summary = "Python C-API call between PyEval_SaveThread() and PyEval_RestoreThread()",
        description = """
                Reports calls to CPython C-API functions and object macros made after `PyEval_SaveThread()` and \
                before the matching `PyEval_RestoreThread()` in the same function, with the same exemptions as \
                FT901 (raw allocator, `PyThread_*`, `PyMutex_*`, `PyGILState_Ensure` ... `PyGILState_Release` \
                sections, type checks and plain field reads).""",
        rationale = """
                `PyEval_SaveThread()` detaches the thread state, exactly like `Py_BEGIN_ALLOW_THREADS` (which is \
                built on it). Any API call before `PyEval_RestoreThread()` runs without a thread state: it can race \
                with a stop-the-world collection in a free-threaded build, abort in the allocators, or corrupt \
                reference counts.""",
        example = """
                PyThreadState *save = PyEval_SaveThread();
                usleep(1000);
                Py_DECREF(arg);
                PyEval_RestoreThread(save);""",
        useInstead = """
                Move the call after `PyEval_RestoreThread(save)`, or hold the thread state for it: restore, call, \
                save again. Callbacks into Python from the detached stretch use `PyGILState_Ensure()` / \
                `PyGILState_Release()`.""",
        triggers = {"PyEval_SaveThread"})
public final class SaveThreadApiCallRule extends DetachedCallRule {
    public SaveThreadApiCallRule() {
        super("PyEval_SaveThread", "between PyEval_SaveThread() and PyEval_RestoreThread()");
    }
}
