package dev.ftcheck.runtime.stdlib;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import dev.ftcheck.runtime.obj.builtins.NativeSlots;
import dev.ftcheck.runtime.obj.builtins.SpecialSlots;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of {@code enum} extensions use: Enum, IntEnum and IntFlag, whose metaclass EnumType makes the class's
 * plain attributes members (instances with name and value; an equal value makes an alias), looks members up by
 * value (calling the class) and by name (subscript), iterates and counts them; calling a base with a name and the
 * members is the functional API. IntFlag members combine with | and &.
 */
final class EnumModule {
    private EnumModule() {}

    private enum Kind { ENUM, INT, FLAG }

    /** A class's members: canonical ones in definition order, and every name (aliases too). */
    private record Info(Kind kind, List<Long> members, Map<String, Long> byName, Map<Long, Long> pseudo) {}

    private static final Map<Long, Info> INFO = new ConcurrentHashMap<>();
    private static volatile long enumType, enumBase, intEnumBase, intFlagBase;
    /** nb_and and nb_or within PyNumberMethods. */
    private static final long NB_AND = 104, NB_OR = 120;

    static long create() {
        long m = Modules.create("enum");
        enumType = newClass(Types.TYPE, "EnumType", Types.TYPE);
        Mem.putLong(enumType + TP_CALL, NativeSlots.stub(EnumModule.class, "callSlot"));
        Mem.putLong(enumType + TP_INIT, NativeSlots.stub(EnumModule.class, "initSlot"));
        Mem.putLong(enumType + TP_ITER, NativeSlots.stub(EnumModule.class, "iterSlot"));
        Mem.putLong(enumType + TP_REPR, NativeSlots.stub(EnumModule.class, "classReprSlot"));
        long mapping = Arena.global().allocate(24, 8).address();
        Mem.putLong(mapping, NativeSlots.stub(EnumModule.class, "lenSlot"));
        Mem.putLong(mapping + 8, NativeSlots.stub(EnumModule.class, "subscriptSlot"));
        Mem.putLong(enumType + TP_AS_MAPPING, mapping);
        enumBase = newClass(enumType, "Enum", Types.OBJECT);
        intEnumBase = newClass(enumType, "IntEnum", Types.INT);
        long numbers = Arena.global().allocate(288, 8).address();
        Mem.putLong(numbers + NB_OR, NativeSlots.stub(EnumModule.class, "orSlot"));
        Mem.putLong(numbers + NB_AND, NativeSlots.stub(EnumModule.class, "andSlot"));
        intFlagBase = newClass(enumType, "IntFlag", Types.INT, numbers);
        for (long base : new long[] {enumBase, intEnumBase, intFlagBase}) {
            INFO.put(base, new Info(kindOf(base), new ArrayList<>(), new LinkedHashMap<>(), new ConcurrentHashMap<>()));
        }
        for (long base : new long[] {enumBase, intEnumBase, intFlagBase}) {
            BuiltinTable t = new BuiltinTable();
            t.method("__repr__", (self, args, kw) -> {
                Args.none("__repr__", args, kw);
                return Strs.fromJava(memberRepr(self));
            });
            t.method("__str__", (self, args, kw) -> {
                Args.none("__str__", args, kw);
                return Strs.fromJava(memberStr(self));
            });
            t.install(base);
            SpecialSlots.updated(base, "__repr__");
            SpecialSlots.updated(base, "__str__");
        }
        Modules.setAttr(m, "EnumType", enumType);
        Modules.setAttr(m, "EnumMeta", enumType);
        Modules.setAttr(m, "Enum", enumBase);
        Modules.setAttr(m, "IntEnum", intEnumBase);
        Modules.setAttr(m, "IntFlag", intFlagBase);
        return m;
    }

    private static long newClass(long meta, String name, long base) {
        return newClass(meta, name, base, 0);
    }

