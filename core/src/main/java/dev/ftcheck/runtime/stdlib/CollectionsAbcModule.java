package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.ImportApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code collections.abc}: the abstract classes of CPython 3.13's _collections_abc, each with metaclass ABCMeta,
 * its bases, __abstractmethods__ and (for the one-trick classes) __subclasshook__, and the built-in types
 * registered as the stdlib registers them. The mixin methods (Mapping.get, Sequence.index, Set.__and__, ...) are
 * not provided: registering a class never gives it methods, and the runtime cannot subclass these from Python.
 * {@code collections} itself is a package holding its {@code abc} submodule and {@code deque} ({@link DequeType}).
 */
final class CollectionsAbcModule {
    private CollectionsAbcModule() {}

    /** collections: a package with abc and deque; collections.abc is entered in sys.modules too. */
    static long createPackage() {
        long m = Modules.create("collections");
        long path = Lists.create(0);
        Modules.setAttr(m, "__path__", path);
        Native.decref(path);
        long pkg = Strs.fromJava("collections");
        Modules.setAttr(m, "__package__", pkg);
        Native.decref(pkg);
        long abc = create();
        long key = Strs.fromJava("collections.abc");
        Dicts.set(ImportApi.PyImport_GetModuleDict(), key, abc);
        Native.decref(key);
        Modules.setAttr(m, "abc", abc);
        Native.decref(abc);
        long deque = DequeType.create();
        Modules.setAttr(m, "deque", deque);
        Native.decref(deque);
        return m;
    }

    private static long create() {
        long m = Modules.create("collections.abc");
        long pkg = Strs.fromJava("collections");
        Modules.setAttr(m, "__package__", pkg);
        Native.decref(pkg);
        Map<String, Long> made = new HashMap<>();
        Def[] defs = {
            new Def("Hashable", new String[0], new String[] {"__hash__"}, "__hash__"),
            new Def("Awaitable", new String[0], new String[] {"__await__"}, "__await__"),
            new Def("Coroutine", new String[] {"Awaitable"}, new String[] {"__await__", "send", "throw"},
                    "__await__", "send", "throw", "close"),
            new Def("AsyncIterable", new String[0], new String[] {"__aiter__"}, "__aiter__"),
            new Def("AsyncIterator", new String[] {"AsyncIterable"}, new String[] {"__anext__"},
                    "__anext__", "__aiter__"),
            new Def("AsyncGenerator", new String[] {"AsyncIterator"}, new String[] {"asend", "athrow"},
                    "__aiter__", "__anext__", "asend", "athrow", "aclose"),
            new Def("Iterable", new String[0], new String[] {"__iter__"}, "__iter__"),
            new Def("Iterator", new String[] {"Iterable"}, new String[] {"__next__"}, "__iter__", "__next__"),
            new Def("Reversible", new String[] {"Iterable"}, new String[] {"__iter__", "__reversed__"},
                    "__reversed__", "__iter__"),
            new Def("Generator", new String[] {"Iterator"}, new String[] {"send", "throw"},
                    "__iter__", "__next__", "send", "throw", "close"),
            new Def("Sized", new String[0], new String[] {"__len__"}, "__len__"),
            new Def("Container", new String[0], new String[] {"__contains__"}, "__contains__"),
            new Def("Collection", new String[] {"Sized", "Iterable", "Container"},
                    new String[] {"__contains__", "__iter__", "__len__"}, "__len__", "__iter__", "__contains__"),
            new Def("Buffer", new String[0], new String[] {"__buffer__"}, "__buffer__"),
            new Def("Callable", new String[0], new String[] {"__call__"}, "__call__"),
            new Def("Set", new String[] {"Collection"}, new String[] {"__contains__", "__iter__", "__len__"}),
            new Def("MutableSet", new String[] {"Set"},
                    new String[] {"__contains__", "__iter__", "__len__", "add", "discard"}),
            new Def("Mapping", new String[] {"Collection"}, new String[] {"__getitem__", "__iter__", "__len__"}),
            new Def("MappingView", new String[] {"Sized"}, new String[0]),
            new Def("KeysView", new String[] {"MappingView", "Set"}, new String[0]),
            new Def("ItemsView", new String[] {"MappingView", "Set"}, new String[0]),
            new Def("ValuesView", new String[] {"MappingView", "Collection"}, new String[0]),
            new Def("MutableMapping", new String[] {"Mapping"},
                    new String[] {"__delitem__", "__getitem__", "__iter__", "__len__", "__setitem__"}),
            new Def("Sequence", new String[] {"Reversible", "Collection"}, new String[] {"__getitem__", "__len__"}),
            new Def("ByteString", new String[] {"Sequence"}, new String[] {"__getitem__", "__len__"}),
            new Def("MutableSequence", new String[] {"Sequence"},
                    new String[] {"__delitem__", "__getitem__", "__len__", "__setitem__", "insert"}),
        };
        for (Def d : defs) {
            long[] bases = new long[d.bases.length];
            for (int i = 0; i < bases.length; i++) {
                bases[i] = made.get(d.bases[i]);
            }
            long flags = d.name.equals("Sequence") ? AbcModule.TPF_SEQUENCE
                    : d.name.equals("Mapping") ? AbcModule.TPF_MAPPING : 0;
            long cls = AbcModule.newAbc("collections.abc", d.name, bases, d.abstracts,
                    d.hook.length > 0 ? d.hook : null, flags);
            made.put(d.name, cls);
            Modules.setAttr(m, d.name, cls);
        }
        for (String eqWithoutHash : new String[] {"Set", "Mapping"}) {
            Types.of(made.get(eqWithoutHash)).put("__hash__", Heap.newRef(Singletons.NONE));
        }
        AbcModule.registerBuiltins(made.get("Set"), "frozenset");
        AbcModule.registerBuiltins(made.get("MutableSet"), "set");
        AbcModule.registerBuiltins(made.get("Mapping"), "mappingproxy", "FrameLocalsProxy");
        AbcModule.registerBuiltins(made.get("MutableMapping"), "dict");
        AbcModule.registerBuiltins(made.get("KeysView"), "dict_keys");
        AbcModule.registerBuiltins(made.get("ItemsView"), "dict_items");
        AbcModule.registerBuiltins(made.get("ValuesView"), "dict_values");
        AbcModule.registerBuiltins(made.get("Sequence"), "tuple", "str", "range", "memoryview");
        AbcModule.registerBuiltins(made.get("ByteString"), "bytes", "bytearray");
        AbcModule.registerBuiltins(made.get("MutableSequence"), "list", "bytearray");
        AbcModule.registerBuiltins(made.get("Generator"), "generator");
        AbcModule.registerBuiltins(made.get("Coroutine"), "coroutine");
        AbcModule.registerBuiltins(made.get("AsyncGenerator"), "async_generator");
        return m;
    }

    /** One abstract class: its bases (by name, made before it), abstract methods and hook methods. */
    private record Def(String name, String[] bases, String[] abstracts, String... hook) {}
}
