package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * For built-in types whose behaviour lives in real C slots (complex, range, cell and their iterators): the type
 * object itself (the bridge's exported data symbol, registered as an extension kind so the generic protocols call
 * its slots) and upcall stubs that turn a static Java method into a C function pointer.
 */
public final class NativeSlots {
    private NativeSlots() {}

    /** The type object at the bridge's symbol (or a new one), laid out as a static built-in type. */
    static long type(String symbol, String name, long basicSize, long flags) {
        long t = symbol == null ? 0 : Bridge.get().symbol(symbol);
        if (t == 0) {
            t = Arena.global().allocate(HEAPTYPE_SIZE, 16).address();
        }
        Mem.putLong(t + OB_TID, 0);
        Mem.putInt(t + OB_REF_LOCAL, IMMORTAL_LOCAL);
        Mem.putLong(t + OB_TYPE, Types.TYPE);
        Mem.putLong(t + TP_NAME, Arena.global().allocateFrom(name).address());
        Mem.putLong(t + TP_BASICSIZE, basicSize);
        Mem.putLong(t + TP_ITEMSIZE, 0);
        Mem.putLong(t + TP_FLAGS, flags | TPF_READY | TPF_IMMUTABLETYPE | TPF_STATIC_BUILTIN);
        Mem.putLong(t + TP_BASE, Types.OBJECT);
        Mem.putLong(t + TP_FREE, Bridge.get().require("PyObject_Free"));
        Mem.putLong(t + TP_GETATTRO, Mem.getLong(Types.OBJECT + TP_GETATTRO));
        Mem.putLong(t + TP_SETATTRO, Mem.getLong(Types.OBJECT + TP_SETATTRO));
        Types.register(t, TypeKind.EXTENSION);
        return t;
    }

    /** A zeroed slot table (tp_as_number: 288 bytes, tp_as_sequence: 80, tp_as_mapping: 24). */
    static long table(long size) {
        return Arena.global().allocate(size, 8).address();
    }

    /** A C function pointer calling the static method {@code name} of owner (long, int, double and void only). */
    public static long stub(Class<?> owner, String name) {
        Method m = null;
        for (Method c : owner.getDeclaredMethods()) {
            if (c.getName().equals(name) && java.lang.reflect.Modifier.isStatic(c.getModifiers())) {
                if (m != null) {
                    throw new IllegalStateException("overloaded slot method " + name);
                }
                m = c;
            }
        }
        if (m == null) {
            throw new IllegalStateException("no slot method " + name);
        }
        MemoryLayout[] args = new MemoryLayout[m.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = layout(m.getParameterTypes()[i]);
        }
        FunctionDescriptor fd = m.getReturnType() == void.class ? FunctionDescriptor.ofVoid(args)
                : FunctionDescriptor.of(layout(m.getReturnType()), args);
        try {
            var lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
            var h = lookup.findStatic(owner, name, MethodType.methodType(m.getReturnType(), m.getParameterTypes()));
            return Linker.nativeLinker().upcallStub(h, fd, Arena.global()).address();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MemoryLayout layout(Class<?> c) {
        if (c == long.class) {
            return ValueLayout.JAVA_LONG;
        }
        if (c == int.class) {
            return ValueLayout.JAVA_INT;
        }
        if (c == double.class) {
            return ValueLayout.JAVA_DOUBLE;
        }
        throw new IllegalArgumentException("slot parameter type " + c);
    }

    /** The positional arguments of a (tuple, dict) call as an array (borrowed). */
    static long[] tupleArgs(long tuple) {
        if (tuple == 0) {
            return new long[0];
        }
        long n = dev.ftcheck.runtime.obj.Tuples.size(tuple);
        long[] r = new long[(int) n];
        for (int i = 0; i < n; i++) {
            r[i] = dev.ftcheck.runtime.obj.Tuples.get(tuple, i);
        }
        return r;
    }

    /** kwargs as given to a tp_new, or 0 when empty. */
    static long kwargs(long kw) {
        return kw != 0 && dev.ftcheck.runtime.obj.Dicts.size(kw) > 0 ? kw : 0;
    }

    /** A new instance of type (or a subtype): its tp_alloc when it has one, else a zeroed allocation. */
    static long alloc(long type, long exactType, long size) {
        if (type != exactType) {
            long tpAlloc = Mem.getLong(type + TP_ALLOC);
            if (tpAlloc != 0) {
                return dev.ftcheck.runtime.obj.Calls.checkResult(dev.ftcheck.runtime.nat.Downcalls.call2(tpAlloc,
                        type, 0), "tp_alloc");
            }
            return dev.ftcheck.runtime.obj.Heap.alloc(type, Mem.getLong(type + TP_BASICSIZE));
        }
        return dev.ftcheck.runtime.obj.Heap.alloc(type, size);
    }
}
