package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.DiagnosticSink;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.ExceptionFields;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.UnicodeErrors;
import dev.ftcheck.runtime.thread.ThreadState;

/** pyerrors.h: the error indicator (PyErr_*), exception objects and the Unicode error accessors. */
public final class ErrorsApi {
    private ErrorsApi() {}

    private static long checkClass(long type, String fn) {
        if (type == 0 || !Types.isType(type) || (Mem.getLong(type + TP_FLAGS) & TPF_BASE_EXC_SUBCLASS) == 0) {
            throw PyRaise.systemError("_PyErr_SetObject: exception %s is not a BaseException subclass",
                    type == 0 ? "NULL" : Repr.repr(type));
        }
        return type;
    }

    @CApi
    public static void PyErr_SetString(long type, long message) {
        Errors.set(checkClass(type, "PyErr_SetString"), Mem.cString(message));
    }

    @CApi
    public static void PyErr_SetNone(long type) {
        Errors.setValue(checkClass(type, "PyErr_SetNone"), 0);
    }

    @CApi
    public static void PyErr_SetObject(long type, long value) {
        Errors.setValue(checkClass(type, "PyErr_SetObject"), value);
    }

    @CApi
    public static long PyErr_Occurred() {
        return Errors.occurredType();
    }

    @CApi
    public static void PyErr_Clear() {
        Errors.clear();
    }

    @CApi
    public static long PyErr_GetRaisedException() {
        return Errors.take();
    }

    @CApi
    public static void PyErr_SetRaisedException(long exc) {
        if (exc == 0) {
            Errors.clear();
            return;
        }
        Errors.setObject(Heap.type(exc), exc);
    }

    @CApi
    public static void PyErr_Fetch(long ptype, long pvalue, long ptb) {
        long exc = Errors.take();
        Mem.putLong(ptype, exc == 0 ? 0 : Heap.newRef(Heap.type(exc)));
        Mem.putLong(pvalue, exc);
        if (ptb != 0) {
            long tb = exc == 0 ? 0 : Mem.getLong(exc + Exceptions.TRACEBACK);
            Mem.putLong(ptb, tb == 0 ? 0 : Heap.newRef(tb));
        }
    }

    @CApi
    public static void PyErr_Restore(long type, long value, long tb) {
        Native.xdecref(tb);
        if (type == 0) {
            Native.xdecref(value);
            Errors.clear();
            return;
        }
        try {
            if (value != 0 && Exceptions.isInstance(value)) {
                Errors.setObject(type, value);
                value = 0;
            } else {
                Errors.setValue(type, value);
            }
        } finally {
            Native.decref(type);
            Native.xdecref(value);
        }
    }

    @CApi
    public static void PyErr_NormalizeException(long ptype, long pvalue, long ptb) {
        long type = Mem.getLong(ptype);
        long value = Mem.getLong(pvalue);
        if (type == 0 || (value != 0 && Exceptions.isInstance(value))) {
            return;
        }
        ThreadState ts = ThreadState.current();
        long saved = ts.exception();
        ts.exception(0);
        try {
            Errors.setValue(type, value);
            long exc = Errors.take();
            Native.xdecref(value);
            Mem.putLong(pvalue, exc);
        } finally {
            Native.xdecref(ts.exception());
            ts.exception(saved);
        }
    }

    @CApi
    public static int PyErr_GivenExceptionMatches(long given, long exc) {
        return Errors.givenMatches(given, exc) ? 1 : 0;
    }

    @CApi
    public static int PyErr_ExceptionMatches(long exc) {
        return Errors.matches(exc) ? 1 : 0;
    }

    @CApi
    public static int PyErr_BadArgument() {
        Errors.set(Exceptions.TypeError, "bad argument type for built-in operation");
        return 0;
    }

    @CApi
    public static long PyErr_NoMemory() {
        Errors.set(Exceptions.MemoryError, null);
        return 0;
    }

    @CApi
    public static void PyErr_BadInternalCall() {
        Errors.set(Exceptions.SystemError, "bad argument to internal function");
    }

    @CApi
    public static void _PyErr_BadInternalCall(long filename, int lineno) {
        Errors.set(Exceptions.SystemError, Mem.cString(filename) + ":" + lineno + ": bad argument to internal function");
    }

