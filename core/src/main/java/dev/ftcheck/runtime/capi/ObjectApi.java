package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.ManagedDicts;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.PyType;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.TypeReady;
import dev.ftcheck.runtime.obj.Types;

/**
 * object.h: the generic object protocol (repr/str, attributes, comparison, hashing, truth) and types: creating
 * them from a spec, readying them, and their names, flags, slots and modules.
 */
public final class ObjectApi {
    private ObjectApi() {}

    @CApi
    public static long PyObject_Repr(long o) {
        return Strs.fromJava(Repr.repr(ArgChecks.nonNull(o)));
    }

    @CApi
    public static long PyObject_Str(long o) {
        if (ArgChecks.nonNull(o) != 0 && Types.kindOf(o) == TypeKind.STR && Heap.type(o) == Types.STR) {
            return Heap.newRef(o);
        }
        return Strs.fromJava(Repr.str(o));
    }

    @CApi
    public static long PyObject_ASCII(long o) {
        String r = Repr.repr(ArgChecks.nonNull(o));
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
        return Attributes.get(ArgChecks.nonNull(o), name);
    }

    @CApi
    public static long PyObject_GetAttrString(long o, long name) {
        return Attributes.get(ArgChecks.nonNull(o), Strs.intern(Mem.cString(name)));
    }

    @CApi
    public static long PyObject_GenericGetAttr(long o, long name) {
        return Attributes.generic(o, Strs.check(name, "attribute name"));
    }

    @CApi
    public static int PyObject_GenericSetAttr(long o, long name, long value) {
        Attributes.genericSet(o, Strs.check(name, "attribute name"), value);
        return 0;
    }

    /**
     * Where obj's instance dict pointer lives (tp_dictoffset; a negative offset counts from the end of a
     * variable-size object), NULL when the type has none. Managed dicts have no such slot here (no pre-header):
     * NULL too, and callers use PyObject_ClearManagedDict/VisitManagedDict for those, as CPython's docs ask.
     */
    @CApi
    public static long _PyObject_GetDictPtr(long o) {
        long type = Heap.type(o);
        long offset = Mem.getLong(type + TP_DICTOFFSET);
        if (offset == 0) {
            return 0;
        }
        if (offset < 0) {
            long n = Math.abs(Mem.getLong(o + OB_SIZE));
            long size = Mem.getLong(type + TP_BASICSIZE) + n * Mem.getLong(type + TP_ITEMSIZE);
            offset += (size + 7) & ~7L;
        }
        return o + offset;
    }

    @CApi
    public static long PyObject_GenericGetDict(long o, long context) {
        long type = Heap.type(o);
        long offset = Mem.getLong(type + TP_DICTOFFSET);
        if (offset > 0) {
            long dict = Mem.getLong(o + offset);
            if (dict == 0) {
                dict = dev.ftcheck.runtime.obj.Dicts.create("instance __dict__");
                Mem.putLong(o + offset, dict);
            }
            return Heap.newRef(dict);
        }
        if (ManagedDicts.managed(type)) {
            return Heap.newRef(ManagedDicts.getOrCreate(o));
        }
        throw new PyRaise(Exceptions.AttributeError, "This object has no __dict__");
    }

    @CApi
    public static int PyObject_GenericSetDict(long o, long value, long context) {
        long type = Heap.type(o);
        long offset = Mem.getLong(type + TP_DICTOFFSET);
        if (offset <= 0 && !ManagedDicts.managed(type)) {
            throw new PyRaise(Exceptions.AttributeError, "This object has no __dict__");
        }
        if (value == 0) {
            throw PyRaise.typeError("cannot delete __dict__");
        }
        if (!Types.isInstance(value, Types.DICT)) {
            throw PyRaise.typeError("__dict__ must be set to a dictionary, not a '%s'", Types.name(value));
        }
        if (offset > 0) {
            long old = Mem.getLong(o + offset);
            Mem.putLong(o + offset, Heap.newRef(value));
            Native.xdecref(old);
        } else {
            ManagedDicts.set(o, value);
        }
        return 0;
    }

    /** Visits the managed dict of an instance of a Py_TPFLAGS_MANAGED_DICT type (nothing for other types). */
    @CApi
    public static int PyObject_VisitManagedDict(long o, long visit, long arg) {
        if (!ManagedDicts.managed(Heap.type(o))) {
            return 0;
        }
        long dict = ManagedDicts.get(o);
        return dict == 0 ? 0 : dev.ftcheck.runtime.nat.Downcalls.int2(visit, dict, arg);
    }

