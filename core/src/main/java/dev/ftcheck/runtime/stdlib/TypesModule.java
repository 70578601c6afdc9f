package dev.ftcheck.runtime.stdlib;

import static dev.ftcheck.runtime.obj.Layout.HEAD;
import static dev.ftcheck.runtime.obj.Layout.TP_BASICSIZE;
import static dev.ftcheck.runtime.obj.Layout.TP_DICTOFFSET;
import static dev.ftcheck.runtime.obj.Layout.TP_HASH;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.PyType;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.util.Map;

/**
 * The {@code types} module: the runtime's built-in types under their {@code types} names (those it has), and
 * SimpleNamespace, written here: an instance __dict__ holding its attributes, keyword (and one mapping or iterable
 * of pairs) construction, repr {@code namespace(a=1)}, equality by the dicts, unhashable, __reduce__ and
 * __replace__. sys.implementation is one.
 */
public final class TypesModule {
    /** types name → the runtime type's tp_name. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("ModuleType", "module"), Map.entry("FunctionType", "function"),
            Map.entry("LambdaType", "function"), Map.entry("BuiltinFunctionType", "builtin_function_or_method"),
            Map.entry("BuiltinMethodType", "builtin_function_or_method"), Map.entry("MethodType", "method"),
            Map.entry("MappingProxyType", "mappingproxy"), Map.entry("GenericAlias", "types.GenericAlias"),
            Map.entry("UnionType", "types.UnionType"), Map.entry("NoneType", "NoneType"),
            Map.entry("EllipsisType", "ellipsis"), Map.entry("NotImplementedType", "NotImplementedType"),
            Map.entry("CellType", "cell"), Map.entry("CodeType", "code"), Map.entry("FrameType", "frame"),
            Map.entry("TracebackType", "traceback"), Map.entry("WrapperDescriptorType", "wrapper_descriptor"),
            Map.entry("MethodWrapperType", "method-wrapper"), Map.entry("MethodDescriptorType", "method_descriptor"),
            Map.entry("ClassMethodDescriptorType", "classmethod_descriptor"),
            Map.entry("GetSetDescriptorType", "getset_descriptor"),
            Map.entry("MemberDescriptorType", "member_descriptor"), Map.entry("GeneratorType", "generator"),
            Map.entry("CoroutineType", "coroutine"), Map.entry("AsyncGeneratorType", "async_generator"));

    private static volatile long namespaceType;

    private TypesModule() {}

    static long create() {
        long m = Modules.create("types");
        Modules.setAttr(m, "SimpleNamespace", simpleNamespace());
        for (var e : ALIASES.entrySet()) {
            long t = AbcModule.builtinType(e.getValue());
            if (t == 0) {
                for (PyType pt : Types.all()) {
                    if (pt.fullName().equals(e.getValue())) {
                        t = pt.addr;
                    }
                }
            }
            if (t != 0) {
                Modules.setAttr(m, e.getKey(), t);
            }
        }
        return m;
    }

    /** types.SimpleNamespace (borrowed, permanent). */
    static synchronized long simpleNamespace() {
        if (namespaceType == 0) {
            BuiltinTable t = new BuiltinTable();
            t.getter("__dict__", self -> Heap.newRef(dict(self)));
            t.value("__hash__", Heap.newRef(Singletons.NONE));
            t.slot("__repr__", (self, args, kw) -> {
                Args.none("__repr__", args, kw);
                return Strs.fromJava(Repr.repr(self));
            });
            t.method("__reduce__", (self, args, kw) -> {
                Args.none("__reduce__", args, kw);
                return Tuples.of(Heap.newRef(Heap.type(self)), Tuples.create(0), Heap.newRef(dict(self)));
            });
            t.method("__replace__", (self, args, kw) -> {
                if (args.length > 0) {
                    throw PyRaise.typeError("__replace__() takes no positional arguments");
                }
                long copy = instance(Heap.type(self));
                try {
                    update(copy, dict(self));
                    if (kw != 0) {
                        update(copy, kw);
                    }
                } catch (RuntimeException e) {
                    Native.decref(copy);
                    throw e;
                }
                return copy;
            });
            long type = StandInTypes.define("types.SimpleNamespace", t, TypesModule::construct);
            Heap.immortalize(type);
            Mem.putLong(type + TP_BASICSIZE, HEAD + 8);
            Mem.putLong(type + TP_DICTOFFSET, HEAD);
            Mem.putLong(type + TP_HASH, Bridge.get().require("PyObject_HashNotImplemented"));
            namespaceType = type;
        }
        return namespaceType;
    }

