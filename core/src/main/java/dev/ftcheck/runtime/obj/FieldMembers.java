package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import java.lang.foreign.Arena;

/**
 * Read-only attributes of the code, frame, traceback, function and method objects whose CPython attribute is a
 * plain field: member descriptors over that field, installed in the built-in types' dictionaries on first use.
 * Computed ones use the C-API function that computes them as their getter (co_varnames, f_code, ...) or a small
 * C getter of the bridge (bridge_traceback.c: tb_lineno, tb_lasti, f_lineno, f_lasti); others (__annotations__, ...)
 * are missing.
 */
final class FieldMembers {
    private FieldMembers() {}

    private static final int T_INT = 1, T_OBJECT = 6, READONLY = 1;
    private static final long MEMBERDEF_SIZE = 40;
    private static volatile boolean installed;

    static void ensure() {
        if (installed) {
            return;
        }
        synchronized (FieldMembers.class) {
            if (installed) {
                return;
            }
            ints(Types.CODE, "co_argcount", Codes.CO_ARGCOUNT, "co_posonlyargcount", Codes.CO_POSONLYARGCOUNT,
                    "co_kwonlyargcount", Codes.CO_KWONLYARGCOUNT, "co_stacksize", Codes.CO_STACKSIZE,
                    "co_flags", Codes.CO_FLAGS, "co_nlocals", Codes.CO_NLOCALS, "co_firstlineno", Codes.CO_FIRSTLINENO);
            objects(Types.CODE, "co_consts", Codes.CO_CONSTS, "co_names", Codes.CO_NAMES, "co_filename",
                    Codes.CO_FILENAME, "co_name", Codes.CO_NAME, "co_qualname", Codes.CO_QUALNAME, "co_linetable",
                    Codes.CO_LINETABLE, "co_exceptiontable", Codes.CO_EXCEPTIONTABLE);
            objects(Types.TRACEBACK, "tb_next", Frames.TB_NEXT, "tb_frame", Frames.TB_FRAME);
            objects(Types.FRAME, "f_back", Frames.F_BACK);
            objects(Types.FUNCTION, "__code__", Funcs.FUNC_CODE, "__globals__", Funcs.FUNC_GLOBALS, "__name__",
                    Funcs.FUNC_NAME, "__qualname__", Funcs.FUNC_QUALNAME, "__defaults__", Funcs.FUNC_DEFAULTS,
                    "__kwdefaults__", Funcs.FUNC_KWDEFAULTS, "__closure__", Funcs.FUNC_CLOSURE, "__doc__",
                    Funcs.FUNC_DOC, "__module__", Funcs.FUNC_MODULE);
            objects(Types.METHOD, "__func__", Funcs.IM_FUNC, "__self__", Funcs.IM_SELF);
            objects(Types.INSTANCEMETHOD, "__func__", Funcs.IMETHOD_FUNC);
            for (long t : new long[] {Types.CLASSMETHOD, Types.STATICMETHOD}) {
                objects(t, "__func__", Funcs.WRAPPED_CALLABLE, "__wrapped__", Funcs.WRAPPED_CALLABLE);
            }
            // Computed attributes whose C-API function has the getter's shape (object in, new reference out):
            // the exported function itself serves as the getset getter (the closure argument goes unused).
            getters(Types.CODE, "co_code", "PyCode_GetCode", "co_varnames", "PyCode_GetVarnames", "co_cellvars",
                    "PyCode_GetCellvars", "co_freevars", "PyCode_GetFreevars");
            getters(Types.FRAME, "f_code", "PyFrame_GetCode", "f_globals", "PyFrame_GetGlobals", "f_builtins",
                    "PyFrame_GetBuiltins", "f_locals", "PyFrame_GetLocals", "f_lineno", "ftb_frame_lineno_get",
                    "f_lasti", "ftb_frame_lasti_get");
            getters(Types.TRACEBACK, "tb_lineno", "ftb_tb_lineno_get", "tb_lasti", "ftb_tb_lasti_get");
            installed = true;
        }
    }

    private static final long GETSETDEF_SIZE = 40;

    private static void getters(long type, String... nameFunctions) {
        PyType t = Types.of(type);
        for (int i = 0; i < nameFunctions.length; i += 2) {
            long gd = Arena.global().allocate(GETSETDEF_SIZE, 8).address();
            Mem.putLong(gd, Arena.global().allocateFrom(nameFunctions[i]).address());
            Mem.putLong(gd + 8, Bridge.get().require(nameFunctions[i + 1]));
            long d = Descriptors.create(Types.GETSET_DESCR, type, gd);
            Heap.immortalizeAllocated(d);
            t.dict.put(nameFunctions[i], d);
        }
    }

    private static void ints(long type, Object... nameOffsets) {
        add(type, T_INT, nameOffsets);
    }

    private static void objects(long type, Object... nameOffsets) {
        add(type, T_OBJECT, nameOffsets);
    }

    private static void add(long type, int kind, Object[] nameOffsets) {
        PyType t = Types.of(type);
        for (int i = 0; i < nameOffsets.length; i += 2) {
            String name = (String) nameOffsets[i];
            long md = Arena.global().allocate(MEMBERDEF_SIZE, 8).address();
            Mem.putLong(md, Arena.global().allocateFrom(name).address());
            Mem.putInt(md + 8, kind);
            Mem.putLong(md + 16, (Long) nameOffsets[i + 1]);
            Mem.putInt(md + 24, READONLY);
            long d = Descriptors.create(Types.MEMBER_DESCR, type, md);
            Heap.immortalizeAllocated(d);
            t.dict.put(name, d);
        }
    }
}