    /** Releases the managed dict of an instance of a Py_TPFLAGS_MANAGED_DICT type (nothing for other types). */
    @CApi
    public static void PyObject_ClearManagedDict(long o) {
        if (ManagedDicts.managed(Heap.type(o))) {
            ManagedDicts.clear(o);
        }
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
        Attributes.set(ArgChecks.nonNull(o), name, value);
        return 0;
    }

    @CApi
    public static int PyObject_SetAttrString(long o, long name, long value) {
        Attributes.set(ArgChecks.nonNull(o), Strs.intern(Mem.cString(name)), value);
        return 0;
    }

    @CApi
    public static int PyObject_DelAttr(long o, long name) {
        Attributes.set(ArgChecks.nonNull(o), name, 0);
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
        return Compare.rich(ArgChecks.nonNull(a), ArgChecks.nonNull(b), op);
    }

    @CApi
    public static int PyObject_RichCompareBool(long a, long b, int op) {
        if (a == b && (op == Protocols.EQ || op == Protocols.NE)) {
            return op == Protocols.EQ ? 1 : 0;
        }
        return Compare.richBool(ArgChecks.nonNull(a), ArgChecks.nonNull(b), op) ? 1 : 0;
    }

    @CApi
    public static long PyObject_Hash(long o) {
        return Protocols.hash(ArgChecks.nonNull(o));
    }

    @CApi
    public static long PyObject_HashNotImplemented(long o) {
        throw PyRaise.typeError("unhashable type: '%s'", Types.name(o));
    }

    @CApi
    public static int PyObject_IsTrue(long o) {
        return Protocols.isTrue(ArgChecks.nonNull(o)) ? 1 : 0;
    }

