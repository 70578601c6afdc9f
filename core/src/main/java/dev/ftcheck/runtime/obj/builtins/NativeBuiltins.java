package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.TP_AS_NUMBER;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.TypeReady;
import java.lang.foreign.Arena;

/**
 * The built-in types the bridge implements in C, readied with the others: mappingproxy (ftb_descrobject.c),
 * types.GenericAlias (ftb_genericaliasobject.c) and types.UnionType (bridge_unionobject.c), with what the Java
 * tables need of them: {@code type.__dict__}, {@code __class_getitem__}, {@code type.__or__}.
 */
public final class NativeBuiltins {
    /** PyNumberMethods.nb_or's offset (slot 15, after nb_add ... nb_xor), and the table's size. */
    private static final long NB_OR = 8 * 15, NUMBER_METHODS_SIZE = 8 * 36;
    private static long newProxy, genericAlias, typeOr, unionType;

    private NativeBuiltins() {}

    static void ready() {
        Bridge bridge = Bridge.get();
        TypeReady.ready(bridge.require("PyDictProxy_Type"));
        TypeReady.ready(bridge.require("Py_GenericAliasType"));
        unionType = bridge.require("ftb_UnionType");
        TypeReady.ready(unionType);
        newProxy = bridge.require("PyDictProxy_New");
        genericAlias = bridge.require("Py_GenericAlias");
        typeOr = bridge.require("ftb_type_or");
        long number = Mem.getLong(Types.TYPE + TP_AS_NUMBER);
        if (number == 0) {
            number = Arena.global().allocate(NUMBER_METHODS_SIZE, 8).address();
            Mem.putLong(Types.TYPE + TP_AS_NUMBER, number);
        }
        Mem.putLong(number + NB_OR, typeOr); // int | str from C, as from the slot wrappers below
    }

    /** A new read-only proxy of mapping (borrowed). */
    static long proxy(long mapping) {
        return Calls.checkResult(Downcalls.call1(newProxy, mapping), "PyDictProxy_New");
    }

    /** {@code origin[args]} as a types.GenericAlias. */
    static long genericAlias(long origin, long args) {
        return Calls.checkResult(Downcalls.call2(genericAlias, origin, args), "Py_GenericAlias");
    }

    /** {@code a | b} for types, None, aliases and unions; NotImplemented otherwise. */
    static long typeOr(long a, long b) {
        return Calls.checkResult(Downcalls.call2(typeOr, a, b), "type.__or__");
    }

    public static boolean isUnion(long o) {
        return unionType != 0 && Heap.type(o) == unionType;
    }

    /** A union's arguments (borrowed: the tuple the union holds). */
    public static long unionArgs(long union) {
        return Mem.getLong(union + 32);
    }

    /** {@code __class_getitem__}: what list[int], dict[str, int] and the like make. */
    static void classGetItem(BuiltinTable t) {
        t.classMethod("__class_getitem__", (cls, args, kw) -> genericAlias(cls,
                Args.one(ObjectMethods.q(cls, "__class_getitem__"), args, kw)));
    }
}