    @CApi
    public static long PyErr_NewException(long name, long base, long dict) {
        String full = Mem.cString(name);
        if (full.indexOf('.') < 0) {
            throw PyRaise.systemError("PyErr_NewException: name must be module.class");
        }
        long parent = base;
        if (base == 0) {
            parent = Exceptions.Exception;
        } else if (Tuples.isTuple(base)) {
            parent = Tuples.size(base) > 0 ? Tuples.get(base, 0) : Exceptions.Exception;
        }
        long cls = Exceptions.newModuleClass(full, parent);
        var t = Types.get(cls);
        if (dict != 0 && Dicts.isDict(dict)) {
            long[] kv = Dicts.items(dict);
            for (int i = 0; i < kv.length; i += 2) {
                Long old = t.dict.put(Strs.value(kv[i]), kv[i + 1]);
                Native.decref(kv[i]);
                if (old != null) {
                    Native.decref(old);
                }
            }
        }
        return cls;
    }

    @CApi
    public static long PyErr_NewExceptionWithDoc(long name, long doc, long base, long dict) {
        long cls = PyErr_NewException(name, base, dict);
        if (doc != 0) {
            Types.get(cls).dict.put("__doc__", Strs.fromJava(Mem.cString(doc)));
        }
        return cls;
    }

    @CApi
    public static void PyErr_WriteUnraisable(long obj) {
        long exc = Errors.take();
        String what = exc == 0 ? "no exception" : Types.typeOf(exc).fullName() + ": " + Exceptions.message(exc);
        Native.xdecref(exc);
        DiagnosticSink.diagnose("unraisable-exception", "PyErr_WriteUnraisable", "Exception ignored in: "
                + (obj == 0 ? "<NULL>" : Repr.repr(obj)) + ": " + what);
    }

    @CApi
    public static int PyErr_CheckSignals() {
        return 0;
    }

    @CApi
    public static long PyException_GetArgs(long exc) {
        long a = Exceptions.args(exc);
        return Heap.newRef(a == 0 ? Tuples.empty() : a);
    }

    @CApi
    public static void PyException_SetArgs(long exc, long args) {
        long old = Mem.getLong(exc + Exceptions.ARGS);
        Mem.putLong(exc + Exceptions.ARGS, Heap.newRef(args));
        Native.xdecref(old);
    }

    private static long getField(long exc, long off) {
        long v = Mem.getLong(exc + off);
        return v == 0 ? 0 : Heap.newRef(v);
    }

    private static void setField(long exc, long off, long stolen) {
        long old = Mem.getLong(exc + off);
        Mem.putLong(exc + off, stolen);
        Native.xdecref(old);
    }

    @CApi
    public static long PyException_GetCause(long exc) {
        return getField(exc, Exceptions.CAUSE);
    }

    @CApi
    public static void PyException_SetCause(long exc, long cause) {
        setField(exc, Exceptions.CAUSE, cause);
    }

    @CApi
    public static long PyException_GetContext(long exc) {
        return getField(exc, Exceptions.CONTEXT);
    }

    @CApi
    public static void PyException_SetContext(long exc, long ctx) {
        setField(exc, Exceptions.CONTEXT, ctx);
    }

    @CApi
    public static long PyException_GetTraceback(long exc) {
        return getField(exc, Exceptions.TRACEBACK);
    }

    @CApi
    public static int PyException_SetTraceback(long exc, long tb) {
        setField(exc, Exceptions.TRACEBACK, tb == 0 || tb == Singletons.NONE ? 0 : Heap.newRef(tb));
        return 0;
    }

    @CApi
    public static long PyExceptionClass_Name(long exc) {
        return Mem.getLong(exc + TP_NAME);
    }

    @CApi
    public static void PyErr_SetInterrupt() {
        // No signal handling in the runtime: interrupts are ignored, as with no handler installed.
    }

    /** No Python-level signal handlers exist here, so every valid signal is ignored (CPython's SIG_DFL case). */
    @CApi
    public static int PyErr_SetInterruptEx(int signum) {
        return signum < 1 || signum >= SIGNAL_COUNT ? -1 : 0;
    }

