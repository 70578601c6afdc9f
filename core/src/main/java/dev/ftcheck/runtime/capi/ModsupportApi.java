package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;

/**
 * modsupport.h: creating extension modules from a PyModuleDef and adding objects, constants, types and
 * functions to them.
 */
public final class ModsupportApi {
    private ModsupportApi() {}

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
        StateApi.BY_DEF.put(def, m);
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
}
