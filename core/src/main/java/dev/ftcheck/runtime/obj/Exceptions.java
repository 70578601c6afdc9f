package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import java.lang.foreign.Arena;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The standard exception hierarchy. Each class is a type object in native memory; the bridge's {@code PyExc_*}
 * variables ({@code PyObject *}) are pointed at them at start. Instances use CPython's PyBaseExceptionObject
 * layout (args at offset 40) so C code that peeks at them sees the usual fields.
 */
public final class Exceptions {
    public static final long INSTANCE_SIZE = 88;
    public static final long ARGS = 40;
    public static final long TRACEBACK = 56;
    public static final long CONTEXT = 64;
    public static final long CAUSE = 72;

    public static long BaseException, Exception, TypeError, ValueError, SystemError, IndexError, KeyError,
            OverflowError, MemoryError, AttributeError, RuntimeError, RuntimeWarning, ZeroDivisionError,
            NotImplementedError, StopIteration, ImportError, UnicodeDecodeError, UnicodeEncodeError, LookupError,
            BufferError, DeprecationWarning, UserWarning, Warning, OSError, AssertionError;

    /** Class name → its parent, in definition order (parents first). */
    private static final String[][] HIERARCHY = {
        {"BaseException", null}, {"BaseExceptionGroup", "BaseException"}, {"GeneratorExit", "BaseException"},
        {"KeyboardInterrupt", "BaseException"}, {"SystemExit", "BaseException"}, {"Exception", "BaseException"},
        {"ArithmeticError", "Exception"}, {"FloatingPointError", "ArithmeticError"},
        {"OverflowError", "ArithmeticError"}, {"ZeroDivisionError", "ArithmeticError"},
        {"AssertionError", "Exception"}, {"AttributeError", "Exception"}, {"BufferError", "Exception"},
        {"EOFError", "Exception"}, {"ImportError", "Exception"}, {"ModuleNotFoundError", "ImportError"},
        {"LookupError", "Exception"}, {"IndexError", "LookupError"}, {"KeyError", "LookupError"},
        {"MemoryError", "Exception"}, {"NameError", "Exception"}, {"UnboundLocalError", "NameError"},
        {"OSError", "Exception"}, {"BlockingIOError", "OSError"}, {"ChildProcessError", "OSError"},
        {"ConnectionError", "OSError"}, {"BrokenPipeError", "ConnectionError"},
        {"ConnectionAbortedError", "ConnectionError"}, {"ConnectionRefusedError", "ConnectionError"},
        {"ConnectionResetError", "ConnectionError"}, {"FileExistsError", "OSError"},
        {"FileNotFoundError", "OSError"}, {"InterruptedError", "OSError"}, {"IsADirectoryError", "OSError"},
        {"NotADirectoryError", "OSError"}, {"PermissionError", "OSError"}, {"ProcessLookupError", "OSError"},
        {"TimeoutError", "OSError"}, {"ReferenceError", "Exception"}, {"RuntimeError", "Exception"},
        {"NotImplementedError", "RuntimeError"}, {"PythonFinalizationError", "RuntimeError"},
        {"RecursionError", "RuntimeError"}, {"StopAsyncIteration", "Exception"}, {"StopIteration", "Exception"},
        {"SyntaxError", "Exception"}, {"IndentationError", "SyntaxError"}, {"TabError", "IndentationError"},
        {"SystemError", "Exception"}, {"TypeError", "Exception"}, {"ValueError", "Exception"},
        {"UnicodeError", "ValueError"}, {"UnicodeDecodeError", "UnicodeError"},
        {"UnicodeEncodeError", "UnicodeError"}, {"UnicodeTranslateError", "UnicodeError"},
        {"Warning", "Exception"}, {"BytesWarning", "Warning"}, {"DeprecationWarning", "Warning"},
        {"EncodingWarning", "Warning"}, {"FutureWarning", "Warning"}, {"ImportWarning", "Warning"},
        {"PendingDeprecationWarning", "Warning"}, {"ResourceWarning", "Warning"}, {"RuntimeWarning", "Warning"},
        {"SyntaxWarning", "Warning"}, {"UnicodeWarning", "Warning"}, {"UserWarning", "Warning"},
        {"ExceptionGroup", "BaseExceptionGroup"},
    };

