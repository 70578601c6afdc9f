package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.builtins.BuiltinSlots;
import dev.ftcheck.runtime.nat.Native;
import java.util.IdentityHashMap;

/** repr() and str() of any object, as Python prints them. */
public final class Repr {
    /** The Java state of an object whose class is written in Java (a stand-in module's) and has its own repr. */
    public interface Custom {
        String repr(long self);
    }

    private static final ThreadLocal<IdentityHashMap<Long, Boolean>> ACTIVE = ThreadLocal.withInitial(IdentityHashMap::new);

    private Repr() {}

    public static String repr(long o) {
        if (o == 0) {
            return "<NULL>";
        }
        String singleton = singletonRepr(o);
        if (singleton != null) {
            return singleton;
        }
        PyType t = Types.typeOf(o);
        if (!t.builtin && t.kind != TypeKind.EXCEPTION) {
            long tpRepr = Mem.getLong(t.addr + TP_REPR);
            if (tpRepr != 0 && tpRepr != BuiltinSlots.repr()) {
                return viaSlot(tpRepr, o);
            }
        }
        return builtinRepr(o, t);
    }

    /**
     * The repr a built-in type's own tp_repr gives: by the kind of the object's nearest built-in type, so a
     * subclass that inherited the slot answers as its base does.
     */
    public static String builtinRepr(long o) {
        return builtinRepr(o, Types.typeOf(o));
    }

    private static String singletonRepr(long o) {
        if (o == Singletons.NONE) {
            return "None";
        }
        if (o == Singletons.TRUE) {
            return "True";
        }
        if (o == Singletons.FALSE) {
            return "False";
        }
        if (o == Singletons.NOTIMPLEMENTED) {
            return "NotImplemented";
        }
        return o == Singletons.ELLIPSIS ? "Ellipsis" : null;
    }

    private static String builtinRepr(long o, PyType t) {
        String singleton = singletonRepr(o);
        if (singleton != null) {
            return singleton;
        }
        TypeKind kind = t.builtin || t.kind == TypeKind.EXCEPTION ? t.kind : Types.builtinKind(o);
        return switch (kind) {
            case INT -> Ints.value(o).toString();
            case FLOAT -> Floats.repr(Floats.value(o));
            case STR -> quote(Strs.value(o));
            case BYTES -> bytesRepr(Bytes.value(o));
            case BYTEARRAY -> "bytearray(" + bytesRepr(Bytes.byteArrayValue(o)) + ")";
            case TUPLE -> recursive(o, "(...)", () -> tupleRepr(o));
            case LIST -> recursive(o, "[...]", () -> seq(Lists.snapshot(o), "[", "]"));
            case DICT -> recursive(o, "{...}", () -> dictRepr(o));
            case SET -> setRepr(o, "set()", "{", "}");
            case FROZENSET -> setRepr(o, "frozenset()", "frozenset({", "})");
            case TYPE -> "<class '" + Types.get(o).qualifiedName() + "'>";
            case MODULE -> "<module '" + Modules.name(o) + "'>";
            case CFUNCTION -> CFunctions.repr(o);
            case METHOD_DESCR, MEMBER_DESCR, GETSET_DESCR -> Descriptors.repr(o);
            case EXCEPTION -> t.name() + "(" + argsRepr(o) + ")";
            case CODE -> Codes.repr(o);
            case FUNCTION -> Funcs.repr(o);
            default -> Types.isType(o) ? "<class '" + Types.of(o).qualifiedName() + "'>" // a metaclass's instance
                    : Heap.state(o) instanceof Custom c ? c.repr(o)
                    : "<" + t.fullName() + " object at 0x" + Long.toHexString(o) + ">";
        };
    }

    public static String str(long o) {
        PyType t = Types.typeOf(o);
        if (t.kind == TypeKind.STR) {
            return Strs.value(o);
        }
        if (t.kind == TypeKind.EXCEPTION) {
            return Exceptions.message(o);
        }
        if (!t.builtin) {
            long tpStr = Mem.getLong(t.addr + TP_STR);
            if (tpStr != 0 && tpStr != BuiltinSlots.str()) {
                return viaSlot(tpStr, o);
            }
            if (Types.builtinKind(o) == TypeKind.STR) {
                return Strs.value(o);
            }
        }
        return repr(o);
    }

