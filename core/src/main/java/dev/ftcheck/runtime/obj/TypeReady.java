package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.abi.ProcessAbi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import java.lang.foreign.Arena;

/**
 * PyType_Ready for extension types (static ones, and heap types built from a PyType_Spec): inherit what the type
 * leaves NULL from its base, and turn tp_methods/tp_members/tp_getset into descriptors in the type's dict.
 */
public final class TypeReady {
    private static long genericAlloc, genericNew, objectFree, gcDel, genericGetAttr, genericSetAttr, deallocStub;

    /** 3.14's slot ids: tp_vectorcall, and the token PyType_GetBaseByToken finds (Py_TP_USE_SPEC: the spec). */
    private static final int PY_TP_VECTORCALL = 82, PY_TP_TOKEN = 83;

    /** Byte offset in PyHeapTypeObject of each PyType_Slot id (index = slot id); -1 for ids that are not fields. */
    private static final long[] SLOT_OFFSETS = new long[84];

    static {
        java.util.Arrays.fill(SLOT_OFFSETS, -1);
        long nb = HT_AS_NUMBER, sq = HT_AS_SEQUENCE, mp = HT_AS_MAPPING, am = HT_AS_ASYNC, bf = HT_AS_BUFFER;
        long[][] table = {
            {1, bf}, {2, bf + 8}, {3, mp + 16}, {4, mp}, {5, mp + 8}, {6, nb + 64}, {7, nb}, {8, nb + 104},
            {9, nb + 72}, {10, nb + 32}, {11, nb + 144}, {12, nb + 232}, {13, nb + 264}, {14, nb + 152},
            {15, nb + 208}, {16, nb + 248}, {17, nb + 192}, {18, nb + 168}, {19, nb + 224}, {20, nb + 184},
            {21, nb + 176}, {22, nb + 200}, {23, nb + 160}, {24, nb + 256}, {25, nb + 216}, {26, nb + 128},
            {27, nb + 80}, {28, nb + 88}, {29, nb + 16}, {30, nb + 48}, {31, nb + 120}, {32, nb + 56},
            {33, nb + 40}, {34, nb + 24}, {35, nb + 96}, {36, nb + 8}, {37, nb + 240}, {38, nb + 112},
            {39, sq + 40}, {40, sq + 8}, {41, sq + 56}, {42, sq + 64}, {43, sq + 72}, {44, sq + 24}, {45, sq},
            {46, sq + 16}, {47, TP_ALLOC}, {48, TP_BASE}, {49, TP_BASES}, {50, TP_CALL}, {51, TP_CLEAR},
            {52, TP_DEALLOC}, {53, 392}, {54, TP_DESCR_GET}, {55, TP_DESCR_SET}, {56, TP_DOC}, {57, 80},
            {58, TP_GETATTRO}, {59, TP_HASH}, {60, TP_INIT}, {61, TP_IS_GC}, {62, TP_ITER}, {63, TP_ITERNEXT},
            {64, TP_METHODS}, {65, TP_NEW}, {66, TP_REPR}, {67, TP_RICHCOMPARE}, {68, 88}, {69, TP_SETATTRO},
            {70, TP_STR}, {71, TP_TRAVERSE}, {72, TP_MEMBERS}, {73, TP_GETSET}, {74, TP_FREE}, {75, nb + 272},
            {76, nb + 280}, {77, am}, {78, am + 8}, {79, am + 16}, {80, TP_FINALIZE}, {81, am + 24},
        };
        for (long[] e : table) {
            SLOT_OFFSETS[(int) e[0]] = e[1];
        }
        if (ProcessAbi.is314()) {
            SLOT_OFFSETS[PY_TP_VECTORCALL] = TP_VECTORCALL;
            SLOT_OFFSETS[PY_TP_TOKEN] = HT_TOKEN;
        }
    }

    private TypeReady() {}

    /** Where PyType_Slot id lives in a PyHeapTypeObject, or -1 when the id names no field. */
    public static long slotOffset(int id) {
        return id > 0 && id < SLOT_OFFSETS.length ? SLOT_OFFSETS[id] : -1;
    }

    /** A size rounded up to the alignment of max_align_t, where type data past a base's instance starts. */
    public static long alignedSize(long size) {
        return (size + 15) & ~15L;
    }

