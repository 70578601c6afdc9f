package dev.ftcheck.runtime;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Sets;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Java ↔ Python value conversion. Callers hold an attached thread state. */
final class Convert {
    private Convert() {}

    /** A new reference for a Java value. */
    static long toPy(Object v) {
        if (v == null) {
            return Singletons.NONE;
        }
        if (v instanceof Boolean b) {
            return Singletons.bool(b);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return Ints.fromLong(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return Ints.fromBig(b);
        }
        if (v instanceof Double || v instanceof Float) {
            return Floats.fromDouble(((Number) v).doubleValue());
        }
        if (v instanceof PyComplex c) {
            return dev.ftcheck.runtime.capi.ComplexApi.PyComplex_FromDoubles(c.real(), c.imag());
        }
        if (v instanceof String s) {
            return Strs.fromJava(s);
        }
        if (v instanceof byte[] b) {
            return Bytes.fromJava(b);
        }
        if (v instanceof PyTuple t) {
            long r = Tuples.create(t.items().size());
            for (int i = 0; i < t.items().size(); i++) {
                Tuples.set(r, i, toPy(t.items().get(i)));
            }
            return r;
        }
        if (v instanceof List<?> l) {
            long r = Lists.create(0);
            for (Object o : l) {
                long item = toPy(o);
                Lists.append(r, item);
                Native.decref(item);
            }
            return r;
        }
        if (v instanceof Map<?, ?> m) {
            long d = Dicts.create("a Java Map argument");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                long k = toPy(e.getKey());
                long val = toPy(e.getValue());
                try {
                    Dicts.set(d, k, val);
                } finally {
                    Native.decref(k);
                    Native.decref(val);
                }
            }
            return d;
        }
        if (v instanceof Set<?> s) {
            long r = Sets.create(Types.SET);
            for (Object o : s) {
                long item = toPy(o);
                Sets.add(r, item);
                Native.decref(item);
            }
            return r;
        }
        if (v instanceof PyObjectHandle h) {
            return Heap.newRef(h.address());
        }
        throw PyRaise.typeError("cannot convert Java %s to a Python object", v.getClass().getName());
    }

    /** The Java value of a Python object (borrowed); anything without a Java counterpart becomes a handle. */
    static Object toJava(FtRuntime rt, long o) {
        if (o == Singletons.NONE) {
            return null;
        }
        if (o == Singletons.TRUE) {
            return Boolean.TRUE;
        }
        if (o == Singletons.FALSE) {
            return Boolean.FALSE;
        }
        if (dev.ftcheck.runtime.obj.builtins.ComplexType.isComplex(o)) {
            return new PyComplex(dev.ftcheck.runtime.capi.ComplexApi.PyComplex_RealAsDouble(o),
                    dev.ftcheck.runtime.capi.ComplexApi.PyComplex_ImagAsDouble(o));
        }
        switch (Types.kindOf(o)) {
            case INT -> {
                BigInteger b = Ints.value(o);
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            case FLOAT -> {
                return Floats.value(o);
            }
            case STR -> {
                return Strs.value(o);
            }
            case BYTES -> {
                return Bytes.value(o);
            }
            case BYTEARRAY -> {
                return Bytes.byteArrayValue(o);
            }
            case TUPLE -> {
                List<Object> r = new ArrayList<>();
                for (long i = 0; i < Tuples.size(o); i++) {
                    r.add(toJava(rt, Tuples.get(o, i)));
                }
                return Collections.unmodifiableList(r);
            }
            case LIST -> {
                long[] items = Lists.snapshot(o);
                List<Object> r = new ArrayList<>(items.length);
                try {
                    for (long it : items) {
                        r.add(toJava(rt, it));
                    }
                } finally {
                    for (long it : items) {
                        Native.decref(it);
                    }
                }
                return r;
            }
            case DICT -> {
                long[] kv = Dicts.items(o);
                Map<Object, Object> r = new LinkedHashMap<>();
                try {
                    for (int i = 0; i < kv.length; i += 2) {
                        r.put(toJava(rt, kv[i]), toJava(rt, kv[i + 1]));
                    }
                } finally {
                    for (long x : kv) {
                        Native.decref(x);
                    }
                }
                return r;
            }
            case SET, FROZENSET -> {
                long[] e = Sets.elements(o);
                Set<Object> r = new LinkedHashSet<>();
                try {
                    for (long x : e) {
                        r.add(toJava(rt, x));
                    }
                } finally {
                    for (long x : e) {
                        Native.decref(x);
                    }
                }
                return r;
            }
            default -> {
                return new PyObjectHandle(rt, Heap.newRef(o));
            }
        }
    }
}