    /**
     * The {@code __spec__} of an extension module: there is no importlib, so a SimpleNamespace with ModuleSpec's
     * attributes (name, origin, loader, parent, ...) stands in for importlib.machinery.ModuleSpec.
     */
    public static long moduleSpec(String name, String origin) {
        long ns = instance(simpleNamespace());
        long dict = Mem.getLong(ns + HEAD);
        int dot = name.lastIndexOf('.');
        dev.ftcheck.runtime.obj.Dicts.set(dict, Strs.intern("name"), Strs.intern(name));
        long o = Strs.fromJava(origin);
        dev.ftcheck.runtime.obj.Dicts.set(dict, Strs.intern("origin"), o);
        dev.ftcheck.runtime.nat.Native.decref(o);
        long parent = Strs.fromJava(dot < 0 ? "" : name.substring(0, dot));
        dev.ftcheck.runtime.obj.Dicts.set(dict, Strs.intern("parent"), parent);
        dev.ftcheck.runtime.nat.Native.decref(parent);
        for (String none : new String[] {"loader", "loader_state", "submodule_search_locations", "cached"}) {
            dev.ftcheck.runtime.obj.Dicts.set(dict, Strs.intern(none), Singletons.NONE);
        }
        dev.ftcheck.runtime.obj.Dicts.set(dict, Strs.intern("has_location"), Singletons.TRUE);
        return ns;
    }

    /** A SimpleNamespace holding the (borrowed) dict's items. */
    static long newNamespace(long items) {
        long ns = instance(simpleNamespace());
        update(ns, items);
        return ns;
    }

    private static long instance(long type) {
        long ns = Heap.alloc(type, Mem.getLong(type + TP_BASICSIZE));
        Heap.putState(ns, NamespaceState.INSTANCE);
        Mem.putLong(ns + HEAD, Dicts.create("SimpleNamespace"));
        return ns;
    }

    private static long dict(long ns) {
        return Mem.getLong(ns + HEAD);
    }

    /** SimpleNamespace(mapping_or_iterable=(), /, **kwargs). */
    private static long construct(long type, long[] args, long kw) {
        if (args.length > 1) {
            throw PyRaise.typeError("SimpleNamespace expected at most 1 argument, got %d", args.length);
        }
        long ns = instance(type);
        try {
            if (args.length == 1) {
                long d = Heap.type(args[0]) == Types.DICT ? Heap.newRef(args[0])
                        : Calls.call(Types.DICT, new long[] {args[0]}, 0);
                try {
                    update(ns, d);
                } finally {
                    Native.decref(d);
                }
            }
            if (kw != 0) {
                update(ns, kw);
            }
        } catch (RuntimeException e) {
            Native.decref(ns);
            throw e;
        }
        return ns;
    }

    private static void update(long ns, long items) {
        long[] kv = Dicts.items(items);
        try {
            for (int i = 0; i < kv.length; i += 2) {
                if (!Strs.isStr(kv[i])) {
                    throw PyRaise.typeError("keywords must be strings");
                }
            }
            for (int i = 0; i < kv.length; i += 2) {
                Dicts.set(dict(ns), kv[i], kv[i + 1]);
            }
        } finally {
            for (long r : kv) {
                Native.decref(r);
            }
        }
    }

    /** What marks a SimpleNamespace in the object heap's side table: its repr (the attributes are in its dict). */
    private enum NamespaceState implements StandInTypes.Behaviour {
        INSTANCE;

        /** == and != compare the dicts when both are namespaces; NotImplemented otherwise. */
        @Override
        public long compare(long self, long other, int op) {
            long type = simpleNamespace();
            if ((op != Protocols.EQ && op != Protocols.NE) || !Types.isInstance(self, type)
                    || !Types.isInstance(other, type)) {
                return Heap.newRef(Singletons.NOTIMPLEMENTED);
            }
            return dev.ftcheck.runtime.capi.ObjectApi.PyObject_RichCompare(dict(self), dict(other), op);
        }

        @Override
        public String repr(long self) {
            long type = Heap.type(self);
            String name = type == namespaceType ? "namespace" : Types.of(type).name();
            if (Repr.enter(self)) {
                return name + "(...)";
            }
            try {
                StringBuilder b = new StringBuilder(name).append('(');
                long[] kv = Dicts.items(dict(self));
                try {
                    for (int i = 0; i < kv.length; i += 2) {
                        if (i > 0) {
                            b.append(", ");
                        }
                        b.append(Strs.value(kv[i])).append('=').append(Repr.repr(kv[i + 1]));
                    }
                } finally {
                    for (long r : kv) {
                        Native.decref(r);
                    }
                }
                return b.append(')').toString();
            } finally {
                Repr.leave(self);
            }
        }
    }

}
