package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.checked.BorrowedResults;
import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.Importer;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
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
        return BorrowedResults.noted(m, BorrowedResults.Api.IMPORT_ADD_MODULE);
    }

    /** Imports go through the active runtime's {@link Importer}: sys.modules, stand-ins, stubs, sys.path. */
    @CApi
    public static long PyImport_ImportModule(long name) {
        return FtRuntime.active().importer().importModule(Mem.cString(name));
    }

    @CApi
    public static long PyImport_ImportModuleNoBlock(long name) {
        return PyImport_ImportModule(name);
    }

    @CApi
    public static long PyImport_Import(long name) {
        if (!Strs.isStr(name)) {
            throw PyRaise.typeError("module name must be a string");
        }
        return FtRuntime.active().importer().importModule(Strs.value(name));
    }

    @CApi
    public static long PyImport_ImportModuleLevel(long name, long globals, long locals, long fromlist, int level) {
        long n = Strs.fromUtf8(Mem.bytes(name, Mem.strlen(name)));
        try {
            return PyImport_ImportModuleLevelObject(n, globals, locals, fromlist, level);
        } finally {
            Native.decref(n);
        }
    }

    /**
     * __import__(name, globals, locals, fromlist, level): the top-level package for "a.b" without a fromlist,
     * else the module itself after importing each fromlist name it lacks as a submodule (if it is a package).
     */
    @CApi
    public static long PyImport_ImportModuleLevelObject(long name, long globals, long locals, long fromlist,
            int level) {
        if (name == 0 || !Strs.isStr(name)) {
            throw PyRaise.typeError("module name must be a string");
        }
        if (level < 0) {
            throw PyRaise.valueError("level must be >= 0");
        }
        String relative = Strs.value(name);
        String absolute = level > 0 ? Importer.resolveRelative(relative, globals, level) : relative;
        if (absolute.isEmpty()) {
            throw PyRaise.valueError("Empty module name");
        }
        Importer importer = FtRuntime.active().importer();
        long module = importer.importModule(absolute);
        boolean noFromlist = fromlist == 0 || fromlist == Singletons.NONE || ObjectApi.PyObject_IsTrue(fromlist) == 0;
        if (noFromlist) {
            if (relative.isEmpty()) {
                return module;
            }
            String front = relative.contains(".") ? relative.substring(0, relative.indexOf('.')) : relative;
            String top = level == 0 ? front
                    : absolute.substring(0, absolute.length() - (relative.length() - front.length()));
            if (top.equals(absolute)) {
                return module;
            }
            Native.decref(module);
            return importer.importModule(top);
        }
        importer.importFromlist(module, absolute, fromlist);
        return module;
    }

    @CApi
    public static long PyImport_GetModule(long name) {
        return Dicts.getRef(PyImport_GetModuleDict(), name);
    }

    /** 3.14: getattr(__import__(mod_name), attr_name), the module imported as PyImport_Import does. */
    @CApi
    public static long PyImport_ImportModuleAttr(long modName, long attrName) {
        long mod = PyImport_Import(modName);
        try {
            return ObjectApi.PyObject_GetAttr(mod, attrName);
        } finally {
            Native.decref(mod);
        }
    }

    @CApi
    public static long PyImport_ImportModuleAttrString(long modName, long attrName) {
        long m = UnicodeApi.PyUnicode_FromString(modName);
        try {
            long a = UnicodeApi.PyUnicode_FromString(attrName);
            try {
                return PyImport_ImportModuleAttr(m, a);
            } finally {
                Native.decref(a);
            }
        } finally {
            Native.decref(m);
        }
    }
}
