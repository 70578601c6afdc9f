package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;

/** import.h: sys.modules and importing from C. */
public final class ImportApi {
    private static volatile long sysModules;

    private ImportApi() {}

    /** The runtime's sys.modules: a real dict (borrowed reference, lives for the process). */
    @CApi
    public static long PyImport_GetModuleDict() {
        long d = sysModules;
        if (d == 0) {
            synchronized (ModuleApi.class) {
                d = sysModules;
                if (d == 0) {
                    d = Dicts.create("the runtime (sys.modules)");
                    sysModules = d;
                }
            }
        }
        return d;
    }

    @CApi
    public static long PyImport_AddModuleRef(long name) {
        long modules = PyImport_GetModuleDict();
        long key = Strs.fromUtf8(Mem.bytes(name, Mem.strlen(name)));
        try {
            synchronized (ModuleApi.class) {
                long m = Dicts.getRef(modules, key);
                if (m != 0) {
                    return m;
                }
                m = Modules.create(Strs.value(key));
                Dicts.set(modules, key, m);
                return m;
            }
        } finally {
            Native.decref(key);
        }
    }

    @CApi
    public static long PyImport_AddModule(long name) {
        long m = PyImport_AddModuleRef(name);
        Native.decref(m); // borrowed: sys.modules keeps it
        return m;
    }

    /** Imports find modules already in sys.modules and the runtime's stand-in modules: there is no Python importer. */
    @CApi
    public static long PyImport_ImportModule(long name) {
        long key = Strs.fromUtf8(Mem.bytes(name, Mem.strlen(name)));
        try {
            return PyImport_Import(key);
        } finally {
            Native.decref(key);
        }
    }

    @CApi
    public static long PyImport_Import(long name) {
        long m = Dicts.getRef(PyImport_GetModuleDict(), name);
        if (m != 0) {
            return m;
        }
        m = Strs.isStr(name) ? dev.ftcheck.runtime.stdlib.StandInModules.load(Strs.value(name)) : 0;
        if (m != 0) {
            return m;
        }
        throw new PyRaise(Exceptions.byName("ModuleNotFoundError"), "No module named " + dev.ftcheck.runtime.obj.Repr.repr(name)
                + " (the ftcheck runtime has no Python importer; only extension modules it loaded are importable)");
    }

    @CApi
    public static long PyImport_GetModule(long name) {
        return Dicts.getRef(PyImport_GetModuleDict(), name);
    }
}
