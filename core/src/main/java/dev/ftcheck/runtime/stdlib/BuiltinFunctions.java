package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import dev.ftcheck.runtime.obj.builtins.IteratorTypes;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The builtins functions compiled code commonly names (Cython looks up every builtin a module's code uses when the
 * module initialises): print, sum, min, max, sorted, map, filter, zip, enumerate, reversed, any, all, divmod, pow,
 * round, format, chr, ord, hex, oct, bin, vars, and those that need what the runtime does not have (a frame, a
 * class body, files, a console), which raise NotImplementedError naming the reason. map, filter, zip, enumerate and
 * reversed are types in CPython; here they are functions returning lazily computed iterators whose types carry
 * those names.
 */
final class BuiltinFunctions {
    private static volatile long mapType, filterType, zipType, enumerateType, reversedType;

    private BuiltinFunctions() {}

    static void install(BuiltinTable t) {
        t.method("print", BuiltinFunctions::print);
        t.method("sum", BuiltinFunctions::sum);
        t.method("min", (self, args, kw) -> minMax("min", Protocols.LT, args, kw));
        t.method("max", (self, args, kw) -> minMax("max", Protocols.GT, args, kw));
        t.method("sorted", (self, args, kw) -> {
            if (args.length != 1) {
                throw PyRaise.typeError("sorted expected 1 argument, got %d", args.length);
            }
            long list = AbstractApi.PySequence_List(args[0]);
            try {
                Native.decref(Calls.callMethod(list, "sort", new long[0], kw));
            } catch (RuntimeException e) {
                Native.decref(list);
                throw e;
            }
            return list;
        });
        t.method("any", (self, args, kw) -> anyAll("any", args, kw, true));
        t.method("all", (self, args, kw) -> anyAll("all", args, kw, false));
        t.method("map", BuiltinFunctions::map);
        t.method("filter", BuiltinFunctions::filter);
        t.method("zip", BuiltinFunctions::zip);
        t.method("enumerate", BuiltinFunctions::enumerate);
        t.method("reversed", BuiltinFunctions::reversed);
        t.method("divmod", (self, args, kw) -> {
            Args.unpack("divmod", args, kw, 2, 2);
            return AbstractApi.PyNumber_Divmod(args[0], args[1]);
        });
        t.method("pow", (self, args, kw) -> {
            long[] a = Args.clinic("pow", args, kw, 2, "base", "exp", "mod");
            return AbstractApi.PyNumber_Power(a[0], a[1], a[2] == 0 ? Singletons.NONE : a[2]);
        });
        t.method("round", BuiltinFunctions::round);
        t.method("format", (self, args, kw) -> {
            Args.positional("format", args, kw, 1, 2);
            if (args.length == 2 && !Strs.isStr(args[1])) {
                throw PyRaise.typeError("format() argument 2 must be str, not %s", Types.name(args[1]));
            }
            long spec = args.length == 2 ? Heap.newRef(args[1]) : Strs.fromJava("");
            try {
                return AbstractApi.PyObject_Format(args[0], spec);
            } finally {
                Native.decref(spec);
            }
        });
        t.method("chr", (self, args, kw) -> {
            long i = Args.one("chr", args, kw);
            BigInteger v = Ints.index(i);
            int cp = v.bitLength() > 31 ? -1 : v.intValue();
            if (cp < 0 || cp > 0x10FFFF) {
                throw PyRaise.valueError("chr() arg not in range(0x110000)");
            }
            return Strs.fromCodePoints(new int[] {cp});
        });
        t.method("ord", (self, args, kw) -> ord(Args.one("ord", args, kw)));
        t.method("hex", (self, args, kw) -> AbstractApi.PyNumber_ToBase(Args.one("hex", args, kw), 16));
        t.method("oct", (self, args, kw) -> AbstractApi.PyNumber_ToBase(Args.one("oct", args, kw), 8));
        t.method("bin", (self, args, kw) -> AbstractApi.PyNumber_ToBase(Args.one("bin", args, kw), 2));
        t.method("vars", (self, args, kw) -> {
            Args.unpack("vars", args, kw, 0, 1);
            if (args.length == 0) {
                throw unavailable("vars() without an argument", "it reads the calling Python frame's locals");
            }
            long d = Lookups.optionalAttr(args[0], "__dict__");
            if (d == 0) {
                throw PyRaise.typeError("vars() argument must have __dict__ attribute");
            }
            return d;
        });
        t.method("globals", (self, args, kw) -> {
            throw unavailable("globals()", "it reads the calling Python frame");
        });
        t.method("locals", (self, args, kw) -> {
            throw unavailable("locals()", "it reads the calling Python frame");
        });
        t.method("__import__", (self, args, kw) -> {
            long[] a = Args.clinic("__import__", args, kw, 1, "name", "globals", "locals", "fromlist", "level");
            int level = a[4] == 0 ? 0 : (int) Ints.index(a[4]).longValue();
            return dev.ftcheck.runtime.capi.ImportApi.PyImport_ImportModuleLevelObject(a[0], a[1], a[2], a[3], level);
        });
        t.method("__build_class__", (self, args, kw) -> {
            throw unavailable("__build_class__()", "a class body is Python code");
        });
        t.method("open", (self, args, kw) -> {
            throw unavailable("open()", "the runtime has no io module or file objects");
        });
        t.method("input", (self, args, kw) -> {
            throw unavailable("input()", "the runtime has no sys.stdin");
        });
    }

