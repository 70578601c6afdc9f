package dev.ftcheck.runtime.obj.builtins;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.CFunctions;
import dev.ftcheck.runtime.obj.Descriptors;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way a built-in type gets its methods, slot wrappers and getsets: a table of Java implementations that
 * {@link #install} turns into real descriptor objects in the type's dict. Each method gets a native PyMethodDef
 * (METH_FASTCALL|METH_KEYWORDS, ml_meth an upcall stub into the Java code) so C that reads the descriptor or calls
 * ml_meth directly works; calls made from Java skip the stub through {@link #javaImpl}.
 */
public final class BuiltinTable {
    /** A method body: self (the type for class methods), positional arguments (borrowed), kwargs dict or 0. */
    @FunctionalInterface
    public interface Impl {
        long call(long self, long[] args, long kwargs);
    }

    /** A getset getter: new reference. */
    @FunctionalInterface
    public interface Getter {
        long get(long obj);
    }

    /** A getset setter; value 0 deletes. */
    @FunctionalInterface
    public interface Setter {
        void set(long obj, long value);
    }

    private enum Kind { METHOD, CLASSMETHOD, STATICMETHOD, SLOT, GETSET, MEMBER, VALUE }

    /** For a MEMBER, value is the PyMemberDef. */
    private record Entry(String name, Kind kind, Impl impl, Getter getter, Setter setter, long value) {}

    /** structmember.h type codes the tables use. */
    public static final int T_OBJECT = 6, T_ULONG = 12, T_PYSSIZET = 19, T_OBJECT_EX = 16;

    private static final ConcurrentHashMap<Long, Impl> IMPLS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Long, Getter> GETTERS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Long, Setter> SETTERS = new ConcurrentHashMap<>();
    /** The bridge's ml_meth entry points (ftb_builtin_methods), each forwarding its index to {@link #dispatch}. */
    private static final long ENTRY_TABLE;
    private static final int ENTRY_COUNT;
    private static final long[] ML_BY_INDEX;
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_ENTRY = new java.util.concurrent.atomic.AtomicInteger();
    /** One getter and one setter upcall serve every getset: the PyGetSetDef's closure is the definition itself. */
    private static final long GETTER_STUB, SETTER_STUB;

    static {
        try {
            var lookup = MethodHandles.lookup();
            var bridge = dev.ftcheck.runtime.nat.Bridge.get();
            Linker linker = Linker.nativeLinker();
            ENTRY_TABLE = bridge.require("ftb_builtin_methods");
            ENTRY_COUNT = (int) bridge.fn("ftb_builtin_method_count", FunctionDescriptor.of(ValueLayout.JAVA_INT),
                    false).invokeExact();
            ML_BY_INDEX = new long[ENTRY_COUNT];
            long dispatch = linker.upcallStub(lookup.findStatic(BuiltinTable.class, "dispatch",
                    MethodType.methodType(long.class, int.class, long.class, long.class, long.class, long.class)),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), Arena.global())
                    .address();
            bridge.fn("ftb_set_builtin_dispatch", FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG), false)
                    .invokeExact(dispatch);
            GETTER_STUB = linker.upcallStub(lookup.findStatic(BuiltinTable.class, "getterFromC",
                    MethodType.methodType(long.class, long.class, long.class)),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                    Arena.global()).address();
            SETTER_STUB = linker.upcallStub(lookup.findStatic(BuiltinTable.class, "setterFromC",
                    MethodType.methodType(int.class, long.class, long.class, long.class)),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG), Arena.global()).address();
        } catch (Throwable e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    public BuiltinTable method(String name, Impl impl) {
        entries.add(new Entry(name, Kind.METHOD, impl, null, null, 0));
        return this;
    }

    public BuiltinTable classMethod(String name, Impl impl) {
        entries.add(new Entry(name, Kind.CLASSMETHOD, impl, null, null, 0));
        return this;
    }

    /** A staticmethod-wrapped built-in function (str.maketrans). */
    public BuiltinTable staticMethod(String name, Impl impl) {
        entries.add(new Entry(name, Kind.STATICMETHOD, impl, null, null, 0));
        return this;
    }

    /** A slot wrapper (wrapper_descriptor; bound it is a method-wrapper). */
    public BuiltinTable slot(String name, Impl impl) {
        entries.add(new Entry(name, Kind.SLOT, impl, null, null, 0));
        return this;
    }

    public BuiltinTable getter(String name, Getter getter) {
        entries.add(new Entry(name, Kind.GETSET, null, getter, null, 0));
        return this;
    }

    /** A getset_descriptor with a setter too. */
    public BuiltinTable getset(String name, Getter getter, Setter setter) {
        entries.add(new Entry(name, Kind.GETSET, null, getter, setter, 0));
        return this;
    }

    /** A read-only member_descriptor reading the instance's field at offset (a structmember.h type code). */
    public BuiltinTable member(String name, int typeCode, long offset) {
        return member(name, typeCode, offset, true);
    }

    public BuiltinTable member(String name, int typeCode, long offset, boolean readonly) {
        long md = Arena.global().allocate(40, 8).address();
        Mem.putLong(md, Arena.global().allocateFrom(name).address());
        Mem.putInt(md + 8, typeCode);
        Mem.putLong(md + 16, offset);
        Mem.putInt(md + 24, readonly ? 1 : 0); // READONLY
        entries.add(new Entry(name, Kind.MEMBER, null, null, null, md));
        return this;
    }

    /** A plain value stored in the dict as is (a new reference the table hands over). */
    public BuiltinTable value(String name, long value) {
        entries.add(new Entry(name, Kind.VALUE, null, null, null, value));
        return this;
    }

    /** Materialises the table into type's dict (PyType.dict and tp_dict). */
    public void install(long type) {
        for (Entry e : entries) {
            long obj = switch (e.kind) {
                case METHOD -> Descriptors.create(Types.METHOD_DESCR, type, methodDef(e.name, e.impl, 0));
                case CLASSMETHOD -> Descriptors.create(Types.CLASSMETHOD_DESCR, type,
                        methodDef(e.name, e.impl, CFunctions.METH_CLASS));
                case SLOT -> Descriptors.create(Types.WRAPPER_DESCR, type, methodDef(e.name, e.impl, 0));
                case STATICMETHOD -> CFunctions.create(methodDef(e.name, e.impl, 0), type, 0, 0);
                case GETSET -> Descriptors.create(Types.GETSET_DESCR, type, getsetDef(e.name, e.getter, e.setter));
                case MEMBER -> Descriptors.create(Types.MEMBER_DESCR, type, e.value);
                case VALUE -> e.value;
            };
            if (e.kind != Kind.VALUE) {
                Heap.immortalizeAllocated(obj);
            }
            Types.of(type).put(e.name, obj);
        }
    }

    /** Materialises the table's methods as a module's functions (builtin_function_or_method, self the module). */
    public void installFunctions(long module) {
        for (Entry e : entries) {
            if (e.kind != Kind.METHOD) {
                throw new IllegalStateException("a module holds functions only, not " + e.kind + " " + e.name);
            }
            long f = CFunctions.create(methodDef(e.name, e.impl, 0), module, Mem.getLong(module + 64), 0);
            Heap.immortalizeAllocated(f);
            dev.ftcheck.runtime.obj.Modules.setAttr(module, e.name, f);
            Native.decref(f);
        }
    }

    private static final ConcurrentHashMap<Long, Impl> CONSTRUCTORS = new ConcurrentHashMap<>();

    /** What calling the built-in type itself does (list(x), dict(...)); self is the type. */
    public static void constructor(long type, Impl impl) {
        CONSTRUCTORS.put(type, impl);
    }

    /** The constructor of exactly this built-in type, or null. */
    public static Impl constructor(long type) {
        return CONSTRUCTORS.get(type);
    }

    /** The Java body of a PyMethodDef made by a table, or null for any other (C) definition. */
    public static Impl javaImpl(long ml) {
        return IMPLS.get(ml);
    }

    /**
     * A PyMethodDef (METH_FASTCALL | METH_KEYWORDS) for function objects made with {@code CFunctions.create}: each
     * takes one of the bridge's fixed entry points, so make one per kind of function and tell the objects apart
     * by their self (the script interpreter's def does this).
     */
    public static long functionDef(String name, Impl impl) {
        return methodDef(name, impl, 0);
    }

    private static long methodDef(String name, Impl impl, int extraFlags) {
        int index = NEXT_ENTRY.getAndIncrement();
        if (index >= ENTRY_COUNT) {
            throw new IllegalStateException("more built-in methods than ftb_builtin_methods has entry points");
        }
        long ml = Arena.global().allocate(32, 8).address();
        Mem.putLong(ml, Arena.global().allocateFrom(name).address());
        Mem.putLong(ml + 8, Mem.getLong(ENTRY_TABLE + 8L * index));
        Mem.putInt(ml + 16, CFunctions.METH_FASTCALL | CFunctions.METH_KEYWORDS | extraFlags);
        IMPLS.put(ml, impl);
        ML_BY_INDEX[index] = ml;
        return ml;
    }

    private static long getsetDef(String name, Getter getter, Setter setter) {
        long gd = Arena.global().allocate(40, 8).address();
        Mem.putLong(gd, Arena.global().allocateFrom(name).address());
        Mem.putLong(gd + 8, GETTER_STUB);
        Mem.putLong(gd + 32, gd); // closure
        GETTERS.put(gd, getter);
        if (setter != null) {
            Mem.putLong(gd + 16, SETTER_STUB);
            SETTERS.put(gd, setter);
        }
        return gd;
    }

    /** Where the bridge's entry point number index lands. */
    private static long dispatch(int index, long self, long args, long nargs, long kwnames) {
        return fromC(ML_BY_INDEX[index], self, args, nargs, kwnames);
    }

    /** ml_meth of every table method: the METH_FASTCALL|METH_KEYWORDS convention, errors into the indicator. */
    private static long fromC(long ml, long self, long args, long nargs, long kwnames) {
        long kw = 0;
        try {
            long[] pos = new long[(int) nargs];
            for (int i = 0; i < nargs; i++) {
                pos[i] = Mem.getLong(args + 8L * i);
            }
            if (kwnames != 0 && Tuples.size(kwnames) > 0) {
                kw = Dicts.create("keyword arguments");
                for (long i = 0; i < Tuples.size(kwnames); i++) {
                    Dicts.set(kw, Tuples.get(kwnames, i), Mem.getLong(args + 8 * (nargs + i)));
                }
            }
            return IMPLS.get(ml).call(self, pos, kw);
        } catch (Throwable t) {
            Errors.fromThrowable(t, CFunctions.name(ml));
            return 0;
        } finally {
            Native.xdecref(kw);
        }
    }

    private static long getterFromC(long obj, long gd) {
        try {
            return GETTERS.get(gd).get(obj);
        } catch (Throwable t) {
            Errors.fromThrowable(t, Mem.cString(Mem.getLong(gd)));
            return 0;
        }
    }

    private static int setterFromC(long obj, long value, long gd) {
        try {
            SETTERS.get(gd).set(obj, value);
            return 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, Mem.cString(Mem.getLong(gd)));
            return -1;
        }
    }

}
