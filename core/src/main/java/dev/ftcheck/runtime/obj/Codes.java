package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.abi.ProcessAbi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Code objects with the public {@code PyCodeObject} layout of the process's ABI: the fields extensions read directly
 * (co_filename, co_name, co_firstlineno, ...) are real, the bytecode is stored in co_code_adaptive as given, and
 * the 3.11+ line table is decoded for the line and location queries. Nothing ever executes the bytecode.
 */
public final class Codes {
    private Codes() {}

    public static final long CO_CONSTS = 40, CO_NAMES = 48, CO_EXCEPTIONTABLE = 56, CO_FLAGS = 64,
            CO_ARGCOUNT = 68, CO_POSONLYARGCOUNT = 72, CO_KWONLYARGCOUNT = 76, CO_STACKSIZE = 80,
            CO_FIRSTLINENO = 84, CO_NLOCALSPLUS = 88, CO_FRAMESIZE = 92, CO_NLOCALS = 96, CO_NCELLVARS = 100,
            CO_NFREEVARS = 104, CO_VERSION = 108, CO_LOCALSPLUSNAMES = 112, CO_LOCALSPLUSKINDS = 120,
            CO_FILENAME = 128, CO_NAME = 136, CO_QUALNAME = 144, CO_LINETABLE = 152;
    private static final boolean V314 = ProcessAbi.is314();
    /** 3.14 adds _co_unique_id at 200 and co_tlbc at 224, which move the rest. */
    public static final long CO_FIRSTTRACEABLE = V314 ? 208 : 200, CO_EXTRA = V314 ? 216 : 208,
            CO_CODE_ADAPTIVE = V314 ? 232 : 216;

    static final int CO_FAST_LOCAL = 0x20, CO_FAST_CELL = 0x40, CO_FAST_FREE = 0x80;
    private static final int CO_VARARGS = 0x4, CO_VARKEYWORDS = 0x8;
    /** Words of an interpreter frame before its locals, (sizeof(_PyInterpreterFrame) - 1) / 8: 9 (3.13t), 10 (3.14t). */
    private static final int FRAME_SPECIALS_SIZE = V314 ? 10 : 9;
    static final int RESUME = 149;

    /*
     * What PyCode_GetCode makes of each opcode, measured on CPython 3.13.15t by building code objects with every
     * opcode byte and reading co_code back: the base opcode a specialised or instrumented one stands for (unknown
     * opcodes read back as 0), and how many inline cache units after it read back as zero.
     */
    private static final byte[] DEOPT = HexFormat.of().parseHex(
            "0001022d0405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f"
            + "303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
            + "606162636465666768696a6b6c6d6e6f7071727374757600000000000000000000000000000000000000000000000000"
            + "0000000000952d2d2d2d2d2d2d050505050535353535353535353535353535353535353535353a3a3a3b3b4848484852"
            + "52525252525252525252525b5b5d5d95686c6c6c272728282828282875757500000000000000000000000000950b0c24"
            + "67765d48353936f74f4d64616263fe00");
    private static final String CACHES = "00010100000000000000000000000000000000013000010000000300001100000000"
            + "00001000010000900000000401000111100010004000000001000000000000000000000000000000001111111111113333"
            + "33333333333333333311111111199999999999944110144411333333111000000000000000000011300001111100";

    private static final AtomicInteger VERSION = new AtomicInteger(1);

    public static boolean isCode(long o) {
        return o != 0 && Heap.type(o) == Types.CODE;
    }

    /** The code object or SystemError (PyErr_BadInternalCall), as CPython's accessors check. */
    public static long check(long o) {
        if (!isCode(o)) {
            throw PyRaise.badInternalCall();
        }
        return o;
    }

