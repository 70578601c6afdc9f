package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;

/** moduleobject.h: module objects, module definitions and the GIL declaration of single-phase modules. */
public final class ModuleApi {
    private ModuleApi() {}

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