    public static void init(long alloc, long newFn, long free, long gcFree, long getattr, long setattr, long dealloc) {
        genericAlloc = alloc;
        genericNew = newFn;
        objectFree = free;
        gcDel = gcFree;
        genericGetAttr = getattr;
        genericSetAttr = setattr;
        deallocStub = dealloc;
        Mem.putLong(Types.OBJECT + TP_ALLOC, alloc);
        Mem.putLong(Types.OBJECT + TP_NEW, newFn);
        Mem.putLong(Types.OBJECT + TP_GETATTRO, getattr);
        Mem.putLong(Types.OBJECT + TP_SETATTRO, setattr);
        Mem.putLong(Types.TYPE + TP_ALLOC, alloc);
    }

    /** PyType_Ready: idempotent; registers the type and fills its dict. */
    public static synchronized PyType ready(long type) {
        PyType existing = Types.get(type);
        if (existing != null && (Mem.getLong(type + TP_FLAGS) & TPF_READY) != 0) {
            return existing;
        }
        if (Mem.getLong(type + TP_NAME) == 0) {
            throw PyRaise.systemError("Type does not define the tp_name field.");
        }
        long base = Mem.getLong(type + TP_BASE);
        if (base == 0 && type != Types.OBJECT) {
            base = Types.OBJECT;
            Mem.putLong(type + TP_BASE, base);
        }
        PyType baseType = base != 0 ? ready(base) : null;
        if (Mem.getLong(type + OB_TYPE) == 0) {
            Mem.putLong(type + OB_TYPE, Types.TYPE);
        }
        long flags = Mem.getLong(type + TP_FLAGS);
        boolean heap = (flags & TPF_HEAPTYPE) != 0;
        if (!heap) {
            Heap.immortalize(type); // statically allocated objects are immortal
        }
        // Subclass bits and GC-ness come from the base; everything NULL is inherited.
        long baseFlags = base != 0 ? Mem.getLong(base + TP_FLAGS) : 0;
        flags |= baseFlags & (TPF_LONG_SUBCLASS | TPF_LIST_SUBCLASS | TPF_TUPLE_SUBCLASS | TPF_BYTES_SUBCLASS
                | TPF_UNICODE_SUBCLASS | TPF_DICT_SUBCLASS | TPF_BASE_EXC_SUBCLASS | TPF_TYPE_SUBCLASS);
        if (base != 0) {
            if (Mem.getLong(type + TP_BASICSIZE) == 0) {
                Mem.putLong(type + TP_BASICSIZE, Mem.getLong(base + TP_BASICSIZE));
            }
            for (long off : new long[] {TP_DEALLOC, TP_REPR, TP_HASH, TP_CALL, TP_STR, TP_GETATTRO, TP_SETATTRO,
                TP_RICHCOMPARE, TP_ITER, TP_ITERNEXT, TP_DESCR_GET, TP_DESCR_SET, TP_INIT, TP_ALLOC, TP_IS_GC,
                TP_FINALIZE, TP_DICTOFFSET, TP_WEAKLISTOFFSET, TP_VECTORCALL_OFFSET}) {
                if (Mem.getLong(type + off) == 0) {
                    Mem.putLong(type + off, Mem.getLong(base + off));
                }
            }
            boolean disallow = Mem.getLong(type + TP_NEW) == 0 && base == Types.OBJECT && !heap;
            if (disallow) {
                flags |= TPF_DISALLOW_INSTANTIATION;
            } else if (Mem.getLong(type + TP_NEW) == 0 && (flags & TPF_DISALLOW_INSTANTIATION) == 0) {
                Mem.putLong(type + TP_NEW, Mem.getLong(base + TP_NEW));
            }
            for (long off : new long[] {TP_AS_NUMBER, TP_AS_SEQUENCE, TP_AS_MAPPING, TP_AS_BUFFER, TP_AS_ASYNC}) {
                if (Mem.getLong(type + off) == 0) {
                    Mem.putLong(type + off, Mem.getLong(base + off));
                }
            }
        }
        if (Mem.getLong(type + TP_DEALLOC) == 0) {
            Mem.putLong(type + TP_DEALLOC, deallocStub);
        }
        if (Mem.getLong(type + TP_FREE) == 0) {
            Mem.putLong(type + TP_FREE, (flags & TPF_HAVE_GC) != 0 ? gcDel : objectFree);
        }
        TypeKind kind = baseType == null || baseType.kind == TypeKind.OBJECT ? TypeKind.EXTENSION
                : baseType.kind == TypeKind.EXCEPTION ? TypeKind.EXCEPTION : TypeKind.EXTENSION;
        PyType t = Types.register(type, kind);
        addDescriptors(type, t);
        addContainsWrapper(type, base, t);
        Mem.putLong(type + TP_FLAGS, (flags | TPF_READY) & ~TPF_READYING);
        Types.linkHierarchy(type);
        t.tpDict();
        return t;
    }

