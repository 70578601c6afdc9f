package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.PyType;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.TypeReady;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.Weakrefs;

/** The generic object protocol: repr/str, attributes, comparison, hashing, truth, items, iteration and calls. */
public final class ObjectApi {
    private static final long VECTORCALL_ARGUMENTS_OFFSET = 1L << 63;

    private ObjectApi() {}

    static long nonNull(long o) {
        if (o == 0) {
            if (Errors.current() == 0) {
                throw PyRaise.systemError("null argument to internal routine");
            }
            throw ErrorAlreadySet.INSTANCE;
        }
        return o;
    }

    @CApi
    public static long PyObject_Repr(long o) {
        return Strs.fromJava(Repr.repr(nonNull(o)));
    }

    @CApi
    public static long PyObject_Str(long o) {
        if (nonNull(o) != 0 && Types.kindOf(o) == TypeKind.STR && Heap.type(o) == Types.STR) {
            return Heap.newRef(o);
        }
        return Strs.fromJava(Repr.str(o));
    }

    @CApi
    public static long PyObject_ASCII(long o) {
        String r = Repr.repr(nonNull(o));
        StringBuilder sb = new StringBuilder();
        r.codePoints().forEach(c -> {
            if (c < 128) {
                sb.append((char) c);
            } else if (c < 0x100) {
                sb.append(String.format("\\x%02x", c));
            } else if (c < 0x10000) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.append(String.format("\\U%08x", c));
            }
        });
        return Strs.fromJava(sb.toString());
    }

    @CApi
    public static long PyObject_GetAttr(long o, long name) {
        return Attributes.get(nonNull(o), name);
    }

    @CApi
    public static long PyObject_GetAttrString(long o, long name) {
        return Attributes.get(nonNull(o), Strs.intern(Mem.cString(name)));
    }

    @CApi
    public static long PyObject_GenericGetAttr(long o, long name) {
        return Attributes.generic(o, Strs.check(name, "attribute name"));
    }

    @CApi
    public static int PyObject_GenericSetAttr(long o, long name, long value) {
        Attributes.set(o, name, value);
        return 0;
    }

    @CApi
    public static int PyObject_GetOptionalAttr(long o, long name, long result) {
        return Errors.optionalLookup(result, Exceptions.AttributeError, () -> Attributes.get(o, name));
    }

    @CApi
    public static int PyObject_GetOptionalAttrString(long o, long name, long result) {
        return PyObject_GetOptionalAttr(o, Strs.intern(Mem.cString(name)), result);
    }

    @CApi
    public static int PyObject_SetAttr(long o, long name, long value) {
        Attributes.set(nonNull(o), name, value);
        return 0;
    }

    @CApi
    public static int PyObject_SetAttrString(long o, long name, long value) {
        Attributes.set(nonNull(o), Strs.intern(Mem.cString(name)), value);
        return 0;
    }

    @CApi
    public static int PyObject_DelAttr(long o, long name) {
        Attributes.set(nonNull(o), name, 0);
        return 0;
    }

    @CApi
    public static int PyObject_DelAttrString(long o, long name) {
        return PyObject_DelAttr(o, Strs.intern(Mem.cString(name)));
    }

    @CApi
    public static int PyObject_HasAttrWithError(long o, long name) {
        return Errors.presenceOf(slot -> PyObject_GetOptionalAttr(o, name, slot));
    }

    @CApi
    public static int PyObject_HasAttr(long o, long name) {
        return Errors.zeroOnError(() -> PyObject_HasAttrWithError(o, name));
    }

    @CApi
    public static int PyObject_HasAttrString(long o, long name) {
        return PyObject_HasAttr(o, Strs.intern(Mem.cString(name)));
    }

    @CApi
    public static int PyObject_HasAttrStringWithError(long o, long name) {
        return PyObject_HasAttrWithError(o, Strs.intern(Mem.cString(name)));
    }

    @CApi
    public static long PyObject_RichCompare(long a, long b, int op) {
        if (op < 0 || op > 5) {
            throw PyRaise.badInternalCall();
        }
        return Compare.rich(nonNull(a), nonNull(b), op);
    }

    @CApi
    public static int PyObject_RichCompareBool(long a, long b, int op) {
        if (a == b && (op == Protocols.EQ || op == Protocols.NE)) {
            return op == Protocols.EQ ? 1 : 0;
        }
        return Compare.richBool(nonNull(a), nonNull(b), op) ? 1 : 0;
    }

    @CApi
    public static long PyObject_Hash(long o) {
        return Protocols.hash(nonNull(o));
    }

    @CApi
    public static long PyObject_HashNotImplemented(long o) {
        throw PyRaise.typeError("unhashable type: '%s'", Types.name(o));
    }

    @CApi
    public static int PyObject_IsTrue(long o) {
        return Protocols.isTrue(nonNull(o)) ? 1 : 0;
    }

    @CApi
    public static int PyObject_Not(long o) {
        return Protocols.isTrue(nonNull(o)) ? 0 : 1;
    }

    @CApi
    public static long PyObject_Type(long o) {
        return Heap.newRef(Heap.type(nonNull(o)));
    }

    @CApi
    public static long PyObject_Size(long o) {
        return Protocols.length(nonNull(o));
    }

    @CApi
    public static long PyObject_Length(long o) {
        return Protocols.length(nonNull(o));
    }

    @CApi
    public static long PySequence_Size(long o) {
        return Protocols.length(nonNull(o));
    }

    @CApi
    public static long PySequence_Length(long o) {
        return Protocols.length(nonNull(o));
    }

    @CApi
    public static long PyMapping_Size(long o) {
        return Protocols.length(nonNull(o));
    }





    @CApi
    public static long Py_GetConstantBorrowed(int id) {
        return switch (id) {
            case 0 -> Singletons.NONE;
            case 1 -> Singletons.FALSE;
            case 2 -> Singletons.TRUE;
            case 3 -> Singletons.ELLIPSIS;
            case 4 -> Singletons.NOTIMPLEMENTED;
            case 5 -> Ints.fromLong(0);
            case 6 -> Ints.fromLong(1);
            case 7 -> Strs.intern("");
            case 9 -> Tuples.empty();
            default -> throw PyRaise.systemError("invalid constant ID %d", id);
        };
    }

    @CApi
    public static long Py_GetConstant(int id) {
        return Heap.newRef(Py_GetConstantBorrowed(id));
    }

    @CApi
    public static int PyCallable_Check(long o) {
        if (o == 0) {
            return 0;
        }
        TypeKind k = Types.kindOf(o);
        // the runtime's Java-called built-ins (descriptors, functions) have __call__ in their type's dict, not tp_call
        return k == TypeKind.CFUNCTION || Types.isType(o) || Mem.getLong(Heap.type(o) + TP_CALL) != 0
                || dev.ftcheck.runtime.obj.Attributes.lookupInType(Heap.type(o), "__call__") != 0 ? 1 : 0;
    }

    @CApi
    public static int PyObject_IsInstance(long o, long cls) {
        if (Tuples.isTuple(cls)) {
            for (long i = 0; i < Tuples.size(cls); i++) {
                if (PyObject_IsInstance(o, Tuples.get(cls, i)) != 0) {
                    return 1;
                }
            }
            return 0;
        }
        if (!Types.isType(cls)) {
            if (dev.ftcheck.runtime.obj.builtins.NativeBuiltins.isUnion(cls)) {
                return PyObject_IsInstance(o, dev.ftcheck.runtime.obj.builtins.NativeBuiltins.unionArgs(cls));
            }
            long check = customCheck(cls, "__instancecheck__", o);
            if (check >= 0) {
                return (int) check;
            }
            throw PyRaise.typeError("isinstance() arg 2 must be a type, a tuple of types, or a union");
        }
        return Types.isInstance(o, cls) ? 1 : 0;
    }

    @CApi
    public static int PyObject_IsSubclass(long o, long cls) {
        if (Tuples.isTuple(cls)) {
            for (long i = 0; i < Tuples.size(cls); i++) {
                if (PyObject_IsSubclass(o, Tuples.get(cls, i)) != 0) {
                    return 1;
                }
            }
            return 0;
        }
        if (!Types.isType(cls)) {
            if (dev.ftcheck.runtime.obj.builtins.NativeBuiltins.isUnion(cls)) {
                return PyObject_IsSubclass(o, dev.ftcheck.runtime.obj.builtins.NativeBuiltins.unionArgs(cls));
            }
            long check = customCheck(cls, "__subclasscheck__", o);
            if (check >= 0) {
                return (int) check;
            }
        }
        if (!Types.isType(o)) {
            throw PyRaise.typeError("issubclass() arg 1 must be a class");
        }
        return Types.isSubtype(o, cls) ? 1 : 0;
    }

    /** type(cls).name(cls, arg) as 0/1 when cls's type defines that check method (a non-type class-like object, e.g. a generic alias); -1 when it does not. */
    private static long customCheck(long cls, String name, long arg) {
        long m = dev.ftcheck.runtime.obj.Attributes.lookupInType(Heap.type(cls), name);
        if (m == 0) {
            return -1;
        }
        long r = dev.ftcheck.runtime.obj.Calls.call(m, new long[] {cls, arg}, 0);
        try {
            return dev.ftcheck.runtime.obj.Protocols.isTrue(r) ? 1 : 0;
        } finally {
            Native.decref(r);
        }
    }

    // ---- items ----

    @CApi
    public static long PyObject_GetItem(long o, long key) {
        nonNull(o);
        switch (Types.kindOf(o)) {
            case DICT: {
                long v = Dicts.getRef(o, key);
                if (v == 0) {
                    throw new PyRaise(Exceptions.KeyError, Repr.repr(key));
                }
                return v;
            }
            case LIST:
            case TUPLE:
                if (!Ints.isInt(key) && Types.kindOf(key) != TypeKind.SLICE
                        && NumberProtocolApi.PyIndex_Check(key) == 0) {
                    throw PyRaise.typeError("%s indices must be integers or slices, not %s", Types.name(o),
                            Types.name(key));
                }
                return PySequence_GetItem(o, Ints.index(key).longValue());
            case STR:
                return dev.ftcheck.runtime.obj.builtins.StrText.item(o, key);
            default:
                break;
        }
        long mp = Mem.getLong(Heap.type(o) + TP_AS_MAPPING);
        if (mp != 0 && Mem.getLong(mp + MP_SUBSCRIPT) != 0) {
            return Calls.checkResult(Downcalls.call2(Mem.getLong(mp + MP_SUBSCRIPT), o, key), "__getitem__");
        }
        long sq = Mem.getLong(Heap.type(o) + TP_AS_SEQUENCE);
        if (sq != 0 && Mem.getLong(sq + SQ_ITEM) != 0 && Ints.isInt(key)) {
            return PySequence_GetItem(o, Ints.asLong(key));
        }
        throw PyRaise.typeError("'%s' object is not subscriptable", Types.name(o));
    }

    @CApi
    public static int PyObject_SetItem(long o, long key, long v) {
        nonNull(o);
        switch (Types.kindOf(o)) {
            case DICT -> {
                Dicts.set(o, key, v);
                return 0;
            }
            case LIST -> {
                long i = Ints.index(key).longValue();
                long n = Lists.size(o);
                Lists.set(o, i < 0 ? i + n : i, Heap.newRef(v));
                return 0;
            }
            default -> { }
        }
        long mp = Mem.getLong(Heap.type(o) + TP_AS_MAPPING);
        if (mp != 0 && Mem.getLong(mp + 16) != 0) {
            if (Downcalls.int3(Mem.getLong(mp + 16), o, key, v) < 0) {
                throw ErrorAlreadySet.INSTANCE;
            }
            return 0;
        }
        throw PyRaise.typeError("'%s' object does not support item assignment", Types.name(o));
    }

    @CApi
    public static int PyObject_DelItem(long o, long key) {
        nonNull(o);
        if (Types.kindOf(o) == TypeKind.DICT) {
            return DictApi.PyDict_DelItem(o, key);
        }
        if (Types.kindOf(o) == TypeKind.LIST) {
            long i = Ints.index(key).longValue();
            long n = Lists.size(o);
            i = i < 0 ? i + n : i;
            if (i < 0 || i >= n) {
                throw PyRaise.indexError("list assignment index out of range");
            }
            Lists.setSlice(o, i, i + 1, null);
            return 0;
        }
        long mp = Mem.getLong(Heap.type(o) + TP_AS_MAPPING);
        if (mp != 0 && Mem.getLong(mp + 16) != 0) {
            if (Downcalls.int3(Mem.getLong(mp + 16), o, key, 0) < 0) {
                throw ErrorAlreadySet.INSTANCE;
            }
            return 0;
        }
        throw PyRaise.typeError("'%s' object does not support item deletion", Types.name(o));
    }

    @CApi
    public static long PySequence_GetItem(long o, long i) {
        nonNull(o);
        switch (Types.kindOf(o)) {
            case LIST: {
                long n = Lists.size(o);
                return Lists.getRef(o, i < 0 ? i + n : i);
            }
            case TUPLE: {
                long n = Tuples.size(o);
                long j = i < 0 ? i + n : i;
                if (j < 0 || j >= n) {
                    throw PyRaise.indexError("tuple index out of range");
                }
                return Heap.newRef(Tuples.get(o, j));
            }
            case STR: {
                long n = Strs.length(o);
                long j = i < 0 ? i + n : i;
                if (j < 0 || j >= n) {
                    throw PyRaise.indexError("string index out of range");
                }
                return Strs.fromJava(new String(Character.toChars(Strs.codePointAt(o, j))));
            }
            default:
                break;
        }
        long sq = Mem.getLong(Heap.type(o) + TP_AS_SEQUENCE);
        if (sq != 0 && Mem.getLong(sq + SQ_ITEM) != 0) {
            if (i < 0 && Mem.getLong(sq + SQ_LENGTH) != 0) { // as CPython: a negative index counts from sq_length
                long n = Downcalls.call1(Mem.getLong(sq + SQ_LENGTH), o);
                if (n < 0) {
                    throw ErrorAlreadySet.INSTANCE;
                }
                i += n;
            }
            return Calls.checkResult(Downcalls.call2(Mem.getLong(sq + SQ_ITEM), o, i), "__getitem__");
        }
        throw PyRaise.typeError("'%s' object does not support indexing", Types.name(o));
    }

    @CApi
    public static int PySequence_Contains(long seq, long ob) {
        long sqTable = Mem.getLong(Heap.type(seq) + TP_AS_SEQUENCE);
        long sqContains = sqTable == 0 ? 0 : Mem.getLong(sqTable + 56);
        if (sqContains != 0) {
            int r = Downcalls.int2(sqContains, seq, ob);
            if (r < 0) {
                throw ErrorAlreadySet.INSTANCE;
            }
            return r;
        }
        long[] items = Iteration.toArray(seq);
        try {
            for (long it : items) {
                if (Protocols.equal(it, ob)) {
                    return 1;
                }
            }
            return 0;
        } finally {
            for (long it : items) {
                Native.decref(it);
            }
        }
    }

    @CApi
    public static long PySequence_Tuple(long o) {
        if (Types.kindOf(o) == TypeKind.TUPLE) {
            return Heap.newRef(o);
        }
        return Tuples.of(Iteration.toArray(o));
    }

    @CApi
    public static long PySequence_List(long o) {
        long[] items = Iteration.toArray(o);
        long l = Lists.create(items.length);
        for (int i = 0; i < items.length; i++) {
            Lists.set(l, i, items[i]);
        }
        return l;
    }

    @CApi
    public static long PySequence_Fast(long o, long message) {
        if (Types.kindOf(o) == TypeKind.LIST || Types.kindOf(o) == TypeKind.TUPLE) {
            return Heap.newRef(o);
        }
        try {
            return PySequence_List(o);
        } catch (PyRaise e) {
            throw PyRaise.typeError("%s", Mem.cString(message));
        }
    }

    @CApi
    public static int PySequence_Check(long o) {
        TypeKind k = Types.kindOf(o);
        if (k == TypeKind.DICT) {
            return 0;
        }
        long sq = Mem.getLong(Heap.type(o) + TP_AS_SEQUENCE);
        return k == TypeKind.LIST || k == TypeKind.TUPLE || k == TypeKind.STR || k == TypeKind.BYTES
                || (sq != 0 && Mem.getLong(sq + SQ_ITEM) != 0) ? 1 : 0;
    }

    @CApi
    public static int PyMapping_Check(long o) {
        long mp = Mem.getLong(Heap.type(o) + TP_AS_MAPPING);
        return Types.kindOf(o) == TypeKind.DICT || (mp != 0 && Mem.getLong(mp + MP_SUBSCRIPT) != 0) ? 1 : 0;
    }

    // ---- iteration ----

    @CApi
    public static long PyObject_GetIter(long o) {
        return Iteration.iter(nonNull(o));
    }

    @CApi
    public static long PyIter_Next(long it) {
        return Iteration.next(it);
    }

    @CApi
    public static int PyIter_Check(long o) {
        return Types.kindOf(o) == TypeKind.ITERATOR || Mem.getLong(Heap.type(o) + TP_ITERNEXT) != 0 ? 1 : 0;
    }

    @CApi
    public static long PyObject_SelfIter(long o) {
        return Heap.newRef(o);
    }

    // ---- calls ----

    private static long[] tupleItems(long args) {
        if (args == 0) {
            return new long[0];
        }
        if (!Tuples.isTuple(args)) {
            throw PyRaise.typeError("argument list must be a tuple");
        }
        long[] a = new long[(int) Tuples.size(args)];
        for (int i = 0; i < a.length; i++) {
            a[i] = Tuples.get(args, i);
        }
        return a;
    }

    @CApi
    public static long PyObject_Call(long callable, long args, long kwargs) {
        if (kwargs != 0 && !Dicts.isDict(kwargs)) {
            throw PyRaise.typeError("keyword list must be a dictionary");
        }
        return Calls.call(nonNull(callable), tupleItems(args), kwargs);
    }

    @CApi
    public static long PyObject_CallObject(long callable, long args) {
        return Calls.call(nonNull(callable), tupleItems(args), 0);
    }

    @CApi
    public static long PyObject_CallNoArgs(long callable) {
        return Calls.call(nonNull(callable), new long[0], 0);
    }

    @CApi
    public static long PyObject_CallOneArg(long callable, long arg) {
        return Calls.call(nonNull(callable), new long[] {arg}, 0);
    }

    @CApi
    public static long PyObject_CallMethodNoArgs(long self, long name) {
        return Calls.callMethod(self, Strs.check(name, "method name"), new long[0], 0);
    }

    @CApi
    public static long PyObject_CallMethodOneArg(long self, long name, long arg) {
        return Calls.callMethod(self, Strs.check(name, "method name"), new long[] {arg}, 0);
    }

    private static long kwDict(long args, long nargs, long kwnames) {
        if (kwnames == 0 || Tuples.size(kwnames) == 0) {
            return 0;
        }
        long d = Dicts.create("vectorcall keywords");
        for (long i = 0; i < Tuples.size(kwnames); i++) {
            Dicts.set(d, Tuples.get(kwnames, i), Mem.getLong(args + 8 * (nargs + i)));
        }
        return d;
    }

    private static long[] positional(long args, long nargs) {
        long[] a = new long[(int) nargs];
        for (int i = 0; i < nargs; i++) {
            a[i] = Mem.getLong(args + 8L * i);
        }
        return a;
    }

    @CApi
    public static long PyObject_Vectorcall(long callable, long args, long nargsf, long kwnames) {
        long nargs = nargsf & ~VECTORCALL_ARGUMENTS_OFFSET;
        long kw = kwDict(args, nargs, kwnames);
        try {
            return Calls.call(nonNull(callable), positional(args, nargs), kw);
        } finally {
            Native.xdecref(kw);
        }
    }

    @CApi
    public static long PyObject_VectorcallDict(long callable, long args, long nargsf, long kwdict) {
        long nargs = nargsf & ~VECTORCALL_ARGUMENTS_OFFSET;
        return Calls.call(nonNull(callable), positional(args, nargs), kwdict);
    }

    @CApi
    public static long PyObject_VectorcallMethod(long name, long args, long nargsf, long kwnames) {
        long nargs = nargsf & ~VECTORCALL_ARGUMENTS_OFFSET;
        if (nargs < 1) {
            throw PyRaise.badInternalCall();
        }
        long[] all = positional(args, nargs);
        long self = all[0];
        long[] rest = java.util.Arrays.copyOfRange(all, 1, all.length);
        long kw = kwDict(args, nargs, kwnames);
        try {
            return Calls.callMethod(self, Strs.check(name, "method name"), rest, kw);
        } finally {
            Native.xdecref(kw);
        }
    }

    @CApi
    public static long PyVectorcall_Call(long callable, long tuple, long dict) {
        return Calls.call(callable, tupleItems(tuple), dict);
    }

    @CApi
    public static void PyObject_ClearWeakRefs(long o) {
        Weakrefs.clear(o);
    }

    /** dir(o): type(o).__dir__(o) as a sorted list; o NULL would mean the caller's frame locals, and there are no frames. */
    @CApi
    public static long PyObject_Dir(long o) {
        if (o == 0) {
            throw PyRaise.systemError("frame does not exist");
        }
        long dirMethod = Attributes.lookupInType(Heap.type(o), "__dir__");
        if (dirMethod == 0) {
            throw PyRaise.typeError("object does not provide __dir__");
        }
        long bound = dev.ftcheck.runtime.obj.Descriptors.bind(dirMethod, o);
        long names;
        try {
            names = Calls.call(bound, new long[0], 0);
        } finally {
            Native.decref(bound);
        }
        try {
            long list = PySequence_List(names);
            if (ListApi.PyList_Sort(list) < 0) {
                Native.decref(list);
                throw ErrorAlreadySet.INSTANCE;
            }
            return list;
        } finally {
            Native.decref(names);
        }
    }

    /** The type's dict (tp_dict), a new reference. */
    @CApi
    public static long PyType_GetDict(long type) {
        return Heap.newRef(Types.of(type).tpDict());
    }

    @CApi
    public static int Py_ReprEnter(long o) {
        return Repr.enter(o) ? 1 : 0;
    }

    @CApi
    public static void Py_ReprLeave(long o) {
        Repr.leave(o); // leaves the error indicator alone, as CPython's saves and restores it
    }

    /** Type slots by PyType_Slot id, read through the type's sub-tables as CPython does (static types too). */
    @CApi
    public static long PyType_GetSlot(long type, int slot) {
        long off = TypeReady.slotOffset(slot);
        if (off < 0) {
            throw PyRaise.badInternalCall();
        }
        long[][] tables = {{HT_AS_ASYNC, 32, TP_AS_ASYNC}, {HT_AS_NUMBER, 288, TP_AS_NUMBER},
            {HT_AS_MAPPING, 24, TP_AS_MAPPING}, {HT_AS_SEQUENCE, 80, TP_AS_SEQUENCE}, {HT_AS_BUFFER, 16, TP_AS_BUFFER}};
        for (long[] t : tables) {
            if (off >= t[0] && off < t[0] + t[1]) {
                long table = Mem.getLong(type + t[2]);
                return table == 0 ? 0 : Mem.getLong(table + off - t[0]);
            }
        }
        return Mem.getLong(type + off);
    }

    @CApi
    public static long PyType_GetModuleName(long type) {
        if (type == 0 || !Types.isType(type)) {
            throw PyRaise.badInternalCall();
        }
        PyType t = Types.of(type);
        if ((t.flags() & TPF_HEAPTYPE) != 0) {
            Long mod = t.dict.get("__module__");
            if (mod == null) {
                throw new PyRaise(Exceptions.AttributeError, "__module__");
            }
            return Heap.newRef(mod);
        }
        String name = Mem.cString(Mem.getLong(type + TP_NAME));
        int dot = name.lastIndexOf('.');
        return Strs.intern(dot >= 0 ? name.substring(0, dot) : "builtins");
    }

    @CApi
    public static long PyType_GetTypeDataSize(long cls) {
        long base = Mem.getLong(cls + TP_BASE);
        long size = Mem.getLong(cls + TP_BASICSIZE) - TypeReady.alignedSize(base == 0 ? 0 : Mem.getLong(base + TP_BASICSIZE));
        return Math.max(0, size);
    }

    @CApi
    public static long PyObject_GetTypeData(long obj, long cls) {
        long base = Mem.getLong(cls + TP_BASE);
        return obj + TypeReady.alignedSize(base == 0 ? 0 : Mem.getLong(base + TP_BASICSIZE));
    }

    @CApi
    public static long PyObject_GetItemData(long obj) {
        long type = Heap.type(obj);
        if ((Mem.getLong(type + TP_FLAGS) & TPF_ITEMS_AT_END) == 0) {
            throw PyRaise.typeError("type '%s' does not have Py_TPFLAGS_ITEMS_AT_END",
                    Mem.cString(Mem.getLong(type + TP_NAME)));
        }
        return obj + Mem.getLong(type + TP_BASICSIZE);
    }

    @CApi
    public static void PyUnstable_Object_ClearWeakRefsNoCallbacks(long o) {
        if (Weakrefs.typeSupports(Heap.type(o))) {
            Weakrefs.clearWithoutCallbacks(o);
        }
    }
}
