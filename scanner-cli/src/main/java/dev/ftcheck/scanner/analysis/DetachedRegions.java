package dev.ftcheck.scanner.analysis;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Finds C-API calls made while the thread state is detached: between {@code Py_BEGIN_ALLOW_THREADS} and
 * {@code Py_END_ALLOW_THREADS} (respecting {@code Py_BLOCK_THREADS} / {@code Py_UNBLOCK_THREADS}), and between
 * {@code PyEval_SaveThread()} and {@code PyEval_RestoreThread()}, in source order within one function. Calls
 * bracketed by {@code PyGILState_Ensure} / {@code PyGILState_Release} are attached again.
 *
 * <p>A {@code Py_BLOCK_THREADS} inside a nested block (the usual error path that re-attaches and returns) re-attaches
 * only until that block ends.
 */
public final class DetachedRegions {

    /** A call made without an attached thread state, and the API that detached it. */
    public record DetachedCall(CallSite call, String detachedBy, int detachedAtToken) {}

    private static final Set<String> CPYTHON_FAMILIES = Set.of("Py", "PyObject", "PyList", "PyDict", "PyTuple",
            "PyLong", "PyFloat", "PyComplex", "PyUnicode", "PyBytes", "PyByteArray", "PyErr", "PyArg", "PyModule",
            "PyType", "PyNumber", "PySequence", "PyMapping", "PyIter", "PySet", "PyFrozenSet", "PyCapsule",
            "PyImport", "PyEval", "PyBool", "PyMem", "PyBuffer", "PyCallable", "PyWeakref", "PySys", "PyCell",
            "PyMemoryView", "PySlice", "PyThreadState", "PyInterpreterState", "PyGC", "PyCode", "PyFrame",
            "PyMethod", "PyFunction", "PyException", "PyStructSequence", "PyContext", "PyContextVar", "PyDescr",
            "PyCFunction", "PyCMethod", "PyInstanceMethod", "PyGen", "PyCoro", "PyRun", "PyFile", "PyCodec",
            "PyTraceBack", "PyMarshal", "PyUnstable", "PyVectorcall", "PyState", "PyIndex", "PySeqIter",
            "PyCallIter", "PyDictProxy", "PyStaticMethod", "PyClassMethod", "PyRange", "PyCriticalSection",
            "PyDate", "PyDateTime", "PyTime", "PyDelta", "PyPickleBuffer", "PyTraceMalloc", "PyBytesWriter",
            "PyUnicodeWriter", "PyLongWriter", "PyConfig");
    /** Reference-count and critical-section macros: all-caps, but they touch objects. */
    private static final Set<String> OBJECT_MACROS = Set.of("Py_INCREF", "Py_DECREF", "Py_XINCREF", "Py_XDECREF",
            "Py_CLEAR", "Py_SETREF", "Py_XSETREF", "Py_VISIT", "Py_BEGIN_CRITICAL_SECTION",
            "Py_BEGIN_CRITICAL_SECTION2", "Py_END_CRITICAL_SECTION", "Py_END_CRITICAL_SECTION2",
            "PyList_SET_ITEM", "PyTuple_SET_ITEM", "PyList_GET_ITEM", "PySequence_Fast_GET_ITEM",
            "PySequence_Fast_ITEMS", "PyWeakref_GET_OBJECT", "PyCell_GET", "PyCell_SET", "PyObject_GC_UNTRACK",
            "PyObject_GC_TRACK");
    /** Safe without a thread state: lock-free helpers, raw memory, plain field reads of objects you hold. */
    private static final Set<String> NO_THREAD_STATE_NEEDED = Set.of("PyEval_SaveThread", "PyEval_RestoreThread",
            "PyEval_AcquireThread", "PyEval_ReleaseThread", "PyEval_ThreadsInitialized", "PyEval_InitThreads",
            "Py_AddPendingCall", "PyTraceMalloc_Track", "PyTraceMalloc_Untrack", "PyThreadState_Swap",
            "Py_IsInitialized", "Py_IsFinalizing", "Py_FatalError", "PyConfig_InitPythonConfig",
            "PyBytes_AS_STRING", "PyBytes_GET_SIZE", "PyByteArray_AS_STRING", "PyByteArray_GET_SIZE",
            "PyUnicode_DATA", "PyUnicode_KIND", "PyUnicode_GET_LENGTH", "PyUnicode_READ", "PyUnicode_WRITE",
            "PyUnicode_READ_CHAR", "PyUnicode_1BYTE_DATA", "PyUnicode_2BYTE_DATA", "PyUnicode_4BYTE_DATA",
            "PyUnicode_IS_ASCII", "PyUnicode_IS_COMPACT_ASCII", "PyUnicode_MAX_CHAR_VALUE", "PyTuple_GET_SIZE",
            "PyTuple_GET_ITEM", "PyList_GET_SIZE", "PyFloat_AS_DOUBLE", "PyMemoryView_GET_BUFFER",
            "PyMemoryView_GET_BASE", "Py_SIZE", "Py_TYPE", "Py_IS_TYPE", "Py_Is", "Py_IsNone", "Py_IsTrue",
            "Py_IsFalse", "PyBuffer_IsContiguous", "PyBuffer_GetPointer", "PyBuffer_SizeFromFormat",
            "PyDateTime_GET_YEAR", "PyDateTime_GET_MONTH", "PyDateTime_GET_DAY", "PyDateTime_DATE_GET_HOUR",
            "PyDateTime_DATE_GET_MINUTE", "PyDateTime_DATE_GET_SECOND", "PyDateTime_DATE_GET_MICROSECOND",
            "PyType_HasFeature", "PyType_FastSubclass", "Py_DecodeLocale", "Py_EncodeLocale");