    /**
     * {@code __contains__} for a type whose own sequence table has sq_contains (as CPython's add_operators does),
     * so {@code o.__contains__(x)} works on C containers such as mappingproxy.
     */
    private static void addContainsWrapper(long type, long base, PyType t) {
        long sq = Mem.getLong(type + TP_AS_SEQUENCE);
        long fn = sq != 0 ? Mem.getLong(sq + 56) : 0;
        if (fn == 0 || t.dict.containsKey("__contains__")
                || (base != 0 && Mem.getLong(base + TP_AS_SEQUENCE) == sq)) {
            return;
        }
        new dev.ftcheck.runtime.obj.builtins.BuiltinTable().slot("__contains__", (self, args, kw) -> {
            dev.ftcheck.runtime.obj.builtins.Args.unpack("__contains__", args, kw, 1, 1);
            int r = dev.ftcheck.runtime.nat.Downcalls.int2(fn, self, args[0]);
            if (r < 0) {
                throw ErrorAlreadySet.INSTANCE;
            }
            return Singletons.bool(r != 0);
        }).install(type);
    }

    private static void addDescriptors(long type, PyType t) {
        long methods = Mem.getLong(type + TP_METHODS);
        for (long ml = methods; methods != 0 && Mem.getLong(ml) != 0; ml += METHODDEF_SIZE) {
            put(t, CFunctions.name(ml), Descriptors.create(Types.METHOD_DESCR, type, ml));
        }
        long members = Mem.getLong(type + TP_MEMBERS);
        for (long md = members; members != 0 && Mem.getLong(md) != 0; md += MEMBERDEF_SIZE) {
            String name = Mem.cString(Mem.getLong(md));
            if (name.equals("__weaklistoffset__") || name.equals("__dictoffset__")
                    || name.equals("__vectorcalloffset__")) {
                long off = name.equals("__weaklistoffset__") ? TP_WEAKLISTOFFSET
                        : name.equals("__dictoffset__") ? TP_DICTOFFSET : TP_VECTORCALL_OFFSET;
                Mem.putLong(type + off, Mem.getLong(md + 16));
                continue;
            }
            put(t, name, Descriptors.create(Types.MEMBER_DESCR, type, md));
        }
        long getset = Mem.getLong(type + TP_GETSET);
        for (long gd = getset; getset != 0 && Mem.getLong(gd) != 0; gd += GETSETDEF_SIZE) {
            put(t, Mem.cString(Mem.getLong(gd)), Descriptors.create(Types.GETSET_DESCR, type, gd));
        }
        long doc = Mem.getLong(type + TP_DOC);
        if (doc != 0 && !t.dict.containsKey("__doc__")) {
            put(t, "__doc__", Strs.fromJava(Mem.cString(doc)));
        }
    }

    private static void put(PyType t, String name, long value) {
        t.put(name, value);
    }

