package dev.ftcheck.runtime.obj.builtins;

import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;

/** Argument checks of built-in methods, each with the message CPython gives for that calling convention. */
public final class Args {
    private Args() {}

    /** METH_NOARGS: "list.clear() takes no arguments (1 given)". */
    public static void none(String qualname, long[] args, long kwargs) {
        noKeywords(qualname, kwargs);
        if (args.length != 0) {
            throw PyRaise.typeError("%s() takes no arguments (%d given)", qualname, args.length);
        }
    }

    /** METH_O: "list.append() takes exactly one argument (0 given)". */
    public static long one(String qualname, long[] args, long kwargs) {
        noKeywords(qualname, kwargs);
        if (args.length != 1) {
            throw PyRaise.typeError("%s() takes exactly one argument (%d given)", qualname, args.length);
        }
        return args[0];
    }

    public static void noKeywords(String qualname, long kwargs) {
        if (kwargs != 0 && Dicts.size(kwargs) > 0) {
            throw PyRaise.typeError("%s() takes no keyword arguments", qualname);
        }
    }

    /** PyArg_UnpackTuple style: "pop expected at most 1 argument, got 2". */
    public static void unpack(String name, long[] args, long kwargs, int min, int max) {
        noKeywords(name, kwargs);
        if (args.length < min) {
            throw PyRaise.typeError("%s expected %s%d argument%s, got %d", name, min == max ? "" : "at least ", min,
                    min == 1 ? "" : "s", args.length);
        }
        if (args.length > max) {
            throw PyRaise.typeError("%s expected %s%d argument%s, got %d", name, min == max ? "" : "at most ", max,
                    max == 1 ? "" : "s", args.length);
        }
    }

    /** Argument Clinic positional-only: "split() takes at most 2 arguments (3 given)". */
    public static void positional(String name, long[] args, long kwargs, int min, int max) {
        noKeywords(name, kwargs);
        clinicCount(name, args.length, min, max);
    }

    public static void clinicCount(String name, int n, int min, int max) {
        if (n < min || n > max) {
            String how = min == max ? "exactly" : n < min ? "at least" : "at most";
            int bound = n < min ? min : max;
            throw PyRaise.typeError("%s() takes %s %d positional argument%s (%d given)", name, how, bound,
                    bound == 1 ? "" : "s", n);
        }
    }

    /**
     * Argument Clinic with keywords: positional then named parameters; missing optional ones are 0. Unknown
     * keywords and duplicates raise as CPython does.
     */
    public static long[] clinic(String name, long[] args, long kwargs, int required, String... names) {
        if (args.length > names.length) {
            throw PyRaise.typeError("%s() takes at most %d argument%s (%d given)", name, names.length,
                    names.length == 1 ? "" : "s", args.length);
        }
        long[] out = new long[names.length];
        System.arraycopy(args, 0, out, 0, args.length);
        if (kwargs != 0) {
            long[] kv = Dicts.items(kwargs);
            try {
                for (int i = 0; i < kv.length; i += 2) {
                    String k = Strs.value(kv[i]);
                    int idx = java.util.Arrays.asList(names).indexOf(k);
                    if (idx < 0) {
                        throw PyRaise.typeError("%s() got an unexpected keyword argument '%s'", name, k);
                    }
                    if (idx < args.length) {
                        throw PyRaise.typeError("argument for %s() given by name ('%s') and position (%d)", name, k,
                                idx + 1);
                    }
                    out[idx] = kwargs == 0 ? 0 : Dicts.getBorrowed(kwargs, kv[i]);
                }
            } finally {
                for (long r : kv) {
                    dev.ftcheck.runtime.nat.Native.decref(r);
                }
            }
        }
        for (int i = 0; i < required; i++) {
            if (out[i] == 0) {
                throw PyRaise.typeError("%s() missing required argument '%s' (pos %d)", name, names[i], i + 1);
            }
        }
        return out;
    }

    public static boolean isNone(long o) {
        return o == 0 || o == Singletons.NONE;
    }
}
