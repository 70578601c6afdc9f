package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;

/**
 * Calling any callable with positional arguments (borrowed) and an optional kwargs dict: built-in functions
 * through their PyMethodDef convention, types through tp_new/tp_init, other objects through tp_call.
 * Returns a new reference or throws (the error indicator set).
 */
public final class Calls {
    private Calls() {}

    public static long call(long callable, long[] args, long kwargs) {
        PyType t = Types.typeOf(callable);
        long result;
        String what;
        if (t.kind == TypeKind.CFUNCTION) {
            what = CFunctions.name(CFunctions.def(callable)) + "()";
            result = callCFunction(callable, args, kwargs);
        } else if (t.kind == TypeKind.METHOD_DESCR) {
            return Descriptors.callUnbound(callable, args, kwargs);
        } else if (t.kind == TypeKind.FUNCTION) {
            return Funcs.call(callable, args, kwargs);
        } else if (t.kind == TypeKind.BOUND_METHOD || t.kind == TypeKind.INSTANCEMETHOD
                || t.kind == TypeKind.STATICMETHOD || t.kind == TypeKind.CLASSMETHOD) {
            return Funcs.callWrapper(callable, t.kind, args, kwargs);
        } else if ((t.flags() & TPF_TYPE_SUBCLASS) != 0
                && (t.builtin || t.slot(TP_CALL) == 0 || t.slot(TP_CALL) == Mem.getLong(Types.TYPE + TP_CALL))) {
            return callType(callable, args, kwargs);
        } else {
            long tpCall = t.slot(TP_CALL);
            if (tpCall == 0) {
                throw PyRaise.typeError("'%s' object is not callable", t.name());
            }
            what = "'" + t.name() + "' object";
            long tuple = tupleOf(args);
            try {
                result = Downcalls.call3(tpCall, callable, tuple, kwargs);
            } finally {
                Native.decref(tuple);
            }
        }
        return checkResult(result, what);
    }

    /** Applies CPython's result rules: NULL needs an exception, non-NULL must not have one. */
    public static long checkResult(long result, String what) {
        long exc = Errors.current();
        if (result == 0) {
            if (exc == 0) {
                throw PyRaise.systemError("%s returned NULL without setting an exception", what);
            }
            throw ErrorAlreadySet.INSTANCE;
        }
        if (exc != 0) {
            Native.decref(result);
            long cause = Errors.take();
            String inner = Types.name(cause) + ": " + Exceptions.message(cause);
            Native.decref(cause);
            throw PyRaise.systemError("%s returned a result with an exception set (%s)", what, inner);
        }
        return result;
    }

    /** A new tuple of the given (borrowed) items. */
    public static long tupleOf(long[] args) {
        long t = Tuples.create(args.length);
        for (int i = 0; i < args.length; i++) {
            Tuples.set(t, i, Heap.newRef(args[i]));
        }
        return t;
    }

    public static long callCFunction(long f, long[] args, long kwargs) {
        long ml = CFunctions.def(f);
        long self = CFunctions.self(f);
        long meth = CFunctions.meth(ml);
        int flags = CFunctions.flags(ml)
                & ~(CFunctions.METH_CLASS | CFunctions.METH_STATIC | CFunctions.METH_COEXIST);
        String name = CFunctions.name(ml);
        boolean hasKw = kwargs != 0 && Dicts.size(kwargs) > 0;
        var java = dev.ftcheck.runtime.obj.builtins.BuiltinTable.javaImpl(ml);
        if (java != null) {
            return java.call(self, args, hasKw ? kwargs : 0);
        }
        switch (flags) {
            case CFunctions.METH_NOARGS -> {
                noKeywords(name, hasKw);
                if (args.length != 0) {
                    throw PyRaise.typeError("%s() takes no arguments (%d given)", name, args.length);
                }
                return Downcalls.call2(meth, self, 0);
            }
            case CFunctions.METH_O -> {
                noKeywords(name, hasKw);
                if (args.length != 1) {
                    throw PyRaise.typeError("%s() takes exactly one argument (%d given)", name, args.length);
                }
                return Downcalls.call2(meth, self, args[0]);
            }
            case CFunctions.METH_VARARGS -> {
                noKeywords(name, hasKw);
                long t = tupleOf(args);
                try {
                    return Downcalls.call2(meth, self, t);
                } finally {
                    Native.decref(t);
                }
            }
            case CFunctions.METH_VARARGS | CFunctions.METH_KEYWORDS -> {
                long t = tupleOf(args);
                try {
                    return Downcalls.call3(meth, self, t, hasKw ? kwargs : 0);
                } finally {
                    Native.decref(t);
                }
            }
            case CFunctions.METH_FASTCALL -> {
                noKeywords(name, hasKw);
                long arr = nativeArgs(args, null);
                try {
                    return Downcalls.call3(meth, self, arr, args.length);
                } finally {
                    freeArgs(arr);
                }
            }
            case CFunctions.METH_FASTCALL | CFunctions.METH_KEYWORDS,
                    CFunctions.METH_METHOD | CFunctions.METH_FASTCALL | CFunctions.METH_KEYWORDS -> {
                long[] kw = hasKw ? Dicts.items(kwargs) : new long[0];
                long kwnames = 0;
                long arr = nativeArgs(args, kw);
                try {
                    if (kw.length > 0) {
                        kwnames = Tuples.create(kw.length / 2);
                        for (int i = 0; i < kw.length; i += 2) {
                            Tuples.set(kwnames, i / 2, Heap.newRef(kw[i]));
                        }
                    }
                    if ((flags & CFunctions.METH_METHOD) != 0) {
                        return Downcalls.call5(meth, self, CFunctions.definingClass(f), arr, args.length, kwnames);
                    }
                    return Downcalls.call4(meth, self, arr, args.length, kwnames);
                } finally {
                    freeArgs(arr);
                    Native.xdecref(kwnames);
                    for (long r : kw) {
                        Native.decref(r);
                    }
                }
            }
            default -> throw PyRaise.systemError("%s() method: bad call flags 0x%x", name, flags);
        }
    }