    private static final Map<String, Long> BY_NAME = new LinkedHashMap<>();
    private static boolean initialised;

    private Exceptions() {}

    public static synchronized void init(Bridge bridge, long deallocStub) {
        if (initialised) {
            return;
        }
        for (String[] e : HIERARCHY) {
            long parent = e[1] == null ? Types.OBJECT : BY_NAME.get(e[1]);
            long t = newClass(e[0], parent, deallocStub, bridge.require("PyObject_Free"));
            BY_NAME.put(e[0], t);
            long var = bridge.symbol("PyExc_" + e[0]);
            if (var != 0) {
                Mem.putLong(var, t);
            }
        }
        // Aliases CPython keeps for compatibility.
        for (String alias : new String[] {"EnvironmentError", "IOError"}) {
            long var = bridge.symbol("PyExc_" + alias);
            if (var != 0) {
                Mem.putLong(var, BY_NAME.get("OSError"));
            }
        }
        BaseException = BY_NAME.get("BaseException");
        Exception = BY_NAME.get("Exception");
        TypeError = BY_NAME.get("TypeError");
        ValueError = BY_NAME.get("ValueError");
        SystemError = BY_NAME.get("SystemError");
        IndexError = BY_NAME.get("IndexError");
        KeyError = BY_NAME.get("KeyError");
        OverflowError = BY_NAME.get("OverflowError");
        MemoryError = BY_NAME.get("MemoryError");
        AttributeError = BY_NAME.get("AttributeError");
        RuntimeError = BY_NAME.get("RuntimeError");
        RuntimeWarning = BY_NAME.get("RuntimeWarning");
        ZeroDivisionError = BY_NAME.get("ZeroDivisionError");
        NotImplementedError = BY_NAME.get("NotImplementedError");
        StopIteration = BY_NAME.get("StopIteration");
        ImportError = BY_NAME.get("ImportError");
        UnicodeDecodeError = BY_NAME.get("UnicodeDecodeError");
        UnicodeEncodeError = BY_NAME.get("UnicodeEncodeError");
        LookupError = BY_NAME.get("LookupError");
        BufferError = BY_NAME.get("BufferError");
        DeprecationWarning = BY_NAME.get("DeprecationWarning");
        UserWarning = BY_NAME.get("UserWarning");
        Warning = BY_NAME.get("Warning");
        OSError = BY_NAME.get("OSError");
        AssertionError = BY_NAME.get("AssertionError");
        ExceptionFields.init();
        initialised = true;
    }

    /** A permanent exception class (built-in ones, and those from PyErr_NewException, which live for the process). */
    /**
     * A class as PyErr_NewException("module.Name") makes it: tp_name is the bare name, as type() sets it, and
     * __module__ holds the module.
     */
    public static long newModuleClass(String dotted, long parent) {
        int dot = dotted.lastIndexOf('.');
        long cls = newClass(dotted.substring(dot + 1), parent, Mem.getLong(Exception + TP_DEALLOC),
                Mem.getLong(Exception + TP_FREE));
        Types.get(cls).dict.put("__module__", Strs.fromJava(dotted.substring(0, dot)));
        return cls;
    }

    public static long newClass(String qualifiedName, long parent, long deallocStub, long free) {
        long t = Arena.global().allocate(HEAPTYPE_SIZE, 16).address();
        Mem.putLong(t + OB_TID, 0);
        Mem.putInt(t + OB_REF_LOCAL, IMMORTAL_LOCAL);
        Mem.putLong(t + OB_TYPE, Types.TYPE);
        Mem.putLong(t + TP_NAME, Arena.global().allocateFrom(qualifiedName).address());
        // a subclass keeps its parent's extra fields (UnicodeError's, ImportError's, SyntaxError's)
        long parentSize = parent == Types.OBJECT ? 0 : Mem.getLong(parent + TP_BASICSIZE);
        Mem.putLong(t + TP_BASICSIZE, Math.max(INSTANCE_SIZE, parentSize));
        Mem.putLong(t + TP_FLAGS, TPF_BASE_EXC_SUBCLASS | TPF_BASETYPE | TPF_READY | TPF_HAVE_GC);
        Mem.putLong(t + TP_BASE, parent);
        Mem.putLong(t + TP_DEALLOC, deallocStub);
        Mem.putLong(t + TP_FREE, free);
        Mem.putLong(t + TP_DICTOFFSET, 32); // PyBaseExceptionObject.dict
        Types.register(t, TypeKind.EXCEPTION);
        return t;
    }