    private static PyRaise unavailable(String what, String why) {
        return new PyRaise(Exceptions.byName("NotImplementedError"),
                "ftcheck: " + what + " is not available: " + why + " (no Python interpreter)");
    }

    // ---- print ----

    private static long print(long self, long[] args, long kw) {
        long[] opts = Args.clinic("print", new long[0], kw, 0, "sep", "end", "file", "flush");
        String sep = text(opts[0], " ", "sep");
        String end = text(opts[1], "\n", "end");
        long file = Args.isNone(opts[2]) ? 0 : opts[2];
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                out.append(sep);
            }
            long s = ObjectApi.PyObject_Str(args[i]);
            try {
                out.append(Strs.value(s));
            } finally {
                Native.decref(s);
            }
        }
        out.append(end);
        boolean flush = opts[3] != 0 && Protocols.isTrue(opts[3]);
        if (file != 0) {
            long s = Strs.fromJava(out.toString());
            try {
                Native.decref(Calls.callMethod(file, "write", new long[] {s}, 0));
            } finally {
                Native.decref(s);
            }
            if (flush) {
                Native.decref(Calls.callMethod(file, "flush", new long[0], 0));
            }
            return Singletons.NONE;
        }
        // The process's standard output: the JVM's, which is where the runtime's own output goes, so the two keep
        // their order. Written through as UTF-8 (CPython's stdout encoding under a UTF-8 locale).
        PrintStream stdout = System.out;
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        synchronized (stdout) {
            stdout.write(bytes, 0, bytes.length);
            stdout.flush();
        }
        return Singletons.NONE;
    }

    private static String text(long o, String dflt, String what) {
        if (Args.isNone(o)) {
            return dflt;
        }
        if (!Strs.isStr(o)) {
            throw PyRaise.typeError("%s must be None or a string, not %s", what, Types.name(o));
        }
        return Strs.value(o);
    }

    // ---- sum, min, max, any, all ----

    /** sum(iterable, /, start=0): exact floats (and ints that fit a C long) summed with compensation, as 3.12+. */
    private static long sum(long self, long[] args, long kw) {
        if (args.length < 1) {
            throw PyRaise.typeError("sum() takes at least 1 positional argument (0 given)");
        }
        if (args.length > 2) {
            throw PyRaise.typeError("sum() takes at most 2 arguments (%d given)", args.length);
        }
        long[] a = Args.clinic("sum", args, kw, 1, "iterable", "start");
        long start = a[1];
        if (start != 0) {
            if (Strs.isStr(start)) {
                throw PyRaise.typeError("sum() can't sum strings [use ''.join(seq) instead]");
            }
            if (Types.isInstance(start, Types.BYTES)) {
                throw PyRaise.typeError("sum() can't sum bytes [use b''.join(seq) instead]");
            }
            if (Types.isInstance(start, Types.BYTEARRAY)) {
                throw PyRaise.typeError("sum() can't sum bytearray [use b''.join(seq) instead]");
            }
        }
        long result = start == 0 ? Ints.fromLong(0) : Heap.newRef(start);
        long it;
        try {
            it = Iteration.iter(a[0]);
        } catch (RuntimeException e) {
            Native.decref(result);
            throw e;
        }
        boolean floatMode = false;
        double hi = 0, lo = 0;
        try {
            while (true) {
                if (!floatMode && Heap.type(result) == Types.FLOAT) {
                    floatMode = true;
                    hi = Floats.value(result);
                    lo = 0;
                }
                long item = Iteration.next(it);
                if (item == 0) {
                    break;
                }
                try {
                    if (floatMode) {
                        double x;
                        boolean exact = true;
                        if (Heap.type(item) == Types.FLOAT) {
                            x = Floats.value(item);
                        } else if (Heap.type(item) == Types.INT && Ints.fitsLong(item)) {
                            x = (double) Ints.asLong(item);
                        } else {
                            x = 0;
                            exact = false;
                        }
                        if (exact) {
                            double t = hi + x;
                            if (Math.abs(hi) >= Math.abs(x)) {
                                lo += (hi - t) + x;
                            } else {
                                lo += (x - t) + hi;
                            }
                            hi = t;
                            continue;
                        }
                        floatMode = false;
                        Native.decref(result);
                        result = Floats.fromDouble(compensated(hi, lo));
                    }
                    long next = AbstractApi.PyNumber_Add(result, item);
                    Native.decref(result);
                    result = next;
                } finally {
                    Native.decref(item);
                }
            }
            if (floatMode) {
                Native.decref(result);
                result = Floats.fromDouble(compensated(hi, lo));
            }
            return result;
        } catch (RuntimeException e) {
            Native.decref(result);
            throw e;
        } finally {
            Native.decref(it);
        }
    }

    private static double compensated(double hi, double lo) {
        return lo != 0 && Double.isFinite(lo) ? hi + lo : hi;
    }

    /** min/max(iterable, *, key=None[, default]) and min/max(a, b, *rest, key=None). */
    private static long minMax(String name, int op, long[] args, long kw) {
        if (args.length == 0) {
            throw PyRaise.typeError("%s expected at least 1 argument, got 0", name);
        }
        long key = 0, dflt = 0;
        if (kw != 0 && Dicts.size(kw) > 0) {
            long[] kv = Dicts.items(kw);
            try {
                for (int i = 0; i < kv.length; i += 2) {
                    String k = Strs.value(kv[i]);
                    if (k.equals("key")) {
                        key = kv[i + 1];
                    } else if (k.equals("default")) {
                        dflt = kv[i + 1];
                    } else {
                        throw PyRaise.typeError("%s() got an unexpected keyword argument '%s'", name, k);
                    }
                }
            } finally {
                for (long r : kv) {
                    Native.decref(r);
                }
            }
        }
        if (Args.isNone(key)) {
            key = 0;
        }
        if (dflt != 0 && args.length > 1) {
            throw PyRaise.typeError("Cannot specify a default for %s() with multiple positional arguments", name);
        }
        long it;
        if (args.length == 1) {
            it = Iteration.iter(args[0]);
        } else {
            long[] refs = new long[args.length];
            for (int i = 0; i < refs.length; i++) {
                refs[i] = Heap.newRef(args[i]);
            }
            long tuple = Tuples.of(refs);
            try {
                it = Iteration.iter(tuple);
            } finally {
                Native.decref(tuple);
            }
        }
        long best = 0, bestKey = 0;
        try {
            while (true) {
                long item = Iteration.next(it);
                if (item == 0) {
                    break;
                }
                long k;
                try {
                    k = key == 0 ? Heap.newRef(item) : Calls.call(key, new long[] {item}, 0);
                } catch (RuntimeException e) {
                    Native.decref(item);
                    throw e;
                }
                boolean better;
                try {
                    better = best == 0 || Compare.richBool(k, bestKey, op);
                } catch (RuntimeException e) {
                    Native.decref(item);
                    Native.decref(k);
                    throw e;
                }
                if (better) {
                    Native.xdecref(best);
                    Native.xdecref(bestKey);
                    best = item;
                    bestKey = k;
                } else {
                    Native.decref(item);
                    Native.decref(k);
                }
            }
        } catch (RuntimeException e) {
            Native.xdecref(best);
            Native.xdecref(bestKey);
            throw e;
        } finally {
            Native.decref(it);
        }
        Native.xdecref(bestKey);
        if (best != 0) {
            return best;
        }
        if (dflt != 0) {
            return Heap.newRef(dflt);
        }
        throw PyRaise.valueError("%s() iterable argument is empty", name);
    }

    private static long anyAll(String name, long[] args, long kw, boolean any) {
        long it = Iteration.iter(Args.one(name, args, kw));
        try {
            while (true) {
                long item = Iteration.next(it);
                if (item == 0) {
                    return Singletons.bool(!any);
                }
                boolean truth;
                try {
                    truth = Protocols.isTrue(item);
                } finally {
                    Native.decref(item);
                }
                if (truth == any) {
                    return Singletons.bool(any);
                }
            }
        } finally {
            Native.decref(it);
        }
    }

    // ---- round, ord ----

    private static long round(long self, long[] args, long kw) {
        long[] a = Args.clinic("round", args, kw, 1, "number", "ndigits");
        long number = a[0];
        long method = Attributes.lookupInType(Heap.type(number), "__round__");
        if (method == 0) {
            throw PyRaise.typeError("type %s doesn't define __round__ method", Types.name(number));
        }
        long[] callArgs = Args.isNone(a[1]) ? new long[] {number} : new long[] {number, a[1]};
        return Calls.call(method, callArgs, 0);
    }

    private static long ord(long c) {
        long n;
        if (Strs.isStr(c)) {
            n = Strs.length(c);
            if (n == 1) {
                return Ints.fromLong(Strs.codePointAt(c, 0));
            }
        } else if (Types.isInstance(c, Types.BYTES) || Types.isInstance(c, Types.BYTEARRAY)) {
            byte[] b = Types.isInstance(c, Types.BYTES) ? dev.ftcheck.runtime.obj.Bytes.value(c)
                    : dev.ftcheck.runtime.obj.Bytes.byteArrayValue(c);
            n = b.length;
            if (n == 1) {
                return Ints.fromLong(b[0] & 0xff);
            }
        } else {
            throw PyRaise.typeError("ord() expected string of length 1, but %s found", Types.name(c));
        }
        throw PyRaise.typeError("ord() expected a character, but string of length %d found", n);
    }

    // ---- the lazy iterators ----

    private static synchronized void types() {
        if (mapType == 0) {
            filterType = IteratorTypes.lazy("filter");
            zipType = IteratorTypes.lazy("zip");
            enumerateType = IteratorTypes.lazy("enumerate");
            reversedType = IteratorTypes.lazy("reversed");
            mapType = IteratorTypes.lazy("map");
        }
    }

    private static long type(java.util.function.LongSupplier which) {
        if (mapType == 0) {
            types();
        }
        return which.getAsLong();
    }

    /** iter() of each argument, as new references (released again when one fails). */
    private static long[] iters(long[] iterables, int from) {
        long[] its = new long[iterables.length - from];
        try {
            for (int i = 0; i < its.length; i++) {
                its[i] = Iteration.iter(iterables[from + i]);
            }
        } catch (RuntimeException e) {
            releaseAll(its);
            throw e;
        }
        return its;
    }

    private static void releaseAll(long[] refs) {
        for (long r : refs) {
            Native.xdecref(r);
        }
    }

    private static long map(long self, long[] args, long kw) {
        Args.noKeywords("map", kw);
        if (args.length < 2) {
            throw PyRaise.typeError("map() must have at least two arguments.");
        }
        long func = Heap.newRef(args[0]);
        long[] its = iters(args, 1);
        return Objects.newLazyIterator(type(() -> mapType), new Objects.LazyIterator() {
            @Override
            protected long advance() {
                long[] items = new long[its.length];
                try {
                    for (int i = 0; i < its.length; i++) {
                        items[i] = Iteration.next(its[i]);
                        if (items[i] == 0) {
                            return 0;
                        }
                    }
                    return Calls.call(func, items, 0);
                } finally {
                    releaseAll(items);
                }
            }

            @Override
            protected void release() {
                releaseAll(its);
                Native.decref(func);
            }
        });
    }

    private static long filter(long self, long[] args, long kw) {
        Args.noKeywords("filter", kw);
        Args.unpack("filter", args, 0, 2, 2);
        long func = Args.isNone(args[0]) || args[0] == Types.BOOL ? 0 : Heap.newRef(args[0]);
        long it = Iteration.iter(args[1]);
        return Objects.newLazyIterator(type(() -> filterType), new Objects.LazyIterator() {
            @Override
            protected long advance() {
                while (true) {
                    long item = Iteration.next(it);
                    if (item == 0) {
                        return 0;
                    }
                    boolean keep;
                    try {
                        if (func == 0) {
                            keep = Protocols.isTrue(item);
                        } else {
                            long r = Calls.call(func, new long[] {item}, 0);
                            try {
                                keep = Protocols.isTrue(r);
                            } finally {
                                Native.decref(r);
                            }
                        }
                    } catch (RuntimeException e) {
                        Native.decref(item);
                        throw e;
                    }
                    if (keep) {
                        return item;
                    }
                    Native.decref(item);
                }
            }

            @Override
            protected void release() {
                Native.decref(it);
                Native.xdecref(func);
            }
        });
    }

    private static long zip(long self, long[] args, long kw) {
        boolean strict = false;
        if (kw != 0 && Dicts.size(kw) > 0) {
            long[] opts = Args.clinic("zip", new long[0], kw, 0, "strict");
            strict = opts[0] != 0 && Protocols.isTrue(opts[0]);
        }
        long[] its = iters(args, 0);
        boolean isStrict = strict;
        return Objects.newLazyIterator(type(() -> zipType), new Objects.LazyIterator() {
            @Override
            protected long advance() {
                if (its.length == 0) {
                    return 0;
                }
                long[] items = new long[its.length];
                for (int i = 0; i < its.length; i++) {
                    long item;
                    try {
                        item = Iteration.next(its[i]);
                    } catch (RuntimeException e) {
                        releaseAll(items);
                        throw e;
                    }
                    if (item == 0) {
                        releaseAll(items);
                        if (isStrict) {
                            strictCheck(i);
                        }
                        return 0;
                    }
                    items[i] = item;
                }
                return Tuples.of(items);
            }

            /** The i-th iterator ended: the others must end at the same time. */
            private void strictCheck(int i) {
                if (i > 0) {
                    throw PyRaise.valueError("zip() argument %d is shorter than argument%s%s", i + 1,
                            i == 1 ? " " : "s 1-", i == 1 ? "1" : String.valueOf(i));
                }
                for (int j = 1; j < its.length; j++) {
                    long item = Iteration.next(its[j]);
                    if (item != 0) {
                        Native.decref(item);
                        throw PyRaise.valueError("zip() argument %d is longer than argument%s%s", j + 1,
                                j == 1 ? " " : "s 1-", j == 1 ? "1" : String.valueOf(j));
                    }
                }
            }

            @Override
            protected void release() {
                releaseAll(its);
            }
        });
    }

    private static long enumerate(long self, long[] args, long kw) {
        long[] a = Args.clinic("enumerate", args, kw, 0, "iterable", "start");
        if (a[0] == 0) {
            throw PyRaise.typeError("enumerate() missing required argument 'iterable'");
        }
        long start;
        if (a[1] == 0) {
            start = Ints.fromLong(0);
        } else {
            start = Ints.fromBig(Ints.index(a[1]));
        }
        long it;
        try {
            it = Iteration.iter(a[0]);
        } catch (RuntimeException e) {
            Native.decref(start);
            throw e;
        }
        long[] count = {start};
        return Objects.newLazyIterator(type(() -> enumerateType), new Objects.LazyIterator() {
            @Override
            protected long advance() {
                long item = Iteration.next(it);
                if (item == 0) {
                    return 0;
                }
                long index = count[0];
                long one = Ints.fromLong(1);
                try {
                    count[0] = AbstractApi.PyNumber_Add(index, one);
                } catch (RuntimeException e) {
                    Native.decref(item);
                    throw e;
                } finally {
                    Native.decref(one);
                }
                return Tuples.of(index, item);
            }

            @Override
            protected void release() {
                Native.decref(it);
                Native.decref(count[0]);
            }
        });
    }

    private static long reversed(long self, long[] args, long kw) {
        Args.noKeywords("reversed", kw);
        Args.unpack("reversed", args, 0, 1, 1);
        long seq = args[0];
        long method = Attributes.lookupInType(Heap.type(seq), "__reversed__");
        if (method == Singletons.NONE) {
            throw PyRaise.typeError("'%s' object is not reversible", Types.name(seq));
        }
        if (method != 0) {
            return Calls.call(method, new long[] {seq}, 0);
        }
        if (Types.isInstance(seq, Types.DICT) || Attributes.lookupInType(Heap.type(seq), "__getitem__") == 0
                || Attributes.lookupInType(Heap.type(seq), "__len__") == 0) {
            throw PyRaise.typeError("'%s' object is not reversible", Types.name(seq));
        }
        long n = AbstractApi.PyObject_Size(seq);
        long held = Heap.newRef(seq);
        long[] index = {n - 1};
        return Objects.newLazyIterator(type(() -> reversedType), new Objects.LazyIterator() {
            @Override
            protected long advance() {
                if (index[0] < 0) {
                    return 0;
                }
                try {
                    return AbstractApi.PySequence_GetItem(held, index[0]--);
                } catch (PyRaise e) {
                    if (e.type == Exceptions.IndexError || e.type == Exceptions.StopIteration) {
                        return 0;
                    }
                    throw e;
                } catch (ErrorAlreadySet e) {
                    if (Errors.matches(Exceptions.IndexError) || Errors.matches(Exceptions.StopIteration)) {
                        Errors.clear();
                        return 0;
                    }
                    throw e;
                }
            }

            @Override
            protected void release() {
                Native.decref(held);
            }
        });
    }
}