    /** A class made as type(name, (base,), {}) with metaclass meta; numbers, if not 0, its own number table. */
    private static long newClass(long meta, String name, long base, long numbers) {
        long n = Strs.fromJava(name);
        long bases = Tuples.of(Heap.newRef(base));
        long ns = Dicts.create("enum");
        Dicts.set(ns, Strs.intern("__module__"), Strs.intern("enum"));
        try {
            long cls = dev.ftcheck.runtime.obj.PyClasses.create(meta, n, bases, ns);
            if (numbers != 0) {
                Mem.putLong(cls + TP_AS_NUMBER, numbers);
            }
            if (meta == enumType) {
                INFO.put(cls, new Info(kindOf(cls), new ArrayList<>(), new LinkedHashMap<>(), new ConcurrentHashMap<>()));
            }
            Heap.immortalizeAllocated(cls);
            return cls;
        } finally {
            Native.decref(n);
            Native.decref(bases);
            Native.decref(ns);
        }
    }

    private static Kind kindOf(long cls) {
        if (intFlagBase != 0 && Types.isSubtype(cls, intFlagBase)) {
            return Kind.FLAG;
        }
        return intEnumBase != 0 && Types.isSubtype(cls, intEnumBase) ? Kind.INT : Kind.ENUM;
    }

    private static Info info(long cls) {
        Info i = INFO.get(cls);
        if (i == null) {
            throw PyRaise.typeError("%s is not an enum class", Types.of(cls).name());
        }
        return i;
    }

    private static String className(long cls) {
        return Types.of(cls).name();
    }

    private static long attr(long o, String name) {
        long k = Strs.fromJava(name);
        try {
            long v = ObjectApi.PyObject_GetAttr(o, k);
            if (v == 0) {
                throw dev.ftcheck.runtime.obj.ErrorAlreadySet.INSTANCE;
            }
            return v;
        } finally {
            Native.decref(k);
        }
    }

    private static void setAttr(long o, String name, long v) {
        long k = Strs.fromJava(name);
        try {
            if (ObjectApi.PyObject_SetAttr(o, k, v) < 0) {
                throw dev.ftcheck.runtime.obj.ErrorAlreadySet.INSTANCE;
            }
        } finally {
            Native.decref(k);
        }
    }

    private static String nameOf(long member) {
        long n = attr(member, "_name_");
        try {
            return Strs.value(n);
        } finally {
            Native.decref(n);
        }
    }

    private static String valueRepr(long member) {
        long v = attr(member, "_value_");
        try {
            return Repr.repr(v);
        } finally {
            Native.decref(v);
        }
    }

    private static String memberRepr(long self) {
        String cls = className(Heap.type(self));
        return "<" + cls + "." + nameOf(self) + ": " + valueRepr(self) + ">";
    }

    private static String memberStr(long self) {
        if (info(Heap.type(self)).kind == Kind.ENUM) {
            return className(Heap.type(self)) + "." + nameOf(self);
        }
        return valueRepr(self);
    }

    /** A new member of cls with name and value (an int for IntEnum and IntFlag). */
    private static long newMember(long cls, Info info, String name, long value) {
        long m = info.kind == Kind.ENUM ? Calls.callType(cls, new long[0], 0) : Ints.ofSubtype(cls, value);
        long n = Strs.fromJava(name);
        try {
            setAttr(m, "_name_", n);
            setAttr(m, "name", n);
            setAttr(m, "_value_", value);
            setAttr(m, "value", value);
        } finally {
            Native.decref(n);
        }
        return m;
    }

    /** The canonical member whose value equals value (borrowed), or 0. */
    private static long byValue(Info info, long value) {
        for (long m : info.members) {
            long v = attr(m, "_value_");
            try {
                if (ObjectApi.PyObject_RichCompareBool(v, value, Protocols.EQ) == 1) {
                    return m;
                }
            } finally {
                Native.decref(v);
            }
        }
        return 0;
    }