    public static long byName(String name) {
        Long t = BY_NAME.get(name);
        return t == null ? 0 : t;
    }

    /** One of the built-in exception classes (not one made by PyErr_NewException). */
    public static boolean isBuiltinClass(long t) {
        return BY_NAME.containsValue(t);
    }

    public static boolean isExceptionClass(long t) {
        return t != 0 && Types.get(t) != null && (Mem.getLong(t + TP_FLAGS) & TPF_BASE_EXC_SUBCLASS) != 0
                && (Mem.getLong(Heap.type(t) + TP_FLAGS) & TPF_TYPE_SUBCLASS) != 0;
    }

    public static boolean isInstance(long obj) {
        return (Mem.getLong(Heap.type(obj) + TP_FLAGS) & TPF_BASE_EXC_SUBCLASS) != 0;
    }

    /** A new exception instance of class {@code type} with the given args tuple (stolen). */
    public static long instantiate(long type, long argsTuple) {
        long size = Math.max(INSTANCE_SIZE, Mem.getLong(type + TP_BASICSIZE));
        long e = Heap.alloc(type, size);
        Mem.putLong(e + ARGS, argsTuple);
        if (ExceptionFields.isSyntaxError(e)) {
            ExceptionFields.initSyntax(e, argsTuple);
        } else if (StopIteration != 0 && ExceptionFields.isStopIteration(e)) {
            ExceptionFields.initStopIteration(e, argsTuple);
        }
        return e;
    }

    public static long args(long exc) {
        return Mem.getLong(exc + ARGS);
    }

    /** str(exc) as CPython shows it: '' for no args, str(arg) for one, the tuple's str otherwise. */
    public static String message(long exc) {
        if (ExceptionFields.isSyntaxError(exc)) {
            return ExceptionFields.syntaxMessage(exc);
        }
        long args = args(exc);
        if (args == 0 || Tuples.size(args) == 0) {
            return "";
        }
        String fieldMessage = UnicodeErrors.isUnicodeError(exc) ? UnicodeErrors.message(exc)
                : ExceptionFields.isImportError(exc) ? ExceptionFields.importMessage(exc) : null;
        if (fieldMessage != null) {
            return fieldMessage;
        }
        if (Types.isSubtype(Heap.type(exc), OSError) && Tuples.size(args) >= 2 && Ints.isInt(Tuples.get(args, 0))) {
            // OSError's str: "[Errno N] strerror" and ": 'filename'" when one was given.
            String s = "[Errno " + Ints.value(Tuples.get(args, 0)) + "] " + Repr.str(Tuples.get(args, 1));
            if (Tuples.size(args) >= 5) { // (errno, strerror, filename, winerror, filename2)
                return s + ": " + Repr.repr(Tuples.get(args, 2)) + " -> " + Repr.repr(Tuples.get(args, 4));
            }
            return Tuples.size(args) >= 3 ? s + ": " + Repr.repr(Tuples.get(args, 2)) : s;
        }
        if (Tuples.size(args) == 1) {
            long a = Tuples.get(args, 0);
            if (Types.isSubtype(Heap.type(exc), KeyError)) {
                return Repr.repr(a);
            }
            return Repr.str(a);
        }
        return Repr.str(args);
    }

    public static void dealloc(long exc) {
        ExceptionFields.release(exc);
        for (long off = 32; off < INSTANCE_SIZE - 8; off += 8) {
            long p = Mem.getLong(exc + off);
            if (p != 0) {
                Mem.putLong(exc + off, 0);
                dev.ftcheck.runtime.nat.Native.decref(p);
            }
        }
    }
}
