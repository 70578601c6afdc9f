package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.nat.Bridge;

/** Module objects, module definitions and the GIL declaration of single-phase modules. */
public final class ModuleApi {
    /** Single-phase modules by definition (PyState_FindModule) and the runtime's sys.modules. */
    private static final java.util.concurrent.ConcurrentHashMap<Long, Long> BY_DEF = new java.util.concurrent.ConcurrentHashMap<>();
    private static volatile long sysModules;

    private ModuleApi() {}

    @CApi
    public static long PyModule_Create2(long def, int apiver) {
        String name = Mem.cString(Mem.getLong(def + MD_NAME));
        long m = Modules.create(name);
        try {
            Modules.attachDef(m, def);
        } catch (RuntimeException e) {
            Native.decref(m);
            throw e;
        }
        BY_DEF.put(def, m);
        return m;
    }

    @CApi
    public static long PyModule_FromDefAndSpec2(long def, long spec, int apiver) {
        long nameObj = Attributes.get(spec, Strs.intern("name"));
        try {
            long m = Modules.create(Strs.check(nameObj, "module name"));
            Modules.attachDef(m, def);
            return m;
        } finally {
            Native.decref(nameObj);
        }
    }

    @CApi
    public static long PyModuleDef_Init(long def) {
        long defType = Bridge.get().require("PyModuleDef_Type");
        if (Mem.getLong(def + OB_TYPE) != defType) {
            Heap.immortalize(def);
            Mem.putLong(def + OB_TYPE, defType);
        }
        return def;
    }

    @CApi
    public static int PyUnstable_Module_SetGIL(long module, long gil) {
        if (module == 0 || !Modules.isModule(module)) {
            throw PyRaise.badInternalCall();
        }
        Mem.putLong(module + Modules.MD_GIL, gil == 1 ? 1 : 2);
        return 0;
    }

    @CApi
    public static long PyModule_New(long name) {
        return Modules.create(Mem.cString(name));
    }

    @CApi
    public static long PyModule_NewObject(long name) {
        return Modules.create(Strs.check(name, "module name"));
    }

    @CApi
    public static long PyModule_GetDict(long m) {
        return Modules.dict(Modules.check(m));
    }

    @CApi
    public static long PyModule_GetNameObject(long m) {
        return Heap.newRef(Mem.getLong(Modules.check(m) + Modules.MD_NAME));
    }

    @CApi
    public static long PyModule_GetName(long m) {
        return Strs.utf8(Mem.getLong(Modules.check(m) + Modules.MD_NAME));
    }

    @CApi
    public static long PyModule_GetDef(long m) {
        return Modules.def(Modules.check(m));
    }

    @CApi
    public static long PyModule_GetState(long m) {
        return Modules.state(Modules.check(m));
    }

    @CApi
    public static int PyModule_AddObjectRef(long m, long name, long value) {
        Modules.check(m);
        if (value == 0) {
            throw PyRaise.systemError("PyModule_AddObjectRef() %s: value must not be NULL", Mem.cString(name));
        }
        Modules.setAttr(m, Mem.cString(name), value);
        return 0;
    }

    @CApi
    public static int PyModule_Add(long m, long name, long value) {
        try {
            return PyModule_AddObjectRef(m, name, value);
        } finally {
            Native.xdecref(value);
        }
    }

    @CApi
    public static int PyModule_AddObject(long m, long name, long value) {
        PyModule_AddObjectRef(m, name, value);
        Native.decref(value); // steals only on success
        return 0;
    }

    @CApi
    public static int PyModule_AddIntConstant(long m, long name, long value) {
        return PyModule_Add(m, name, Ints.fromLong(value));
    }

    @CApi
    public static int PyModule_AddStringConstant(long m, long name, long value) {
        return PyModule_Add(m, name, Strs.fromJava(Mem.cString(value)));
    }

    @CApi
    public static int PyModule_AddType(long m, long type) {
        Types.of(type);
        String name = Types.get(type).name();
        Modules.setAttr(Modules.check(m), name, type);
        return 0;
    }

    @CApi
    public static int PyModule_AddFunctions(long m, long functions) {
        Modules.addFunctions(Modules.check(m), functions);
        return 0;
    }

    @CApi
    public static int PyModule_SetDocString(long m, long doc) {
        long d = Strs.fromJava(Mem.cString(doc));
        try {
            Modules.setAttr(Modules.check(m), "__doc__", d);
        } finally {
            Native.decref(d);
        }
        return 0;
    }

    @CApi
    public static long PyState_FindModule(long def) {
        Long m = BY_DEF.get(def);
        return m == null ? 0 : m;
    }

    @CApi
    public static int PyState_AddModule(long module, long def) {
        BY_DEF.put(def, Modules.check(module));
        return 0;
    }

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

    @CApi
    public static int Py_IsInitialized() {
        return 1;
    }

    @CApi
    public static int Py_IsFinalizing() {
        return 0;
    }

    @CApi
    public static long PyModule_GetFilenameObject(long m) {
        if (!Modules.isModule(m)) {
            throw PyRaise.typeError("bad argument type for built-in operation");
        }
        long file = Dicts.getRef(Modules.dict(m), Strs.intern("__file__"));
        if (file == 0 || !Strs.isStr(file)) {
            if (file != 0) {
                Native.decref(file);
            }
            throw PyRaise.systemError("module filename missing");
        }
        return file;
    }

    @CApi
    public static long PyModule_GetFilename(long m) {
        long file = PyModule_GetFilenameObject(m);
        Native.decref(file); // the module's dict keeps it alive, as in CPython
        return Strs.utf8(file);
    }
}
