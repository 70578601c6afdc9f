package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.abi.ProcessAbi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Frame objects made by PyFrame_New and traceback objects, in the layouts of the process's ABI: PyFrameObject with its
 * interpreter frame inline (as a frame that owns its data), and the public PyTracebackObject. The frames never
 * run: their instruction pointer stays where PyFrame_New puts it, just after the first RESUME.
 */
public final class Frames {
    private Frames() {}

    private static final boolean V314 = ProcessAbi.is314();
    // PyFrameObject; 3.14 adds f_overwritten_fast_locals at 80.
    public static final long F_BACK = 32, F_FRAME = 40, F_TRACE = 48, F_LINENO = 56, F_EXTRA_LOCALS = 64,
            F_LOCALS_CACHE = 72, F_DATA = V314 ? 88 : 80;
    /*
     * _PyInterpreterFrame, relative to F_DATA. 3.13 keeps an int stacktop at 64; 3.14 a stack pointer there (the
     * executable and function become _PyStackRef words, which hold a plain pointer for an owned reference), adds
     * tlbc_index at 72 and moves owner and the locals.
     */
    static final long IF_EXECUTABLE = 0, IF_FUNCOBJ = 16, IF_GLOBALS = 24, IF_BUILTINS = 32, IF_LOCALS = 40,
            IF_FRAME_OBJ = 48, IF_INSTR_PTR = 56, IF_STACK = 64, IF_OWNER = V314 ? 78 : 70,
            IF_LOCALSPLUS = V314 ? 80 : 72;
    private static final byte FRAME_OWNED_BY_FRAME_OBJECT = 2;
    // PyTracebackObject.
    public static final long TB_NEXT = 32, TB_FRAME = 40, TB_LASTI = 48, TB_LINENO = 52, TB_SIZE = 56;

    public static boolean isFrame(long o) {
        return o != 0 && Heap.type(o) == Types.FRAME;
    }

    public static boolean isTraceback(long o) {
        return o != 0 && Heap.type(o) == Types.TRACEBACK;
    }

    /** PyFrame_New: builtins from globals' __builtins__ (a module stands for its dict), else none (see docs). */
    public static long create(long code, long globals, long locals) {
        Codes.check(code);
        if (globals == 0 || !Dicts.isDict(globals)) {
            throw PyRaise.badInternalCall();
        }
        long builtins = Dicts.getRef(globals, Strs.intern("__builtins__"));
        if (builtins == 0 && Errors.current() != 0) {
            // CPython's lookup cannot tell a miss from a failure while an exception is set: it fails.
            throw ErrorAlreadySet.INSTANCE;
        }
        if (builtins != 0 && Types.kindOf(builtins) == TypeKind.MODULE) {
            long d = Heap.newRef(Modules.dict(builtins));
            Native.decref(builtins);
            builtins = d;
        }
        int slots = Mem.getInt(code + Codes.CO_NLOCALSPLUS) + Mem.getInt(code + Codes.CO_STACKSIZE);
        long f = Heap.alloc(Types.FRAME, F_DATA + IF_LOCALSPLUS + 8L * slots);
        long data = f + F_DATA;
        Mem.putLong(f + F_FRAME, data);
        Mem.putLong(data + IF_EXECUTABLE, Heap.newRef(code));
        Mem.putLong(data + IF_GLOBALS, Heap.newRef(globals));
        Mem.putLong(data + IF_BUILTINS, builtins);
        Mem.putLong(data + IF_LOCALS, locals == 0 ? 0 : Heap.newRef(locals));
        Mem.putLong(data + IF_FRAME_OBJ, f);
        int first = Mem.getInt(code + Codes.CO_FIRSTTRACEABLE);
        Mem.putLong(data + IF_INSTR_PTR, code + Codes.CO_CODE_ADAPTIVE + 2L * (first + 1));
        int nlocalsplus = Mem.getInt(code + Codes.CO_NLOCALSPLUS);
        if (V314) {
            Mem.putLong(data + IF_STACK, data + IF_LOCALSPLUS + 8L * nlocalsplus);
        } else {
            Mem.putInt(data + IF_STACK, nlocalsplus);
        }
        Mem.putByte(data + IF_OWNER, FRAME_OWNED_BY_FRAME_OBJECT);
        return f;
    }

