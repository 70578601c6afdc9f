package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;

@RuleInfo(
        code = "FT602",
        name = "static-local-mutable-state",
        family = Family.GLOBAL_STATE,
        severity = Severity.WARNING,
        summary = "Function-level static variable written without synchronisation",
        description = """
                Reports `static` variables declared inside functions that the function writes at run time: lazily \
                compiled patterns or imported objects, `static char buf[N]` scratch buffers returned or formatted \
                into, ID counters. The same exemptions as FT601 apply (const, thread-local, atomic, locked or \
                critical-section writes, module init/exec functions, signal handlers, load-time constructors, \
                compare-and-swap locking), and the same reporting: a finding on the declaration and one on each \
                unsynchronised write. A static is visible only in its own block, so statics named alike in two \
                blocks (two C++ lambdas of one function) are two variables.""",
        rationale = """
                A function-level static is one variable shared by every thread calling the function. Concurrent \
                calls race on it: a static buffer returned to two callers is overwritten under the first; a lazily \
                initialised static object is created twice and one copy leaks or is freed while in use.""",
        example = """
                static char buf[64];
                PyOS_snprintf(buf, sizeof(buf), "%08lx", v);
                return PyUnicode_FromString(buf);""",
        useInstead = """
                Use a local (stack) variable for scratch data; `_Thread_local` when it must persist per thread; \
                module state created in `Py_mod_exec` for cached objects; `_Atomic` counters; or a \
                `static PyMutex` held around the check-and-set (3.13+).""",
        triggers = {"PyObject", "Python.h", "PyInit_", "PyMODINIT_FUNC"})
public final class StaticLocalStateRule extends SharedStateRule {
    @Override
    boolean functionStatic() {
        return true;
    }
}