    private static final int SIGNAL_COUNT = 65; // NSIG on Linux
    private static final java.util.concurrent.atomic.AtomicInteger WAKEUP_FD = new java.util.concurrent.atomic.AtomicInteger(-1);

    /** Stores the wakeup fd (negative means none) and returns the previous one; no signal ever writes to it here. */
    @CApi
    public static int PySignal_SetWakeupFd(int fd) {
        return WAKEUP_FD.getAndSet(fd < 0 ? -1 : fd);
    }

    // ---- the handled exception (sys.exc_info()), per thread ----

    /** The handled exception, None counting as none; borrowed. */
    private static long handled() {
        long e = ThreadState.current().handledException();
        return e == Singletons.NONE ? 0 : e;
    }

    private static void setHandled(long stolen) {
        Native.xdecref(ThreadState.current().swapHandledException(stolen));
    }

    @CApi
    public static long PyErr_GetHandledException() {
        long e = handled();
        return e == 0 ? 0 : Heap.newRef(e);
    }

    @CApi
    public static void PyErr_SetHandledException(long exc) {
        setHandled(exc == 0 || exc == Singletons.NONE ? 0 : Heap.newRef(exc));
    }

    /** As CPython 3.13: type and traceback are None (not NULL) when absent, the value NULL. */
    @CApi
    public static void PyErr_GetExcInfo(long ptype, long pvalue, long ptb) {
        long e = handled();
        Mem.putLong(ptype, Heap.newRef(e == 0 ? Singletons.NONE : Heap.type(e)));
        Mem.putLong(pvalue, e == 0 ? 0 : Heap.newRef(e));
        long tb = e == 0 ? 0 : Mem.getLong(e + Exceptions.TRACEBACK);
        Mem.putLong(ptb, Heap.newRef(tb == 0 ? Singletons.NONE : tb));
    }

    @CApi
    public static void PyErr_SetExcInfo(long type, long value, long tb) {
        setHandled(value);
        Native.xdecref(type);
        Native.xdecref(tb);
    }

    // ---- ImportError with name and path ----

    @CApi
    public static long PyErr_SetImportErrorSubclass(long exception, long msg, long name, long path) {
        if (!Exceptions.isExceptionClass(exception) || !Types.isSubtype(exception, Exceptions.ImportError)) {
            throw PyRaise.typeError("expected a subclass of ImportError");
        }
        if (msg == 0) {
            throw PyRaise.typeError("expected a message argument");
        }
        long e = Exceptions.instantiate(exception, Tuples.of(Heap.newRef(msg)));
        Mem.putLong(e + ExceptionFields.IMPORT_MSG, Heap.newRef(msg));
        Mem.putLong(e + ExceptionFields.IMPORT_NAME, Heap.newRef(name == 0 ? Singletons.NONE : name));
        Mem.putLong(e + ExceptionFields.IMPORT_PATH, Heap.newRef(path == 0 ? Singletons.NONE : path));
        Errors.setObject(exception, e);
        return 0;
    }

    @CApi
    public static long PyErr_SetImportError(long msg, long name, long path) {
        return PyErr_SetImportErrorSubclass(Exceptions.ImportError, msg, name, path);
    }

    // ---- SyntaxError locations ----

    /**
     * Adds the location to the raised exception, as CPython 3.13: lineno and end_lineno, offset and end_offset when
     * not negative, filename when given, and for a SyntaxError the source line as text. Other exception classes
     * have no __dict__ here, so they are re-raised unchanged (CPython would set the attributes in their __dict__).
     */
    @CApi
    public static void PyErr_RangedSyntaxLocationObject(long filename, int lineno, int colOffset, int endLineno,
            int endColOffset) {
        long exc = Errors.take();
        if (exc == 0) {
            return;
        }
        if (ExceptionFields.isSyntaxError(exc)) {
            ExceptionFields.setField(exc, ExceptionFields.SYNTAX_LINENO, dev.ftcheck.runtime.obj.Ints.fromLong(lineno));
            if (colOffset >= 0) {
                ExceptionFields.setField(exc, ExceptionFields.SYNTAX_OFFSET,
                        dev.ftcheck.runtime.obj.Ints.fromLong(colOffset));
            }
            ExceptionFields.setField(exc, ExceptionFields.SYNTAX_END_LINENO,
                    dev.ftcheck.runtime.obj.Ints.fromLong(endLineno));
            if (endColOffset >= 0) {
                ExceptionFields.setField(exc, ExceptionFields.SYNTAX_END_OFFSET,
                        dev.ftcheck.runtime.obj.Ints.fromLong(endColOffset));
            }
            if (filename != 0) {
                ExceptionFields.setField(exc, ExceptionFields.SYNTAX_FILENAME, Heap.newRef(filename));
                long text = PyErr_ProgramTextObject(filename, lineno);
                if (text != 0) {
                    ExceptionFields.setField(exc, ExceptionFields.SYNTAX_TEXT, text);
                }
            }
        }
        Errors.setObject(Heap.type(exc), exc);
    }