    public static long check(long f) {
        if (!isFrame(f)) {
            throw PyRaise.badInternalCall();
        }
        return f;
    }

    public static long code(long f) {
        return Mem.getLong(Mem.getLong(f + F_FRAME) + IF_EXECUTABLE);
    }

    static long slot(long f, long field) {
        return Mem.getLong(Mem.getLong(f + F_FRAME) + field);
    }

    public static long globals(long f) {
        return slot(f, IF_GLOBALS);
    }

    public static long builtins(long f) {
        return slot(f, IF_BUILTINS);
    }

    /** The instruction index the frame stands at (instr_ptr minus the code's first unit). */
    public static int lastiUnits(long f) {
        return interpreterFrameLastiUnits(Mem.getLong(f + F_FRAME));
    }

    public static long interpreterFrameCode(long iframe) {
        return Mem.getLong(iframe + IF_EXECUTABLE);
    }

    public static int interpreterFrameLastiUnits(long iframe) {
        long co = interpreterFrameCode(iframe);
        return (int) ((Mem.getLong(iframe + IF_INSTR_PTR) - (co + Codes.CO_CODE_ADAPTIVE)) / 2);
    }

    /** PyFrame_GetLasti: a byte offset, or -1 before the first instruction. */
    public static int lasti(long f) {
        int units = lastiUnits(f);
        return units < 0 ? -1 : units * 2;
    }

    /** PyFrame_GetLineNumber: a set f_lineno wins, else the line of the current instruction. */
    public static int lineNumber(long f) {
        int set = Mem.getInt(f + F_LINENO);
        if (set == -1) {
            int line = Codes.addr2line(code(f), lastiUnits(f) * 2);
            Mem.putInt(f + F_LINENO, Math.max(line, 0));
            if (line < 0) {
                return -1;
            }
            return line;
        }
        if (set > 0) {
            return set;
        }
        return Codes.addr2line(code(f), lastiUnits(f) * 2);
    }

    /** PyFrame_GetLocals for code that keeps its locals in a mapping: the frame's dict, made empty once. */
    public static long locals(long f) {
        long co = code(f);
        if ((Mem.getInt(co + Codes.CO_FLAGS) & 0x1) != 0) {   // CO_OPTIMIZED
            throw PyRaise.systemError("ftcheck: the locals of a frame whose code is optimized (CO_OPTIMIZED) are a "
                    + "FrameLocalsProxy, which ftcheck does not provide");
        }
        long data = Mem.getLong(f + F_FRAME);
        long locals = Mem.getLongVolatile(data + IF_LOCALS);
        if (locals == 0) {
            long fresh = Dicts.create("frame locals");
            if (Mem.casLong(data + IF_LOCALS, 0, fresh)) {
                locals = fresh;
            } else {
                Native.decref(fresh);
                locals = Mem.getLongVolatile(data + IF_LOCALS);
            }
        }
        return Heap.newRef(locals);
    }

    /** PyFrame_GetVar: frames from PyFrame_New never bind their fast locals, so a name is found only if bound. */
    public static long var(long f, long name) {
        if (name == 0 || !Strs.isStr(name)) {
            throw PyRaise.typeError("name must be str, not %s", name == 0 ? "NULL" : Types.name(name));
        }
        long co = code(f);
        long names = Mem.getLong(co + Codes.CO_LOCALSPLUSNAMES);
        String wanted = Strs.value(name);
        long data = Mem.getLong(f + F_FRAME);
        for (int i = 0; i < Tuples.size(names); i++) {
            if (Strs.value(Tuples.get(names, i)).equals(wanted)) {
                long v = Mem.getLong(data + IF_LOCALSPLUS + 8L * i);
                if (v != 0) {
                    return Heap.newRef(v);
                }
                break;
            }
        }
        throw new PyRaise(Exceptions.byName("NameError"), "variable " + Repr.repr(name) + " does not exist");
    }