    /** EnumType.__init__: the class's plain attributes become members, in definition order. */
    private static int initSlot(long cls, long args, long kw) {
        try {
            Info info = new Info(kindOf(cls), new ArrayList<>(), new LinkedHashMap<>(), new ConcurrentHashMap<>());
            INFO.put(cls, info);
            if (Tuples.size(args) != 3) {
                return 0;
            }
            long[] kv = Dicts.items(Tuples.get(args, 2));
            try {
                for (int i = 0; i < kv.length; i += 2) {
                    String name = Strs.value(kv[i]);
                    long value = kv[i + 1];
                    if (name.startsWith("_") || ObjectApi.PyCallable_Check(value) != 0) {
                        continue;
                    }
                    // IntEnum and IntFlag values are int(value), as in CPython
                    long converted = info.kind != Kind.ENUM ? Calls.call(Types.INT, new long[] {value}, 0) : 0;
                    long same, member;
                    try {
                        same = byValue(info, converted != 0 ? converted : value);
                        member = same != 0 ? Heap.newRef(same)
                                : newMember(cls, info, name, converted != 0 ? converted : value);
                    } finally {
                        Native.xdecref(converted);
                    }
                    if (same == 0) {
                        info.members.add(member);
                    }
                    info.byName.put(name, member);
                    Types.of(cls).put(name, Heap.newRef(member));
                }
            } finally {
                for (long r : kv) {
                    Native.decref(r);
                }
            }
            return 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "EnumType.__init__");
            return -1;
        }
    }

    /** Calling an enum class: a member by value; calling one without members with a name: the functional API. */
    private static long callSlot(long cls, long args, long kw) {
        try {
            Info info = info(cls);
            long n = Tuples.size(args);
            if (info.members.isEmpty() && info.byName.isEmpty() && n >= 2) {
                return functional(cls, info, Tuples.get(args, 0), Tuples.get(args, 1));
            }
            if (n != 1) {
                throw PyRaise.typeError(n == 0 ? "EnumType.__call__() missing 1 required positional argument: 'value'"
                        : "EnumType.__call__() takes from 2 to 3 positional arguments but %d were given", n + 1);
            }
            return Heap.newRef(lookup(cls, info, Tuples.get(args, 0)));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "EnumType.__call__");
            return 0;
        }
    }

    /** The member (borrowed) whose value is value; for IntFlag also a combination of members. */
    private static long lookup(long cls, Info info, long value) {
        long m = byValue(info, value);
        if (m != 0) {
            return m;
        }
        if (info.kind == Kind.FLAG && Ints.isInt(value)) {
            long p = pseudo(cls, info, Ints.asLong(value));
            if (p != 0) {
                return p;
            }
        }
        throw PyRaise.valueError("%s is not a valid %s", Repr.repr(value), Types.of(cls).name());
    }

    /** IntFlag's member for a combination of its members' bits (made once, then kept), or 0. */
    private static long pseudo(long cls, Info info, long bits) {
        Long known = info.pseudo.get(bits);
        if (known != null) {
            return known;
        }
        List<String> names = new ArrayList<>();
        long covered = 0;
        for (long m : info.members) {
            long v = Ints.asLong(m);
            if (v != 0 && (bits & v) == v && Long.bitCount(v) == 1) {
                names.add(nameOf(m));
                covered |= v;
            }
        }
        if (covered != bits || bits == 0) {
            return 0;
        }
        long value = Ints.fromLong(bits);
        try {
            long p = newMember(cls, info, String.join("|", names), value);
            Long raced = info.pseudo.putIfAbsent(bits, p);
            if (raced != null) {
                Native.decref(p);
                return raced;
            }
            return p;
        } finally {
            Native.decref(value);
        }
    }

    private static long functional(long base, Info baseInfo, long name, long spec) {
        if (!Strs.isStr(name)) {
            throw PyRaise.typeError("%s() argument 1 must be str", Types.of(base).name());
        }
        long ns = Dicts.create("enum");
        try {
            if (Dicts.isDict(spec)) {
                long[] kv = Dicts.items(spec);
                try {
                    for (int i = 0; i < kv.length; i += 2) {
                        Dicts.set(ns, kv[i], kv[i + 1]);
                    }
                } finally {
                    for (long r : kv) {
                        Native.decref(r);
                    }
                }
            } else {
                List<Long> names = new ArrayList<>();
                if (Strs.isStr(spec)) {
                    for (String s : Strs.value(spec).replace(',', ' ').trim().split("\\s+")) {
                        if (!s.isEmpty()) {
                            names.add(Strs.fromJava(s));
                        }
                    }
                } else {
                    long it = Iteration.iter(spec);
                    try {
                        for (long x = Iteration.next(it); x != 0; x = Iteration.next(it)) {
                            names.add(x);
                        }
                    } finally {
                        Native.decref(it);
                    }
                }
                long auto = 1;
                for (long k : names) {
                    try {
                        if (!Strs.isStr(k)) {
                            throw PyRaise.typeError("enum member names must be str, not %s", Types.name(k));
                        }
                        long v = Ints.fromLong(auto);
                        Dicts.set(ns, k, v);
                        Native.decref(v);
                        auto = baseInfo.kind == Kind.FLAG ? auto * 2 : auto + 1;
                    } finally {
                        Native.decref(k);
                    }
                }
            }
            long bases = Tuples.of(Heap.newRef(base));
            try {
                return Calls.callType(enumType, new long[] {name, bases, ns}, 0);
            } finally {
                Native.decref(bases);
            }
        } finally {
            Native.decref(ns);
        }
    }

    private static long membersList(long cls) {
        List<Long> ms = info(cls).members;
        long l = Lists.create(0);
        for (long m : ms) {
            Lists.append(l, m);
        }
        return l;
    }

    private static long iterSlot(long cls) {
        try {
            long l = membersList(cls);
            try {
                return Iteration.iter(l);
            } finally {
                Native.decref(l);
            }
        } catch (Throwable t) {
            Errors.fromThrowable(t, "EnumType.__iter__");
            return 0;
        }
    }

    private static long lenSlot(long cls) {
        try {
            return info(cls).members.size();
        } catch (Throwable t) {
            Errors.fromThrowable(t, "EnumType.__len__");
            return -1;
        }
    }

    private static long subscriptSlot(long cls, long key) {
        try {
            Long m = Strs.isStr(key) ? info(cls).byName.get(Strs.value(key)) : null;
            if (m == null) {
                Errors.setValue(Exceptions.KeyError, key);
                return 0;
            }
            return Heap.newRef(m);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "EnumType.__getitem__");
            return 0;
        }
    }

    private static long classReprSlot(long cls) {
        try {
            Info i = INFO.get(cls);
            String word = i != null && i.kind == Kind.FLAG ? "flag" : "enum";
            return Strs.fromJava("<" + word + " '" + Types.of(cls).name() + "'>");
        } catch (Throwable t) {
            Errors.fromThrowable(t, "EnumType.__repr__");
            return 0;
        }
    }

    /** A new reference to a member's plain int value, or to the int itself. */
    private static long plain(long o) {
        return INFO.containsKey(Heap.type(o)) ? attr(o, "_value_") : Heap.newRef(o);
    }

    private static long orSlot(long a, long b) {
        return combine(a, b, NB_OR);
    }

    private static long andSlot(long a, long b) {
        return combine(a, b, NB_AND);
    }

    /** IntFlag | and &: a member of the class when both sides are its members, else int's answer. */
    private static long combine(long a, long b, long slot) {
        try {
            long cls = INFO.containsKey(Heap.type(a)) ? Heap.type(a) : Heap.type(b);
            long other = cls == Heap.type(a) ? b : a;
            if (!Ints.isInt(other)) {
                return Heap.newRef(Singletons.NOTIMPLEMENTED);
            }
            long va = plain(a), vb = plain(b);
            long r;
            try {
                r = slot == NB_OR ? AbstractApi.PyNumber_Or(va, vb) : AbstractApi.PyNumber_And(va, vb);
            } finally {
                Native.decref(va);
                Native.decref(vb);
            }
            try {
                Info info = info(cls);
                long m = byValue(info, r);
                if (m == 0) {
                    m = pseudo(cls, info, Ints.asLong(r));
                }
                if (m == 0 && Ints.asLong(r) == 0) {
                    return Heap.newRef(r);
                }
                return m != 0 ? Heap.newRef(m) : Heap.newRef(r);
            } finally {
                Native.decref(r);
            }
        } catch (Throwable t) {
            Errors.fromThrowable(t, "IntFlag.__or__");
            return 0;
        }
    }
}
