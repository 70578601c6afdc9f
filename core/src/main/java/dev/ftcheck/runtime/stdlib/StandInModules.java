package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.ImportApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Modules the runtime provides in Java, in place of CPython's built-in and standard-library modules: each is
 * made on its first import and then kept in sys.modules, as CPython keeps a module once imported.
 */
public final class StandInModules {
    private static final Map<String, LongSupplier> FACTORIES = Map.ofEntries(
            Map.entry("abc", AbcModule::create),
            Map.entry("atexit", AtexitModule::create),
            Map.entry("builtins", BuiltinsModule::create),
            Map.entry("collections", CollectionsAbcModule::createPackage),
            Map.entry("contextvars", () -> ContextvarsModule.create("contextvars")),
            Map.entry("_contextvars", () -> ContextvarsModule.create("_contextvars")),
            Map.entry("copy", CopyModule::create),
            Map.entry("copyreg", CopyregModule::create),
            Map.entry("datetime", DatetimeModule::create),
            Map.entry("decimal", DecimalModule::create),
            Map.entry("enum", EnumModule::create),
            Map.entry("functools", FunctoolsModule::create),
            Map.entry("heapq", HeapqModule::create),
            Map.entry("io", IoModule::create),
            Map.entry("itertools", ItertoolsModule::create),
            Map.entry("math", MathModule::create),
            Map.entry("numbers", NumbersModule::create),
            Map.entry("operator", OperatorModule::create),
            Map.entry("os", OsModule::create),
            Map.entry("struct", StructModule::create),
            Map.entry("sys", SysModule::create),
            Map.entry("threading", ThreadingModule::create),
            Map.entry("time", TimeModule::create),
            Map.entry("types", TypesModule::create),
            Map.entry("uuid", UuidModule::create),
            Map.entry("warnings", WarningsModule::create),
            Map.entry("weakref", WeakrefModule::create));

    /** Java modules the user supplies ({@link StandInModule}); the runtime's own names keep their stand-ins. */
    private static final Map<String, StandInModule> SUPPLIED = new ConcurrentHashMap<>();

    private StandInModules() {}

    /** Makes modules importable; a later module of the same name replaces an earlier one. */
    public static void supply(Iterable<StandInModule> modules) {
        for (StandInModule m : modules) {
            SUPPLIED.put(m.name(), m);
        }
    }

    /** The names of the modules provided here. */
    public static java.util.Set<String> names() {
        return FACTORIES.keySet();
    }

    /** New reference to the module, made and entered in sys.modules on first use; 0 if no stand-in exists. */
    public static long load(String name) {
        LongSupplier factory = FACTORIES.get(name);
        if (factory == null) {
            StandInModule supplied = SUPPLIED.get(name);
            if (supplied == null) {
                return 0;
            }
            factory = supplied::create;
        }
        long modules = ImportApi.PyImport_GetModuleDict();
        long key = Strs.fromJava(name);
        try {
            synchronized (StandInModules.class) {
                long m = Dicts.getRef(modules, key);
                if (m == 0) {
                    m = factory.getAsLong();
                    Dicts.set(modules, key, m);
                }
                return m;
            }
        } finally {
            Native.decref(key);
        }
    }

    /** New reference to module.attr of a stand-in module; AttributeError as CPython's when missing. */
    public static long attr(String module, String attr) {
        long m = load(module);
        try {
            long v = Modules.getAttr(m, attr);
            if (v == 0) {
                throw new PyRaise(dev.ftcheck.runtime.obj.Exceptions.AttributeError,
                        "module '" + module + "' has no attribute '" + attr + "'");
            }
            return v;
        } finally {
            Native.decref(m);
        }
    }
}