    static void deallocFrame(long f) {
        long data = Mem.getLong(f + F_FRAME);
        for (long field : new long[] {IF_EXECUTABLE, IF_FUNCOBJ, IF_GLOBALS, IF_BUILTINS, IF_LOCALS}) {
            Native.xdecref(Mem.getLong(data + field));
        }
        int n = Mem.getInt(code0(data) + Codes.CO_NLOCALSPLUS);
        for (int i = 0; i < n; i++) {
            Native.xdecref(Mem.getLong(data + IF_LOCALSPLUS + 8L * i));
        }
        for (long field : new long[] {F_BACK, F_TRACE, F_EXTRA_LOCALS, F_LOCALS_CACHE}) {
            Native.xdecref(Mem.getLong(f + field));
        }
    }

    private static long code0(long data) {
        return Mem.getLong(data + IF_EXECUTABLE);
    }

    // ---- tracebacks ----

    /** A traceback entry for the frame in front of next; tb_lineno -1 means "compute from tb_lasti", as 3.13. */
    public static long newTraceback(long next, long frame) {
        long tb = Heap.alloc(Types.TRACEBACK, TB_SIZE);
        Mem.putLong(tb + TB_NEXT, next == 0 ? 0 : Heap.newRef(next));
        Mem.putLong(tb + TB_FRAME, Heap.newRef(frame));
        Mem.putInt(tb + TB_LASTI, lastiUnits(frame) * 2);
        Mem.putInt(tb + TB_LINENO, -1);
        return tb;
    }

    public static int tracebackLine(long tb) {
        int line = Mem.getInt(tb + TB_LINENO);
        if (line == -1) {
            line = Codes.addr2line(code(Mem.getLong(tb + TB_FRAME)), Mem.getInt(tb + TB_LASTI));
        }
        return line;
    }

    private static final int RECURSIVE_CUTOFF = 3;
    private static final int DEFAULT_LIMIT = 1000;   // sys.tracebacklimit's default

    /**
     * PyTraceBack_Print's output in the pieces CPython writes one by one: the header, each entry in chain order
     * (outermost first) with its source line (indent, text, newline) when the file is readable, repeats folded.
     */
    public static List<String> format(long tb) {
        List<Long> entries = new ArrayList<>();
        for (long t = tb; t != 0; t = Mem.getLong(t + TB_NEXT)) {
            entries.add(t);
        }
        List<String> out = new ArrayList<>(List.of("Traceback (most recent call last):\n"));
        int skip = Math.max(0, entries.size() - DEFAULT_LIMIT);
        String lastFile = null, lastName = null;
        int lastLine = -1, repeats = 0;
        for (int i = skip; i < entries.size(); i++) {
            long t = entries.get(i);
            long co = code(Mem.getLong(t + TB_FRAME));
            String file = Strs.value(Mem.getLong(co + Codes.CO_FILENAME));
            String name = Strs.value(Mem.getLong(co + Codes.CO_NAME));
            int line = tracebackLine(t);
            if (file.equals(lastFile) && name.equals(lastName) && line == lastLine) {
                repeats++;
            } else {
                appendRepeats(out, repeats);
                lastFile = file;
                lastName = name;
                lastLine = line;
                repeats = 1;
            }
            if (repeats <= RECURSIVE_CUTOFF) {
                out.add("  File \"" + file + "\", line " + line + ", in " + name + "\n");
                appendSource(out, file, line);
            }
        }
        appendRepeats(out, repeats);
        return out;
    }

    private static void appendRepeats(List<String> out, int repeats) {
        if (repeats > RECURSIVE_CUTOFF) {
            int more = repeats - RECURSIVE_CUTOFF;
            out.add("  [Previous line repeated " + more + (more > 1 ? " more times]\n" : " more time]\n"));
        }
    }

    /** The source line, indented by four and stripped on the left, if the file can be read at that path. */
    private static void appendSource(List<String> out, String file, int line) {
        if (line < 1) {
            return;
        }
        try {
            Path p = Path.of(file);
            if (!Files.isRegularFile(p)) {
                return;
            }
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            if (line > lines.size()) {
                return;
            }
            String text = lines.get(line - 1).replaceFirst("^[ \\t\\f]+", "");
            out.add("    ");
            out.add(text);
            out.add("\n");
        } catch (IOException | RuntimeException e) {
            // CPython prints no source line when the file cannot be read.
        }
    }

    static void deallocTraceback(long tb) {
        Native.xdecref(Mem.getLong(tb + TB_NEXT));
        Native.xdecref(Mem.getLong(tb + TB_FRAME));
    }
}