    private static String viaSlot(long slot, long o) {
        long r = Downcalls.call1(slot, o);
        if (r == 0) {
            throw ErrorAlreadySet.INSTANCE;
        }
        try {
            if (!Strs.isStr(r)) {
                throw PyRaise.typeError("__repr__ returned non-string (type %s)", Types.name(r));
            }
            return Strs.value(r);
        } finally {
            Native.decref(r);
        }
    }

    private static String argsRepr(long exc) {
        long args = Exceptions.args(exc);
        if (args == 0 || Tuples.size(args) == 0) {
            return "";
        }
        String s = tupleRepr(args);
        s = s.substring(1, s.length() - 1);
        return s.endsWith(",") ? s.substring(0, s.length() - 1) : s;
    }

    /** Py_ReprEnter: true when o's repr is already in progress on this thread, else marks it in progress. */
    public static boolean enter(long o) {
        IdentityHashMap<Long, Boolean> active = ACTIVE.get();
        for (Long k : active.keySet()) {
            if (k == o) {
                return true;
            }
        }
        active.put(Long.valueOf(o), true);
        return false;
    }

    /** Py_ReprLeave: ends what {@link #enter} started (nothing if o is not in progress). */
    public static void leave(long o) {
        ACTIVE.get().keySet().removeIf(k -> k == o);
    }

    private static String recursive(long o, String placeholder, java.util.function.Supplier<String> body) {
        IdentityHashMap<Long, Boolean> active = ACTIVE.get();
        Long key = o;
        for (Long k : active.keySet()) {
            if (k == o) {
                return placeholder;
            }
        }
        active.put(key, true);
        try {
            return body.get();
        } finally {
            active.remove(key);
        }
    }

    private static String tupleRepr(long t) {
        long n = Tuples.size(t);
        StringBuilder sb = new StringBuilder("(");
        for (long i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(repr(Tuples.get(t, i)));
        }
        return sb.append(n == 1 ? ",)" : ")").toString();
    }

    private static String seq(long[] items, String open, String close) {
        StringBuilder sb = new StringBuilder(open);
        try {
            for (int i = 0; i < items.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(repr(items[i]));
            }
        } finally {
            for (long r : items) {
                Native.decref(r);
            }
        }
        return sb.append(close).toString();
    }

    private static String dictRepr(long d) {
        long[] kv = Dicts.items(d);
        StringBuilder sb = new StringBuilder("{");
        try {
            for (int i = 0; i < kv.length; i += 2) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(repr(kv[i])).append(": ").append(repr(kv[i + 1]));
            }
        } finally {
            for (long r : kv) {
                Native.decref(r);
            }
        }
        return sb.append("}").toString();
    }

    private static String setRepr(long s, String empty, String open, String close) {
        long[] e = Sets.elements(s);
        if (e.length == 0) {
            return empty;
        }
        return seq(e, open, close);
    }

    /** Python's str repr: single quotes unless the text has ' and no ", escapes for controls. */
    public static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        s.codePoints().forEach(c -> {
            if (c == q || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else if (!printable(c)) {
                sb.append(c < 0x100 ? String.format("\\x%02x", c) : c < 0x10000 ? String.format("\\u%04x", c)
                        : String.format("\\U%08x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append(q).toString();
    }

    /** str.isprintable() for one code point (Unicode 15.1, as CPython 3.13). */
    private static boolean printable(int c) {
        return dev.ftcheck.runtime.obj.builtins.StrCase.isPrintable(c);
    }

    public static String bytesRepr(byte[] b) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte x : b) {
            hasSingle |= x == '\'';
            hasDouble |= x == '"';
        }
        char q = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder sb = new StringBuilder("b").append(q);
        for (byte x : b) {
            int c = x & 0xff;
            if (c == q || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(q).toString();
    }
}