    /** PyUnstable_Code_NewWithPosOnlyArgs: CPython's argument checks, then a new code object. */
    public static long create(int argcount, int posonly, int kwonly, int nlocals, int stacksize, int flags,
            long code, long consts, long names, long varnames, long freevars, long cellvars, long filename,
            long name, long qualname, int firstlineno, long linetable, long exceptiontable) {
        if (varnames == 0 || !Tuples.isTuple(varnames) || freevars == 0 || !Tuples.isTuple(freevars)
                || cellvars == 0 || !Tuples.isTuple(cellvars)) {
            throw PyRaise.badInternalCall();
        }
        if (argcount < posonly || posonly < 0 || kwonly < 0 || stacksize < 0 || flags < 0
                || code == 0 || !Bytes.isBytes(code) || consts == 0 || !Tuples.isTuple(consts)
                || names == 0 || !Tuples.isTuple(names) || filename == 0 || !Strs.isStr(filename)
                || name == 0 || !Strs.isStr(name) || qualname == 0 || !Strs.isStr(qualname)
                || linetable == 0 || !Bytes.isBytes(linetable)
                || exceptiontable == 0 || !Bytes.isBytes(exceptiontable)) {
            throw PyRaise.badInternalCall();
        }
        FieldMembers.ensure();
        long codeLen = Heap.size(code);
        if (codeLen > Integer.MAX_VALUE) {
            throw PyRaise.overflow("code: co_code larger than INT_MAX");
        }
        if (codeLen % 2 != 0) {
            throw PyRaise.valueError("code: co_code is malformed");
        }
        // Locals, then cells that are not also locals, then free variables: CPython's localsplus order.
        int nvar = (int) Tuples.size(varnames);
        int ncell = (int) Tuples.size(cellvars);
        int nfree = (int) Tuples.size(freevars);
        long[] plusNames = new long[nvar + ncell + nfree];
        byte[] kinds = new byte[plusNames.length];
        int n = 0;
        for (int i = 0; i < nvar; i++) {
            plusNames[n] = Tuples.get(varnames, i);
            kinds[n++] = CO_FAST_LOCAL;
        }
        for (int i = 0; i < ncell; i++) {
            long cell = Tuples.get(cellvars, i);
            int at = indexOf(plusNames, nvar, cell);
            if (at >= 0) {
                kinds[at] |= (byte) CO_FAST_CELL;
            } else {
                plusNames[n] = cell;
                kinds[n++] = (byte) CO_FAST_CELL;
            }
        }
        for (int i = 0; i < nfree; i++) {
            plusNames[n] = Tuples.get(freevars, i);
            kinds[n++] = (byte) CO_FAST_FREE;
        }
        int plainLocals = nvar - argcount - kwonly - ((flags & CO_VARARGS) != 0 ? 1 : 0)
                - ((flags & CO_VARKEYWORDS) != 0 ? 1 : 0);
        if (plainLocals < 0) {
            throw PyRaise.valueError("code: co_varnames is too small");
        }
        long units = codeLen / 2;
        long co = Heap.allocVar(Types.CODE, CO_CODE_ADAPTIVE, 2, units);
        deferRefcount(co);
        Mem.copy(code + BYTES_SVAL, co + CO_CODE_ADAPTIVE, codeLen);
        long namesTuple = Tuples.create(n);
        for (int i = 0; i < n; i++) {
            Tuples.set(namesTuple, i, Heap.newRef(plusNames[i]));
        }
        byte[] kindBytes = Arrays.copyOf(kinds, n);
        Mem.putLong(co + CO_CONSTS, Heap.newRef(consts));
        Mem.putLong(co + CO_NAMES, Heap.newRef(names));
        Mem.putLong(co + CO_EXCEPTIONTABLE, Heap.newRef(exceptiontable));
        Mem.putInt(co + CO_FLAGS, flags);
        Mem.putInt(co + CO_ARGCOUNT, argcount);
        Mem.putInt(co + CO_POSONLYARGCOUNT, posonly);
        Mem.putInt(co + CO_KWONLYARGCOUNT, kwonly);
        Mem.putInt(co + CO_STACKSIZE, stacksize);
        Mem.putInt(co + CO_FIRSTLINENO, firstlineno);
        Mem.putInt(co + CO_NLOCALSPLUS, n);
        Mem.putInt(co + CO_FRAMESIZE, n + stacksize + FRAME_SPECIALS_SIZE);
        Mem.putInt(co + CO_NLOCALS, nvar);
        Mem.putInt(co + CO_NCELLVARS, ncell);
        Mem.putInt(co + CO_NFREEVARS, nfree);
        Mem.putInt(co + CO_VERSION, VERSION.getAndIncrement());
        Mem.putLong(co + CO_LOCALSPLUSNAMES, namesTuple);
        Mem.putLong(co + CO_LOCALSPLUSKINDS, Bytes.fromJava(kindBytes));
        Mem.putLong(co + CO_FILENAME, Heap.newRef(filename));
        Mem.putLong(co + CO_NAME, Heap.newRef(name));
        Mem.putLong(co + CO_QUALNAME, Heap.newRef(qualname));
        Mem.putLong(co + CO_LINETABLE, Heap.newRef(linetable));
        int entry = 0;
        while (entry < units && Byte.toUnsignedInt(Mem.getByte(co + CO_CODE_ADAPTIVE + 2L * entry)) != RESUME) {
            entry++;
        }
        Mem.putInt(co + CO_FIRSTTRACEABLE, entry);
        notify(0, co);
        return co;
    }

