package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Codes;

/** code.h: code objects (never executed: the runtime has no bytecode interpreter), their accessors and watchers. */
public final class CodeApi {
    private CodeApi() {}

    @CApi
    public static long PyUnstable_Code_New(int argcount, int kwonly, int nlocals, int stacksize, int flags,
            long code, long consts, long names, long varnames, long freevars, long cellvars, long filename,
            long name, long qualname, int firstlineno, long linetable, long exceptiontable) {
        return Codes.create(argcount, 0, kwonly, nlocals, stacksize, flags, code, consts, names, varnames,
                freevars, cellvars, filename, name, qualname, firstlineno, linetable, exceptiontable);
    }

    @CApi
    public static long PyUnstable_Code_NewWithPosOnlyArgs(int argcount, int posonly, int kwonly, int nlocals,
            int stacksize, int flags, long code, long consts, long names, long varnames, long freevars,
            long cellvars, long filename, long name, long qualname, int firstlineno, long linetable,
            long exceptiontable) {
        return Codes.create(argcount, posonly, kwonly, nlocals, stacksize, flags, code, consts, names, varnames,
                freevars, cellvars, filename, name, qualname, firstlineno, linetable, exceptiontable);
    }

    /** The pre-3.13 spelling, kept by the headers for old code. */
    @CApi
    public static long PyCode_New(int argcount, int kwonly, int nlocals, int stacksize, int flags, long code,
            long consts, long names, long varnames, long freevars, long cellvars, long filename, long name,
            long qualname, int firstlineno, long linetable, long exceptiontable) {
        return PyUnstable_Code_New(argcount, kwonly, nlocals, stacksize, flags, code, consts, names, varnames,
                freevars, cellvars, filename, name, qualname, firstlineno, linetable, exceptiontable);
    }

    @CApi
    public static long PyCode_NewWithPosOnlyArgs(int argcount, int posonly, int kwonly, int nlocals, int stacksize,
            int flags, long code, long consts, long names, long varnames, long freevars, long cellvars,
            long filename, long name, long qualname, int firstlineno, long linetable, long exceptiontable) {
        return Codes.create(argcount, posonly, kwonly, nlocals, stacksize, flags, code, consts, names, varnames,
                freevars, cellvars, filename, name, qualname, firstlineno, linetable, exceptiontable);
    }

    @CApi
    public static long PyCode_NewEmpty(long filename, long funcname, int firstlineno) {
        long name = UnicodeApi.PyUnicode_FromString(funcname);
        long file = 0;
        try {
            file = UnicodeApi.PyUnicode_DecodeFSDefault(filename);   // as CPython: surrogateescape for bad bytes
            return Codes.newEmpty(file, name, firstlineno);
        } finally {
            Native.decref(name);
            Native.xdecref(file);
        }
    }

    @CApi
    public static int PyCode_Addr2Line(long co, int addr) {
        return Codes.addr2line(co, addr);
    }

    @CApi
    public static int PyCode_Addr2Location(long co, int addr, long startLine, long startCol, long endLine,
            long endCol) {
        int[] loc = Codes.addr2location(co, addr);
        Mem.putInt(startLine, loc[0]);
        Mem.putInt(startCol, loc[1]);
        Mem.putInt(endLine, loc[2]);
        Mem.putInt(endCol, loc[3]);
        return 1;
    }

    @CApi
    public static long PyCode_GetCode(long co) {
        return Codes.code(co);
    }

    @CApi
    public static long PyCode_GetVarnames(long co) {
        return Codes.namesOfKind(co, 0x20);
    }

    @CApi
    public static long PyCode_GetCellvars(long co) {
        return Codes.namesOfKind(co, 0x40);
    }

    @CApi
    public static long PyCode_GetFreevars(long co) {
        return Codes.namesOfKind(co, 0x80);
    }

    @CApi
    public static long PyCode_GetNumFree(long co) {
        return Mem.getInt(co + Codes.CO_NFREEVARS);
    }

    @CApi
    public static int PyUnstable_Code_GetFirstFree(long co) {
        return Mem.getInt(co + Codes.CO_NLOCALSPLUS) - Mem.getInt(co + Codes.CO_NFREEVARS);
    }

    @CApi
    public static int PyCode_GetFirstFree(long co) {
        return PyUnstable_Code_GetFirstFree(co);
    }

    @CApi
    public static int PyCode_AddWatcher(long callback) {
        return Codes.addWatcher(callback);
    }

    @CApi
    public static int PyCode_ClearWatcher(int id) {
        Codes.clearWatcher(id);
        return 0;
    }

    @CApi
    public static int PyUnstable_Code_GetExtra(long code, long index, long extra) {
        Mem.putLong(extra, Codes.getExtra(Codes.check(code), index));
        return 0;
    }

    @CApi
    public static int PyUnstable_Code_SetExtra(long code, long index, long extra) {
        Codes.setExtra(Codes.check(code), index, extra);
        return 0;
    }

    /** Since 3.11 CPython's PyCode_Optimize leaves the code alone and returns it. */
    @CApi
    public static long PyCode_Optimize(long code, long consts, long names, long lnotab) {
        Native.incref(code);
        return code;
    }
}