    private DetachedRegions() {
    }

    /** Functions and file-scope names (function pointers) the file defines itself: a {@code Py_} prefix there is not API. */
    private static java.util.Set<String> ownNames(FileAnalysis fa) {
        java.util.Set<String> out = new java.util.HashSet<>(fa.globals().keySet());
        for (FunctionInfo g : fa.functions()) {
            if (!g.isPseudo()) {
                out.add(g.name());
            }
        }
        return out;
    }

    private static boolean isNull(String arg) {
        return arg.equals("NULL") || arg.equals("nullptr") || arg.equals("0");
    }

    /** The file declares {@code name} as a function pointer: {@code static BOOL (WINAPI *Py_CancelIoEx)(...)}. */
    private static boolean declaresPointer(String source, String name) {
        return source.contains(name) && java.util.regex.Pattern.compile("\\(\\s*(?:\\w+\\s+)*\\*\\s*"
                + java.util.regex.Pattern.quote(name) + "\\s*\\)").matcher(source).find();
    }

    /** True when {@code name} is a CPython C-API function or macro that needs an attached thread state. */
    public static boolean needsThreadState(String name) {
        if (NO_THREAD_STATE_NEEDED.contains(name) || name.startsWith("PyMem_Raw") || name.startsWith("_Py_atomic")) {
            return false;
        }
        if (OBJECT_MACROS.contains(name)) {
            return true;
        }
        String n = name.startsWith("_") ? name.substring(1) : name;
        if (!n.startsWith("Py")) {
            return false;
        }
        int us = n.indexOf('_');
        if (us < 0) {
            return false;
        }
        String family = n.substring(0, us);
        String rest = n.substring(us + 1);
        if (!CPYTHON_FAMILIES.contains(family) || rest.isEmpty()) {
            return false;
        }
        if (rest.endsWith("Check") || rest.endsWith("CheckExact") || rest.endsWith("_Check")
                || rest.endsWith("_CheckExact")) {
            return false;
        }
        // pure macros are spelled in capitals (Py_MIN, Py_ARRAY_LENGTH, Py_UNUSED, PyBUF_...)
        return !rest.equals(rest.toUpperCase());
    }

