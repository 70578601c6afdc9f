package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;

@RuleInfo(
        code = "FT901",
        name = "api-call-in-allow-threads",
        family = Family.THREAD_STATE,
        severity = Severity.ERROR,
        summary = "Python C-API call between Py_BEGIN_ALLOW_THREADS and Py_END_ALLOW_THREADS",
        description = """
                Reports calls to CPython C-API functions and object macros (`Py*`, `_Py*`, `Py_INCREF`, \
                `Py_DECREF` ...) made between `Py_BEGIN_ALLOW_THREADS` and `Py_END_ALLOW_THREADS` in the same \
                function. Code after `Py_BLOCK_THREADS` and before `Py_UNBLOCK_THREADS` (or the end of the error \
                branch that re-attached) is attached and not reported, nor is code between `PyGILState_Ensure` and \
                `PyGILState_Release`. Calls that need no thread state are not reported: `PyMem_Raw*`, \
                `PyThread_*`, `PyMutex_*`, `PyGILState_*`, type checks (`*_Check`), plain field reads such as \
                `PyBytes_AS_STRING` or `PyTuple_GET_SIZE`, and capitalised pure macros (`Py_MIN`, \
                `Py_ARRAY_LENGTH`). Names of other libraries that start with `Py` (numpy's `PyArray_*`) are ignored.""",
        rationale = """
                Inside the region the thread has no attached thread state. Without the GIL that does not stop other \
                threads, but it tells the interpreter this thread will not touch Python objects, so a stop-the-world \
                collection can run concurrently; the object and mem allocators abort with \
                "Python memory allocator called without an active thread state", and errors set here belong to no \
                thread. With the GIL it is a plain data race.""",
        example = """
                Py_BEGIN_ALLOW_THREADS
                got = read(fd, buf, n);
                if (got < 0) {
                    PyErr_SetFromErrno(PyExc_OSError);
                }
                Py_END_ALLOW_THREADS""",
        useInstead = """
                Keep only C work inside the region: store results and `errno` in C variables and call the API after \
                `Py_END_ALLOW_THREADS`. When an error path must leave early, re-attach with `Py_BLOCK_THREADS` \
                before calling the API (and return), or use `PyGILState_Ensure()` / `PyGILState_Release()` in \
                callbacks from foreign threads. Raw buffers can use `PyMem_RawMalloc`, which needs no thread state.""",
        triggers = {"Py_BEGIN_ALLOW_THREADS"})
public final class AllowThreadsApiCallRule extends DetachedCallRule {
    public AllowThreadsApiCallRule() {
        super("Py_BEGIN_ALLOW_THREADS", "between Py_BEGIN_ALLOW_THREADS and Py_END_ALLOW_THREADS");
    }
}
