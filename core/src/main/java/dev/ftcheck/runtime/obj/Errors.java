package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.DiagnosticSink;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.thread.ThreadState;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.LongToIntFunction;

/** The per-thread error indicator (3.12+ model: one exception object, its type derived from it). */
public final class Errors {
    private Errors() {}

    /** The {@code PyObject_HasAttr} / {@code PyMapping_HasKey} convention: the probe's answer, or 0 with any error cleared. */
    public static int zeroOnError(IntSupplier probe) {
        try {
            return probe.getAsInt();
        } catch (PyRaise e) {
            return 0;
        } catch (ErrorAlreadySet e) {
            clear();
            return 0;
        }
    }

    /**
     * Runs an optional lookup (which writes a new reference or NULL into the slot it is given) only for its 1 / 0
     * answer, releasing whatever it found.
     */
    public static int presenceOf(LongToIntFunction lookupInto) {
        long scratch = Native.memMalloc(8);
        try {
            int r = lookupInto.applyAsInt(scratch);
            Native.xdecref(Mem.getLong(scratch));
            return r;
        } finally {
            Native.memFree(scratch);
        }
    }

    /**
     * The "optional lookup" convention of {@code PyObject_GetOptionalAttr} and {@code PyMapping_GetOptionalItem}:
     * 1 with {@code *result} the new reference {@code lookup} returns; 0 with {@code *result} NULL and no error
     * when the lookup raised {@code missing} (or a subclass); any other error propagates.
     */
    public static int optionalLookup(long result, long missing, LongSupplier lookup) {
        Mem.putLong(result, 0);
        try {
            Mem.putLong(result, lookup.getAsLong());
            return 1;
        } catch (PyRaise e) {
            if (Types.isSubtype(e.type, missing)) {
                return 0;
            }
            throw e;
        } catch (ErrorAlreadySet e) {
            if (matches(missing)) {
                clear();
                return 0;
            }
            throw e;
        }
    }

    /** Raises {@code type(message)} on the calling thread. */
    public static void set(long type, String message) {
        long args = message == null ? Tuples.empty() : Tuples.of(Strs.fromJava(message));
        setObject(type, Exceptions.instantiate(type, args));
    }

    /**
     * Raises {@code type(message)} with the exception pending now as its __cause__ and __context__, as CPython's
     * _PyErr_FormatFromCause does (a PyInit that returned a module with an exception set).
     */
    public static void setFromCause(long type, String message) {
        long cause = take();
        set(type, message);
        if (cause != 0) {
            long exc = current();
            Native.xdecref(Mem.getLong(exc + Exceptions.CONTEXT));
            Mem.putLong(exc + Exceptions.CONTEXT, Heap.newRef(cause));
            Native.xdecref(Mem.getLong(exc + Exceptions.CAUSE));
            Mem.putLong(exc + Exceptions.CAUSE, cause);
        }
    }

    /** PyErr_SetObject: value may be an instance (used as is), a tuple of args, or any single argument. */
    public static void setValue(long type, long value) {
        long exc;
        if (value != 0 && Exceptions.isInstance(value) && Types.isInstance(value, type)) {
            exc = Heap.newRef(value);
        } else if (value == 0 || value == Singletons.NONE) {
            exc = Exceptions.instantiate(type, Tuples.empty());
        } else if (Types.kindOf(value) == TypeKind.TUPLE) {
            exc = Exceptions.instantiate(type, Heap.newRef(value));
        } else {
            exc = Exceptions.instantiate(type, Tuples.of(Heap.newRef(value)));
        }
        setObject(type, exc);
    }

    /** Installs an exception instance (reference stolen), chaining the one being replaced as its context. */
    public static void setObject(long type, long exc) {
        ThreadState ts = ThreadState.current();
        long old = ts.exception();
        ts.exception(exc);
        Native.xdecref(old);
    }

    /** The raised exception (borrowed), 0 when none. */
    public static long current() {
        return ThreadState.current().exception();
    }

    /** PyErr_Occurred: the raised exception's type (borrowed) or 0. */
    public static long occurredType() {
        long e = ThreadState.current().exception();
        return e == 0 ? 0 : Heap.type(e);
    }

    /** Takes the raised exception out of the indicator (new reference to the caller), 0 when none. */
    public static long take() {
        ThreadState ts = ThreadState.current();
        long e = ts.exception();
        if (e != 0) {
            ts.exception(0);
        }
        return e;
    }

    public static void clear() {
        Native.xdecref(take());
    }

    /** Whether the raised exception is an instance of {@code type} (or a subclass); PyErr_ExceptionMatches. */
    public static boolean matches(long type) {
        long t = occurredType();
        return t != 0 && givenMatches(t, type);
    }

    /** PyErr_GivenExceptionMatches for classes, instances and tuples of classes. */
    public static boolean givenMatches(long given, long exc) {
        if (given == 0 || exc == 0) {
            return false;
        }
        if (Types.kindOf(exc) == TypeKind.TUPLE) {
            for (long i = 0; i < Tuples.size(exc); i++) {
                if (givenMatches(given, Tuples.get(exc, i))) {
                    return true;
                }
            }
            return false;
        }
        long g = Exceptions.isInstance(given) ? Heap.type(given) : given;
        return Types.isSubtype(g, exc);
    }

    /** Converts a Java throwable caught at the C boundary into the error indicator. */
    public static void fromThrowable(Throwable t, String cFunction) {
        if (t instanceof ErrorAlreadySet) {
            if (current() == 0) {
                set(Exceptions.SystemError, cFunction + " failed without setting an exception");
            }
            return;
        }
        if (t instanceof PyRaise r) {
            set(r.type, r.getMessage());
            return;
        }
        if (t instanceof OutOfMemoryError) {
            set(Exceptions.MemoryError, null);
            return;
        }
        if (t instanceof StackOverflowError) {
            set(Exceptions.byName("RecursionError"), "maximum recursion depth exceeded in " + cFunction);
            return;
        }
        set(Exceptions.SystemError, "ftcheck internal error in " + cFunction + ": " + t);
        dev.ftcheck.runtime.DiagnosticSink.internalError(cFunction, t);
    }

    /** PyErr_FormatUnraisable: reports and clears the current exception with CPython's context line. */
    public static void unraisable(String context) {
        long exc = take();
        String what = exc == 0 ? "no exception" : Types.typeOf(exc).fullName() + ": " + Exceptions.message(exc);
        Native.xdecref(exc);
        dev.ftcheck.runtime.DiagnosticSink.diagnose("unraisable-exception", "PyErr_FormatUnraisable",
                context + ": " + what);
    }
}