    @CApi
    public static void PyErr_SyntaxLocationObject(long filename, int lineno, int colOffset) {
        PyErr_RangedSyntaxLocationObject(filename, lineno, colOffset, lineno, -1);
    }

    @CApi
    public static void PyErr_SyntaxLocationEx(long filename, int lineno, int colOffset) {
        long name = filename == 0 ? 0 : UnicodeApi.PyUnicode_DecodeFSDefault(filename);
        try {
            PyErr_SyntaxLocationObject(name, lineno, colOffset);
        } finally {
            Native.xdecref(name);
        }
    }

    @CApi
    public static void PyErr_SyntaxLocation(long filename, int lineno) {
        PyErr_SyntaxLocationEx(filename, lineno, -1);
    }

    /** Line {@code lineno} (1-based) of the file, with its newline, decoded as UTF-8 with replacement; NULL if none. */
    private static long programText(String filename, int lineno) {
        if (lineno <= 0) {
            return 0;
        }
        byte[] all;
        try {
            all = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(filename));
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        int line = 1;
        int start = 0;
        for (int i = 0; i < all.length && line < lineno; i++) {
            if (all[i] == '\n') {
                line++;
                start = i + 1;
            }
        }
        if (line < lineno || start >= all.length) {
            return 0;
        }
        int end = start;
        while (end < all.length && all[end] != '\n') {
            end++;
        }
        byte[] text = java.util.Arrays.copyOfRange(all, start, Math.min(end + 1, all.length));
        return dev.ftcheck.runtime.obj.Codecs.decodeUtf8(text, "replace", true).str();
    }

    @CApi
    public static long PyErr_ProgramText(long filename, int lineno) {
        return filename == 0 ? 0 : programText(Mem.cString(filename), lineno);
    }

    @CApi
    public static long PyErr_ProgramTextObject(long filename, int lineno) {
        return filename == 0 || !Strs.isStr(filename) ? 0 : programText(Strs.value(filename), lineno);
    }

    // ---- UnicodeDecodeError / UnicodeEncodeError / UnicodeTranslateError fields (CPython 3.13's accessors) ----

    private static long field(long exc, long off, String name, boolean bytes) {
        long v = Mem.getLong(exc + off);
        if (v == 0) {
            throw PyRaise.typeError("%s attribute not set", name);
        }
        if (bytes ? !dev.ftcheck.runtime.obj.Bytes.isBytes(v) : !Strs.isStr(v)) {
            throw PyRaise.typeError("%s attribute must be %s", name, bytes ? "bytes" : "unicode");
        }
        return Heap.newRef(v);
    }

    private static long objectLength(long exc, boolean bytes) {
        long o = field(exc, UnicodeErrors.OBJECT, "object", bytes);
        try {
            return bytes ? Heap.size(o) : Strs.length(o);
        } finally {
            Native.decref(o);
        }
    }

    private static int getStart(long exc, long out, boolean bytes) {
        long size = objectLength(exc, bytes);
        long start = Math.max(0, Mem.getLong(exc + UnicodeErrors.START));
        Mem.putLong(out, start >= size ? size - 1 : start);
        return 0;
    }

    private static int getEnd(long exc, long out, boolean bytes) {
        long size = objectLength(exc, bytes);
        long end = Math.max(1, Mem.getLong(exc + UnicodeErrors.END));
        Mem.putLong(out, Math.min(end, size));
        return 0;
    }