    public static List<DetachedCall> find(FileAnalysis fa, FunctionInfo f) {
        Tokens t = fa.tokens();
        List<DetachedCall> out = new ArrayList<>();
        java.util.Map<Integer, CallSite> callAt = new java.util.HashMap<>();
        for (CallSite c : f.calls()) {
            callAt.put(c.nameToken(), c);
        }
        boolean detached = false;
        String by = null;
        int since = -1;
        int gilState = 0;
        int depth = 0;
        int regionDepth = 0;
        Deque<Integer> reattachedUntilDepth = new ArrayDeque<>();
        boolean leavesAfterSave = false;
        java.util.Set<String> ownNames = ownNames(fa);
        for (int i = f.bodyOpen() + 1; i < f.bodyClose(); i++) {
            if (t.is(i, "{")) {
                depth++;
                continue;
            }
            if (t.is(i, "return") || t.is(i, "goto")) {
                // PyEval_SaveThread() just before leaving: the code after this block still runs attached
                leavesAfterSave |= detached && "PyEval_SaveThread".equals(by) && depth == regionDepth && depth > 0;
                continue;
            }
            if (t.is(i, "}")) {
                if (leavesAfterSave && depth == regionDepth) {
                    leavesAfterSave = false;
                    detached = false;
                }
                if (!reattachedUntilDepth.isEmpty() && reattachedUntilDepth.peek() == depth) {
                    reattachedUntilDepth.pop();
                    detached = true; // the re-attached error path ended (it returned or jumped out)
                }
                depth--;
                continue;
            }
            if (!t.isIdent(i) || t.source().charAt(t.start(i)) != 'P') {
                continue; // every API name and thread macro starts with "Py"
            }
            String w = t.text(i);
            switch (w) {
                case "Py_BEGIN_ALLOW_THREADS" -> {
                    detached = true;
                    by = w;
                    since = i;
                    regionDepth = depth;
                    reattachedUntilDepth.clear();
                    continue;
                }
                case "Py_END_ALLOW_THREADS" -> {
                    detached = false;
                    reattachedUntilDepth.clear();
                    continue;
                }
                case "Py_BLOCK_THREADS" -> {
                    if (detached) {
                        detached = false;
                        if (depth > regionDepth) {
                            reattachedUntilDepth.push(depth);
                        }
                    }
                    continue;
                }
                case "Py_UNBLOCK_THREADS" -> {
                    if (by != null) {
                        detached = true;
                    }
                    continue;
                }
                default -> {
                }
            }
            CallSite c = callAt.get(i);
            if (c == null || fa.isMemberCall(c)) {
                continue;
            }
            switch (c.name()) {
                case "PyEval_SaveThread" -> {
                    leavesAfterSave = false;
                    detached = true;
                    by = "PyEval_SaveThread";
                    since = i;
                    regionDepth = depth;
                    continue;
                }
                case "PyEval_RestoreThread" -> {
                    detached = false;
                    continue;
                }
                case "PyThreadState_Swap" -> {
                    // PyThreadState_Swap(saved) attaches again; PyThreadState_Swap(NULL) detaches
                    detached = c.args().isEmpty() || isNull(c.argNorm(0));
                    if (detached) {
                        by = "PyThreadState_Swap(NULL)";
                        since = i;
                        regionDepth = depth;
                    }
                    continue;
                }
                case "PyGILState_Ensure" -> {
                    gilState++;
                    continue;
                }
                case "PyGILState_Release" -> {
                    gilState = Math.max(0, gilState - 1);
                    continue;
                }
                default -> {
                }
            }
            if (detached && gilState == 0 && needsThreadState(c.name()) && !ownNames.contains(c.name())
                    && !declaresPointer(t.source(), c.name())) {
                out.add(new DetachedCall(c, by, since));
            }
        }
        return out;
    }
}