    private static final byte GC_BITS_DEFERRED = 64;
    private static final long REF_QUEUED = 2;

    /**
     * 3.13t gives code objects deferred reference counting: one extra local reference the owner's decrefs never
     * reach, and the shared count marked queued, so only the cycle collector frees them. ftcheck has no collector,
     * so code objects live for the rest of the process (and PY_CODE_EVENT_DESTROY never fires), as in CPython
     * until a collection runs.
     */
    static void deferRefcount(long co) {
        Mem.putByte(co + OB_GC_BITS, (byte) (Mem.getByte(co + OB_GC_BITS) | GC_BITS_DEFERRED));
        Mem.putInt(co + OB_REF_LOCAL, Mem.getInt(co + OB_REF_LOCAL) + 1);
        Mem.putLong(co + OB_REF_SHARED, REF_QUEUED);
    }

    private static int indexOf(long[] names, int count, long name) {
        String s = Strs.value(name);
        for (int i = 0; i < count; i++) {
            if (Strs.isStr(names[i]) && Strs.value(names[i]).equals(s)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code <code object NAME at 0x..., file "FILE", line N>}, CPython's repr. */
    static String repr(long co) {
        return "<code object " + Strs.value(Mem.getLong(co + CO_NAME)) + " at 0x" + Long.toHexString(co) + ", file \""
                + Strs.value(Mem.getLong(co + CO_FILENAME)) + "\", line " + Mem.getInt(co + CO_FIRSTLINENO) + ">";
    }

    /** PyCode_NewEmpty: the code CPython 3.13 builds (RESUME, LOAD_ASSERTION_ERROR, RAISE_VARARGS 1), one line. */
    public static long newEmpty(long filename, long funcname, int firstlineno) {
        long empty = Tuples.empty();
        long code = Bytes.fromJava(new byte[] {(byte) RESUME, 0, 0x17, 0, 0x65, 1});
        long table = Bytes.fromJava(new byte[] {(byte) 0xea, 0});   // no columns, 3 units, line delta 0
        long exc = Bytes.fromJava(new byte[0]);
        try {
            return create(0, 0, 0, 0, 0, 0, code, empty, empty, empty, empty, empty, filename, funcname, funcname,
                    firstlineno, table, exc);
        } finally {
            Native.decref(code);
            Native.decref(table);
            Native.decref(exc);
        }
    }

    /** co_code as PyCode_GetCode returns it: specialised opcodes mapped back and inline caches zeroed. */
    public static long code(long co) {
        int units = (int) Heap.size(co);
        byte[] out = Mem.bytes(co + CO_CODE_ADAPTIVE, 2L * units);
        for (int i = 0; i < units; i++) {
            int op = Byte.toUnsignedInt(out[2 * i]);
            out[2 * i] = DEOPT[op];
            int caches = Character.digit(CACHES.charAt(op), 16);
            for (int c = 0; c < caches && i + 1 < units; c++) {
                i++;
                out[2 * i] = 0;
                out[2 * i + 1] = 0;
            }
        }
        return Bytes.fromJava(out);
    }

    /** The localsplus names whose kind has {@code kindBit}, as a new tuple. */
    public static long namesOfKind(long co, int kindBit) {
        long names = Mem.getLong(co + CO_LOCALSPLUSNAMES);
        byte[] kinds = Bytes.value(Mem.getLong(co + CO_LOCALSPLUSKINDS));
        int count = 0;
        for (byte k : kinds) {
            if ((k & kindBit) != 0) {
                count++;
            }
        }
        long t = Tuples.create(count);
        int j = 0;
        for (int i = 0; i < kinds.length; i++) {
            if ((kinds[i] & kindBit) != 0) {
                Tuples.set(t, j++, Heap.newRef(Tuples.get(names, i)));
            }
        }
        return t;
    }

    /** One decoded line-table entry: the byte range [start, end) and its location (-1 where absent). */
    public record Entry(int start, int end, int line, int col, int endLine, int endCol) {}

    /** Decodes co_linetable (CPython 3.11+ location format) from co_firstlineno. */
    public static List<Entry> lineTable(long co) {
        byte[] t = Bytes.value(Mem.getLong(co + CO_LINETABLE));
        List<Entry> out = new ArrayList<>();
        int[] pos = {0};
        int line = Mem.getInt(co + CO_FIRSTLINENO);
        int addr = 0;
        while (pos[0] < t.length) {
            int first = Byte.toUnsignedInt(t[pos[0]++]);
            int kind = (first >> 3) & 15;
            int end = addr + 2 * ((first & 7) + 1);
            switch (kind) {
                case 15 -> out.add(new Entry(addr, end, -1, -1, -1, -1));
                case 14 -> {
                    line += svarint(t, pos);
                    int endLine = line + varint(t, pos);
                    int col = varint(t, pos) - 1;
                    int endCol = varint(t, pos) - 1;
                    out.add(new Entry(addr, end, line, col, endLine, endCol));
                }
                case 13 -> {
                    line += svarint(t, pos);
                    out.add(new Entry(addr, end, line, -1, line, -1));
                }
                case 10, 11, 12 -> {
                    line += kind - 10;
                    int col = Byte.toUnsignedInt(t[pos[0]++]);
                    int endCol = Byte.toUnsignedInt(t[pos[0]++]);
                    out.add(new Entry(addr, end, line, col, line, endCol));
                }
                default -> {
                    int second = Byte.toUnsignedInt(t[pos[0]++]);
                    int col = kind * 8 + ((second >> 4) & 7);
                    out.add(new Entry(addr, end, line, col, line, col + (second & 15)));
                }
            }
            addr = end;
        }
        return out;
    }

    private static int varint(byte[] t, int[] pos) {
        int v = 0;
        int shift = 0;
        int b;
        do {
            b = Byte.toUnsignedInt(t[pos[0]++]);
            v |= (b & 63) << shift;
            shift += 6;
        } while ((b & 64) != 0);
        return v;
    }

    private static int svarint(byte[] t, int[] pos) {
        int v = varint(t, pos);
        return (v & 1) != 0 ? -(v >>> 1) : v >>> 1;
    }

    /** PyCode_Addr2Line: co_firstlineno for a negative offset, -1 past the table or where it has no line. */
    public static int addr2line(long co, int addr) {
        if (addr < 0) {
            return Mem.getInt(co + CO_FIRSTLINENO);
        }
        for (Entry e : lineTable(co)) {
            if (addr >= e.start() && addr < e.end()) {
                return e.line();
            }
        }
        return -1;
    }

    /** PyCode_Addr2Location's answer: {line, col, endLine, endCol}; past the table CPython reports the last entry. */
    public static int[] addr2location(long co, int addr) {
        int first = Mem.getInt(co + CO_FIRSTLINENO);
        if (addr < 0) {
            return new int[] {first, 0, first, 0};
        }
        List<Entry> table = lineTable(co);
        Entry hit = table.isEmpty() ? null : table.get(table.size() - 1);
        for (Entry e : table) {
            if (addr >= e.start() && addr < e.end()) {
                hit = e;
                break;
            }
        }
        if (hit == null) {
            return new int[] {-1, -1, -1, -1};
        }
        return new int[] {hit.line(), hit.col(), hit.endLine(), hit.endCol()};
    }

    // ---- watchers (PyCode_AddWatcher): eight slots per interpreter, as in CPython ----

    private static final int MAX_WATCHERS = 8;
    private static final AtomicLongArray WATCHERS = new AtomicLongArray(MAX_WATCHERS);

    public static int addWatcher(long callback) {
        for (int i = 0; i < MAX_WATCHERS; i++) {
            if (WATCHERS.compareAndSet(i, 0, callback)) {
                return i;
            }
        }
        throw new PyRaise(Exceptions.RuntimeError, "no more code watcher IDs available");
    }

    public static void clearWatcher(int id) {
        if (id < 0 || id >= MAX_WATCHERS) {
            throw PyRaise.valueError("Invalid code watcher ID %d", id);
        }
        if (WATCHERS.getAndSet(id, 0) == 0) {
            throw PyRaise.valueError("No code watcher set for ID %d", id);
        }
    }

    private static final String[] EVENT_NAMES = {"PY_CODE_EVENT_CREATE", "PY_CODE_EVENT_DESTROY"};

    /** Runs every watcher on the event; a failing one is reported as unraisable, as CPython does. */
    private static void notify(int event, long co) {
        for (int i = 0; i < MAX_WATCHERS; i++) {
            long cb = WATCHERS.get(i);
            if (cb != 0 && Downcalls.int2(cb, event, co) < 0) {
                Errors.unraisable("Exception ignored in " + EVENT_NAMES[event] + " watcher callback for "
                        + Repr.repr(co));
            }
        }
    }

    // ---- co_extra (PyUnstable_Code_GetExtra / SetExtra) ----

    private static final int MAX_EXTRA_USERS = 255;
    private static final AtomicLongArray EXTRA_FREE = new AtomicLongArray(MAX_EXTRA_USERS);
    private static final AtomicInteger EXTRA_USERS = new AtomicInteger();

    /** PyUnstable_Eval_RequestCodeExtraIndex: the next index, or -1 (no exception) when all are taken. */
    public static long requestExtraIndex(long free) {
        int i = EXTRA_USERS.getAndUpdate(n -> n < MAX_EXTRA_USERS ? n + 1 : n);
        if (i >= MAX_EXTRA_USERS) {
            return -1;
        }
        EXTRA_FREE.set(i, free);
        return i;
    }

    /** co_extra points at {Py_ssize_t size; void *slots[size]}, kept in a PyMem block. */
    public static long getExtra(long co, long index) {
        long extra = Mem.getLongVolatile(co + CO_EXTRA);
        if (extra == 0 || index < 0 || index >= Mem.getLong(extra)) {
            return 0;
        }
        return Mem.getLong(extra + 8 + 8 * index);
    }

    public static void setExtra(long co, long index, long value) {
        if (index < 0 || index >= EXTRA_USERS.get()) {
            throw PyRaise.badInternalCall();
        }
        synchronized (Codes.class) {
            long extra = Mem.getLong(co + CO_EXTRA);
            long size = extra == 0 ? 0 : Mem.getLong(extra);
            if (index >= size) {
                long newSize = EXTRA_USERS.get();
                long grown = Native.memMalloc(8 + 8 * newSize);
                Mem.fill(grown, 8 + 8 * newSize, (byte) 0);
                if (extra != 0) {
                    Mem.copy(extra + 8, grown + 8, 8 * size);
                }
                Mem.putLong(grown, newSize);
                Mem.putLongVolatile(co + CO_EXTRA, grown);
                if (extra != 0) {
                    Native.memFree(extra);
                }
                extra = grown;
            }
            long slot = extra + 8 + 8 * index;
            long old = Mem.getLong(slot);
            long free = EXTRA_FREE.get((int) index);
            if (old != 0 && free != 0) {
                Downcalls.void1(free, old);
            }
            Mem.putLong(slot, value);
        }
    }

    static void dealloc(long co) {
        notify(1, co);
        long extra = Mem.getLong(co + CO_EXTRA);
        if (extra != 0) {
            long size = Mem.getLong(extra);
            for (int i = 0; i < size; i++) {
                long v = Mem.getLong(extra + 8 + 8L * i);
                long free = EXTRA_FREE.get(i);
                if (v != 0 && free != 0) {
                    Downcalls.void1(free, v);
                }
            }
            Native.memFree(extra);
        }
        for (long f : new long[] {CO_CONSTS, CO_NAMES, CO_EXCEPTIONTABLE, CO_LOCALSPLUSNAMES, CO_LOCALSPLUSKINDS,
            CO_FILENAME, CO_NAME, CO_QUALNAME, CO_LINETABLE}) {
            Native.xdecref(Mem.getLong(co + f));
        }
        Weakrefs.clear(co);
    }
}