    private static void noKeywords(String name, boolean hasKw) {
        if (hasKw) {
            throw PyRaise.typeError("%s() takes no keyword arguments", name);
        }
    }

    /** A native PyObject* array of positional args then keyword values (kw = [k0, v0, ...]). */
    private static long nativeArgs(long[] args, long[] kw) {
        int nkw = kw == null ? 0 : kw.length / 2;
        long arr = Native.memMalloc(8L * (args.length + nkw + 1));
        for (int i = 0; i < args.length; i++) {
            Mem.putLong(arr + 8L * i, args[i]);
        }
        for (int i = 0; i < nkw; i++) {
            Mem.putLong(arr + 8L * (args.length + i), kw[2 * i + 1]);
        }
        return arr;
    }

    private static void freeArgs(long arr) {
        Native.memFree(arr);
    }

    /** type(*args, **kwargs): tp_new, then tp_init when the result is an instance of the type. */
    public static long callType(long type, long[] args, long kwargs) {
        PyType t = Types.of(type);
        if (type == Types.TYPE && args.length == 1 && (kwargs == 0 || Dicts.size(kwargs) == 0)) {
            return Heap.newRef(Heap.type(args[0]));
        }
        if (type == Types.TYPE && args.length != 3) {
            throw PyRaise.typeError("type() takes 1 or 3 arguments");
        }
        if (Types.isSubtype(type, Types.TYPE) && Mem.getLong(type + TP_NEW) == Mem.getLong(Types.TYPE + TP_NEW)
                && args.length == 3) {
            // type(name, bases, dict) and metaclasses that keep type's __new__: a new class
            long cls = PyClasses.create(type, args[0], args[1], args[2]);
            if (type != Types.TYPE) {
                long tpInit = Mem.getLong(type + TP_INIT);
                if (tpInit != 0 && tpInit != Mem.getLong(Types.TYPE + TP_INIT)) {
                    long tuple = tupleOf(args);
                    try {
                        if (Downcalls.int3(tpInit, cls, tuple, kwargs) < 0) {
                            Native.decref(cls);
                            throw ErrorAlreadySet.INSTANCE;
                        }
                    } finally {
                        Native.decref(tuple);
                    }
                }
            }
            return cls;
        }
        long tpNew = Mem.getLong(type + TP_NEW);
        // a built-in type's own call constructs in Java even when it has a C tp_new for subclasses (list, dict)
        var constructor = tpNew == 0 || t.builtin ? dev.ftcheck.runtime.obj.builtins.BuiltinTable.constructor(type)
                : null;
        if (constructor != null) {
            return constructor.call(type, args, kwargs != 0 && Dicts.size(kwargs) > 0 ? kwargs : 0);
        }
        if (tpNew == 0 && Exceptions.isExceptionClass(type)) {
            // BaseException.__new__ then __init__: the arguments become args; keywords are refused.
            if (kwargs != 0 && Dicts.size(kwargs) > 0) {
                throw PyRaise.typeError("%s() takes no keyword arguments", t.name());
            }
            return Exceptions.instantiate(type, tupleOf(args));
        }
        if (tpNew == 0 || (t.flags() & TPF_DISALLOW_INSTANTIATION) != 0) {
            throw PyRaise.typeError("cannot create '%s' instances", t.fullName());
        }
        long tuple = tupleOf(args);
        try {
            long obj = checkResult(Downcalls.call3(tpNew, type, tuple, kwargs), t.name() + ".__new__");
            long tpInit = Mem.getLong(Heap.type(obj) + TP_INIT);
            if (tpInit != 0 && Types.isSubtype(Heap.type(obj), type)) {
                int r = Downcalls.int3(tpInit, obj, tuple, kwargs);
                if (r < 0) {
                    Native.decref(obj);
                    if (Errors.current() == 0) {
                        throw PyRaise.systemError("%s.__init__ returned -1 without setting an exception", t.name());
                    }
                    throw ErrorAlreadySet.INSTANCE;
                }
            }
            return obj;
        } finally {
            Native.decref(tuple);
        }
    }

    /** obj.name(*args): attribute lookup then call. */
    public static long callMethod(long obj, String name, long[] args, long kwargs) {
        long m = Attributes.get(obj, Strs.intern(name));
        try {
            return call(m, args, kwargs);
        } finally {
            Native.decref(m);
        }
    }

    /** What a Python-level __init__ returned (new reference): released; TypeError unless it is None. */
    public static void releaseInitResult(long r) {
        if (r != Singletons.NONE) {
            String type = Types.name(r);
            Native.decref(r);
            throw PyRaise.typeError("__init__() should return None, not '%s'", type);
        }
        Native.decref(r);
    }
}
