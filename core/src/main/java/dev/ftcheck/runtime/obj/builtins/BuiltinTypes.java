package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.PyType;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives every built-in type its methods, slot wrappers and getsets (one {@link BuiltinTable} per type), then a
 * real tp_dict, tp_bases and tp_mro. Runs once per process after the types, singletons and exceptions exist.
 */
public final class BuiltinTypes {
    private static boolean installed;

    private BuiltinTypes() {}

    public static synchronized void installAll() {
        if (installed) {
            return;
        }
        ObjectMethods.object().install(Types.OBJECT);
        newMethod(Types.OBJECT);
        ObjectMethods.type().install(Types.TYPE);
        ObjectMethods.none().install(Types.NONE_TYPE);
        ObjectMethods.module().install(Types.MODULE);
        ContainerMethods.list().install(Types.LIST);
        ContainerMethods.tuple().install(Types.TUPLE);
        IteratorTypes.init();
        ContainerMethods.dict().install(Types.DICT);
        DictViews.init();
        ContainerMethods.set(true).install(Types.SET);
        ContainerMethods.set(false).install(Types.FROZENSET);
        NumberMethods.integer().install(Types.INT);
        NumberMethods.bool().install(Types.BOOL);
        NumberMethods.floating().install(Types.FLOAT);
        StrMethods.str().install(Types.STR);
        BytesMethods.bytes().install(Types.BYTES);
        MemoryViews.init();
        ByteArrayMethods.init();
        ByteSlots.init();
        Constructors.init();
        ClassBuiltins.install();
        for (long d : new long[] {Types.METHOD_DESCR, Types.WRAPPER_DESCR, Types.CLASSMETHOD_DESCR}) {
            DescriptorMethods.method().install(d);
        }
        DescriptorMethods.data(false).install(Types.GETSET_DESCR);
        DescriptorMethods.data(true).install(Types.MEMBER_DESCR);
        DescriptorMethods.function(true).install(Types.CFUNCTION);
        DescriptorMethods.function(false).install(Types.METHOD_WRAPPER);
        DescriptorMethods.exception().install(dev.ftcheck.runtime.obj.Exceptions.BaseException);
        DescriptorMethods.exceptionNew();
        DescriptorMethods.slice().install(Types.SLICE);
        NativeBuiltins.ready();
        for (long generic : new long[] {Types.LIST, Types.TUPLE, Types.DICT, Types.SET, Types.FROZENSET}) {
            BuiltinTable t = new BuiltinTable();
            NativeBuiltins.classGetItem(t);
            t.install(generic);
        }
        ComplexType.init();
        RangeType.init();
        CellType.init();
        WeakrefType.init();
        PropertyType.init();
        SpecialSlots.install();
        ContextTypes.install();
        BuiltinSlots.install();
        List<PyType> all = new ArrayList<>(Types.all());
        for (PyType t : all) {
            Types.linkHierarchy(t.addr);
            SpecialSlots.callableByTpCall(t);
            if (!t.dict.containsKey("__doc__")) {
                t.put("__doc__", dev.ftcheck.runtime.obj.Singletons.NONE); // the docstrings are CPython's prose
            }
        }
        for (PyType t : all) {
            Heap.immortalizeAllocated(t.tpDict());
        }
        installed = true;
    }

    /**
     * {@code T.__new__}: a built-in function bound to T that checks its first argument is a subtype of T and
     * calls that type's tp_new with the rest.
     */
    static void newMethod(long type) {
        String owner = Types.of(type).name();
        new BuiltinTable().staticMethod("__new__", (self, args, kw) -> {
            if (args.length == 0) {
                throw PyRaise.typeError("%s.__new__(): not enough arguments", owner);
            }
            long sub = args[0];
            if (!Types.isType(sub)) {
                throw PyRaise.typeError("%s.__new__(X): X is not a type object (%s)", owner, Types.name(sub));
            }
            if (!Types.isSubtype(sub, self)) {
                throw PyRaise.typeError("%s.__new__(%s): %s is not a subtype of %s", owner, Types.of(sub).name(),
                        Types.of(sub).name(), owner);
            }
            long tpNew = Mem.getLong(sub + TP_NEW);
            if (self == Types.OBJECT && tpNew != Mem.getLong(Types.OBJECT + TP_NEW)) {
                throw PyRaise.typeError("object.__new__(%s) is not safe, use %s.__new__()", Types.of(sub).name(),
                        Types.of(sub).name());
            }
            if (self == Types.OBJECT && (args.length > 1 || (kw != 0 && dev.ftcheck.runtime.obj.Dicts.size(kw) > 0))
                    && Mem.getLong(sub + TP_INIT) == 0) {
                throw PyRaise.typeError("%s() takes no arguments", Types.of(sub).name());
            }
            long rest = Tuples.create(args.length - 1);
            for (int i = 1; i < args.length; i++) {
                Tuples.set(rest, i - 1, Heap.newRef(args[i]));
            }
            try {
                return Calls.checkResult(Downcalls.call3(tpNew, sub, rest, kw), Types.of(sub).name() + ".__new__");
            } finally {
                dev.ftcheck.runtime.nat.Native.decref(rest);
            }
        }).install(type);
    }
}