    /** PyType_FromMetaclass: a heap type from a spec; module may be 0; bases is a type, a tuple or 0. */
    public static long fromSpec(long metaclass, long module, long spec, long bases) {
        String fullName = Mem.cString(Mem.getLong(spec));
        int basicSize = Mem.getInt(spec + 8);
        int itemSize = Mem.getInt(spec + 12);
        long specFlags = Integer.toUnsignedLong(Mem.getInt(spec + 16));
        long slots = Mem.getLong(spec + 24);
        long type = Heap.alloc(metaclass != 0 ? metaclass : Types.TYPE, HEAPTYPE_SIZE);
        Mem.putLong(type + TP_NAME, Arena.global().allocateFrom(fullName).address());
        Mem.putLong(type + TP_FLAGS, specFlags | TPF_HEAPTYPE);
        long base = 0;
        if (bases != 0) {
            base = Tuples.isTuple(bases) ? (Tuples.size(bases) > 0 ? Tuples.get(bases, 0) : 0) : bases;
        }
        for (long s = slots; s != 0 && Mem.getInt(s) != 0; s += 16) {
            int id = Mem.getInt(s);
            long pfunc = Mem.getLong(s + 8);
            if (id == 48 && base == 0) { // Py_tp_base
                base = pfunc;
                continue;
            }
            if (id == 49) { // Py_tp_bases
                if (base == 0 && pfunc != 0) {
                    base = Tuples.size(pfunc) > 0 ? Tuples.get(pfunc, 0) : 0;
                }
                continue;
            }
            if (id <= 0 || id >= SLOT_OFFSETS.length || SLOT_OFFSETS[id] < 0) {
                throw new PyRaise(Exceptions.RuntimeError, "invalid slot offset");
            }
            if (id == PY_TP_TOKEN && pfunc == 0) {
                pfunc = spec;
            }
            if (id == 56 && pfunc != 0) { // Py_tp_doc is copied
                pfunc = Arena.global().allocateFrom(Mem.cString(pfunc)).address();
            }
            Mem.putLong(type + SLOT_OFFSETS[id], pfunc);
        }
        // The tables of a heap type live inside it; point the type at those that have entries.
        linkTable(type, TP_AS_NUMBER, HT_AS_NUMBER, 288);
        linkTable(type, TP_AS_SEQUENCE, HT_AS_SEQUENCE, 80);
        linkTable(type, TP_AS_MAPPING, HT_AS_MAPPING, 24);
        linkTable(type, TP_AS_ASYNC, HT_AS_ASYNC, 32);
        linkTable(type, TP_AS_BUFFER, HT_AS_BUFFER, 16);
        if (base == 0) {
            base = Types.OBJECT;
        }
        Native.incref(base);
        Mem.putLong(type + TP_BASE, base);
        long baseSize = Mem.getLong(base + TP_BASICSIZE);
        // a negative basicsize asks for that much type data after the base's (aligned) instance
        Mem.putLong(type + TP_BASICSIZE, basicSize > 0 ? basicSize
                : basicSize < 0 ? alignedSize(baseSize) + alignedSize(-basicSize) : baseSize);
        Mem.putLong(type + TP_ITEMSIZE, itemSize);
        String shortName = fullName.substring(fullName.lastIndexOf('.') + 1);
        Mem.putLong(type + HT_NAME, Strs.fromJava(shortName));
        Mem.putLong(type + HT_QUALNAME, Strs.fromJava(shortName));
        if (module != 0) {
            Mem.putLong(type + HT_MODULE, Heap.newRef(module));
        }
        PyType t = ready(type);
        t.module = module;
        t.moduleDef = module != 0 && Modules.isModule(module) ? Modules.def(module) : 0;
        if (fullName.lastIndexOf('.') > 0) {
            put(t, "__module__", Strs.fromJava(fullName.substring(0, fullName.lastIndexOf('.'))));
        }
        return type;
    }

    private static void linkTable(long type, long field, long embedded, long size) {
        for (long off = 0; off < size; off += 8) {
            if (Mem.getLong(type + embedded + off) != 0) {
                Mem.putLong(type + field, type + embedded);
                return;
            }
        }
    }

    /** tp_dealloc of a heap type object. */
    public static void deallocHeapType(long type) {
        PyType t = Types.get(type);
        if (t != null) {
            for (Long v : t.dict.values()) {
                Native.decref(v);
            }
            Types.unregister(type);
        }
        Native.xdecref(Mem.getLong(type + TP_DICT));
        Native.xdecref(Mem.getLong(type + HT_NAME));
        Native.xdecref(Mem.getLong(type + HT_QUALNAME));
        Native.xdecref(Mem.getLong(type + HT_MODULE));
        Native.xdecref(Mem.getLong(type + TP_BASE));
        Native.xdecref(Mem.getLong(type + TP_BASES));
    }
}