    @CApi
    public static int PyObject_Not(long o) {
        return Protocols.isTrue(ArgChecks.nonNull(o)) ? 0 : 1;
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
    public static long PyObject_SelfIter(long o) {
        return Heap.newRef(o);
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
            long list = AbstractApi.PySequence_List(names);
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
    /** The MRO lookup without descriptor calls: borrowed or NULL, never with an exception set. */
    @CApi
    public static long _PyType_Lookup(long type, long name) {
        if (type == 0 || name == 0 || !Strs.isStr(name)) {
            return 0;
        }
        return Attributes.lookupInType(type, Strs.value(name));
    }

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
    public static long PyObject_Bytes(long o) {
        if (Bytes.isBytes(o)) {
            return Heap.newRef(o);
        }
        if (Types.isInstance(o, Types.BYTEARRAY)) {
            return Bytes.fromJava(Bytes.byteArrayValue(o));
        }
        throw PyRaise.typeError("cannot convert '%s' object to bytes", Types.name(o));
    }

    @CApi
    public static int PyType_Ready(long type) {
        TypeReady.ready(type);
        return 0;
    }

    @CApi
    public static long PyType_GetFlags(long type) {
        return Mem.getLong(type + TP_FLAGS);
    }

    @CApi
    public static void PyType_Modified(long type) {
        // No method cache to invalidate; but entries C code stored in tp_dict itself become attributes now.
        dev.ftcheck.runtime.obj.PyType t = Types.get(type);
        if (t != null) {
            t.syncFromTpDict();
        }
    }

    @CApi
    public static long PyType_GenericAlloc(long type, long nitems) {
        long basic = Mem.getLong(type + TP_BASICSIZE);
        long item = Mem.getLong(type + TP_ITEMSIZE);
        long size = (basic + (nitems + 1) * item + 7) & ~7L;
        long p = Heap.alloc(type, size);
        if (item != 0) {
            Mem.putLong(p + OB_SIZE, nitems);
        }
        return p;
    }

    @CApi
    public static long PyType_GenericNew(long type, long args, long kwds) {
        long alloc = Mem.getLong(type + TP_ALLOC);
        if (alloc == 0 || alloc == BridgeAddresses.genericAlloc()) {
            return PyType_GenericAlloc(type, 0);
        }
        return dev.ftcheck.runtime.obj.Calls.checkResult(
                dev.ftcheck.runtime.nat.Downcalls.call2(alloc, type, 0), "tp_alloc");
    }

    @CApi
    public static long PyType_FromSpec(long spec) {
        return TypeReady.fromSpec(0, 0, spec, 0);
    }

    @CApi
    public static long PyType_FromSpecWithBases(long spec, long bases) {
        return TypeReady.fromSpec(0, 0, spec, bases);
    }

    @CApi
    public static long PyType_FromModuleAndSpec(long module, long spec, long bases) {
        return TypeReady.fromSpec(0, module, spec, bases);
    }

    @CApi
    public static long PyType_FromMetaclass(long metaclass, long module, long spec, long bases) {
        return TypeReady.fromSpec(metaclass, module, spec, bases);
    }

    @CApi
    public static long PyType_GetModule(long type) {
        PyType t = Types.of(ArgChecks.type(type));
        if ((t.flags() & TPF_HEAPTYPE) == 0 || t.module == 0) {
            throw PyRaise.typeError("PyType_GetModule: Type '%s' has no associated module", t.fullName());
        }
        return t.module;
    }

    @CApi
    public static long PyType_GetModuleState(long type) {
        return Modules.state(PyType_GetModule(type));
    }

    @CApi
    public static long PyType_GetModuleByDef(long type, long def) {
        for (long t = type; t != 0; t = Mem.getLong(t + TP_BASE)) {
            PyType pt = Types.of(t);
            if (pt.module != 0 && Modules.isModule(pt.module) && Modules.def(pt.module) == def) {
                return pt.module;
            }
        }
        throw PyRaise.typeError("PyType_GetModuleByDef: No superclass of '%s' has the given module",
                Types.of(type).name());
    }

    @CApi
    public static long PyType_GetName(long type) {
        return Strs.fromJava(Types.of(ArgChecks.type(type)).name());
    }

    @CApi
    public static long PyType_GetQualName(long type) {
        return Strs.fromJava(Types.of(ArgChecks.type(type)).name());
    }

    @CApi
    public static long PyType_GetFullyQualifiedName(long type) {
        return Strs.fromJava(Types.of(ArgChecks.type(type)).fullName());
    }

    // ---- 3.14 ----

    /**
     * The first type of type's MRO (type itself first) whose Py_tp_token is token: 1 with *result a new reference,
     * or 0 with *result NULL. The token is PyHeapTypeObject.ht_token, which PyType_FromSpec fills from the slot (the
     * spec itself for Py_TP_USE_SPEC) in a 3.14 process; static types, and every type of a 3.13 process (3.13 has
     * no such slot), have none. result may be NULL.
     */
    @CApi
    public static int PyType_GetBaseByToken(long type, long token, long result) {
        if (result != 0) {
            Mem.putLong(result, 0);
        }
        if (token == 0) {
            throw PyRaise.systemError("PyType_GetBaseByToken called with token=NULL");
        }
        if (type == 0 || !Types.isType(type)) {
            throw PyRaise.typeError("expected a type, got a '%s' object",
                    type == 0 ? "NULL" : Types.typeOf(type).qualifiedName());
        }
        if ((Mem.getLong(type + TP_FLAGS) & TPF_HEAPTYPE) == 0) {
            return 0; // a static type has no heap-type bases, so no token anywhere in its MRO
        }
        if (!dev.ftcheck.runtime.abi.ProcessAbi.is314()) {
            return 0;
        }
        for (long t : Types.mro(type)) {
            if ((Mem.getLong(t + TP_FLAGS) & TPF_HEAPTYPE) != 0 && Mem.getLong(t + HT_TOKEN) == token) {
                if (result != 0) {
                    Mem.putLong(result, Heap.newRef(t));
                }
                return 1;
            }
        }
        return 0;
    }

    /** Makes type immutable (Py_TPFLAGS_IMMUTABLETYPE: its attributes can no longer be set); every base must be. */
    @CApi
    public static int PyType_Freeze(long type) {
        ArgChecks.type(type);
        long[] mro = Types.mro(type);
        for (int i = 1; i < mro.length; i++) {
            if ((Mem.getLong(mro[i] + TP_FLAGS) & TPF_IMMUTABLETYPE) == 0) {
                throw PyRaise.typeError("Creating immutable type %s from mutable base %s", Types.of(type).fullName(),
                        Types.of(mro[i]).qualifiedName());
            }
        }
        Mem.putLong(type + TP_FLAGS, Mem.getLong(type + TP_FLAGS) | TPF_IMMUTABLETYPE);
        PyType_Modified(type);
        return 0;
    }
}