    private static int setReason(long exc, long reason) {
        long r = dev.ftcheck.runtime.capi.UnicodeApi.PyUnicode_FromString(reason);
        setField(exc, UnicodeErrors.REASON, r);
        return 0;
    }

    @CApi
    public static long PyUnicodeDecodeError_Create(long encoding, long object, long length, long start, long end,
            long reason) {
        if (encoding == 0 || reason == 0) {
            throw PyRaise.typeError("argument %d must be str, not None", encoding == 0 ? 1 : 5);
        }
        return UnicodeErrors.decodeError(Mem.cString(encoding), Mem.bytes(object, length), start, end, Mem.cString(reason));
    }

    @CApi
    public static long PyUnicodeDecodeError_GetEncoding(long exc) {
        return field(exc, UnicodeErrors.ENCODING, "encoding", false);
    }

    @CApi
    public static long PyUnicodeEncodeError_GetEncoding(long exc) {
        return field(exc, UnicodeErrors.ENCODING, "encoding", false);
    }

    @CApi
    public static long PyUnicodeDecodeError_GetObject(long exc) {
        return field(exc, UnicodeErrors.OBJECT, "object", true);
    }

    @CApi
    public static long PyUnicodeEncodeError_GetObject(long exc) {
        return field(exc, UnicodeErrors.OBJECT, "object", false);
    }

    @CApi
    public static long PyUnicodeTranslateError_GetObject(long exc) {
        return field(exc, UnicodeErrors.OBJECT, "object", false);
    }

    @CApi
    public static int PyUnicodeDecodeError_GetStart(long exc, long start) {
        return getStart(exc, start, true);
    }

    @CApi
    public static int PyUnicodeEncodeError_GetStart(long exc, long start) {
        return getStart(exc, start, false);
    }

    @CApi
    public static int PyUnicodeTranslateError_GetStart(long exc, long start) {
        return getStart(exc, start, false);
    }

    @CApi
    public static int PyUnicodeDecodeError_GetEnd(long exc, long end) {
        return getEnd(exc, end, true);
    }

    @CApi
    public static int PyUnicodeEncodeError_GetEnd(long exc, long end) {
        return getEnd(exc, end, false);
    }

    @CApi
    public static int PyUnicodeTranslateError_GetEnd(long exc, long end) {
        return getEnd(exc, end, false);
    }

    @CApi
    public static int PyUnicodeDecodeError_SetStart(long exc, long start) {
        Mem.putLong(exc + UnicodeErrors.START, start);
        return 0;
    }

    @CApi
    public static int PyUnicodeEncodeError_SetStart(long exc, long start) {
        return PyUnicodeDecodeError_SetStart(exc, start);
    }

    @CApi
    public static int PyUnicodeTranslateError_SetStart(long exc, long start) {
        return PyUnicodeDecodeError_SetStart(exc, start);
    }

    @CApi
    public static int PyUnicodeDecodeError_SetEnd(long exc, long end) {
        Mem.putLong(exc + UnicodeErrors.END, end);
        return 0;
    }

    @CApi
    public static int PyUnicodeEncodeError_SetEnd(long exc, long end) {
        return PyUnicodeDecodeError_SetEnd(exc, end);
    }

    @CApi
    public static int PyUnicodeTranslateError_SetEnd(long exc, long end) {
        return PyUnicodeDecodeError_SetEnd(exc, end);
    }

    @CApi
    public static long PyUnicodeDecodeError_GetReason(long exc) {
        return field(exc, UnicodeErrors.REASON, "reason", false);
    }

    @CApi
    public static long PyUnicodeEncodeError_GetReason(long exc) {
        return field(exc, UnicodeErrors.REASON, "reason", false);
    }

    @CApi
    public static long PyUnicodeTranslateError_GetReason(long exc) {
        return field(exc, UnicodeErrors.REASON, "reason", false);
    }

    @CApi
    public static int PyUnicodeDecodeError_SetReason(long exc, long reason) {
        return setReason(exc, reason);
    }

    @CApi
    public static int PyUnicodeEncodeError_SetReason(long exc, long reason) {
        return setReason(exc, reason);
    }

    @CApi
    public static int PyUnicodeTranslateError_SetReason(long exc, long reason) {
        return setReason(exc, reason);
    }
}
