package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import java.lang.foreign.Arena;

/**
 * The extra fields some exception classes keep after PyBaseExceptionObject in CPython (UnicodeError's encoding,
 * object, start, end, reason; ImportError's msg, name, path, name_from), exposed as member descriptors as in
 * CPython, and released when the exception dies.
 */
public final class ExceptionFields {
    static final int T_OBJECT = 6, T_PYSSIZET = 19;
    private static final long MEMBER_DEF_SIZE = 40;
    public static final long IMPORT_MSG = 88, IMPORT_NAME = 96, IMPORT_PATH = 104, IMPORT_NAME_FROM = 112,
            IMPORT_SIZE = 120;
    /** PySyntaxErrorObject: msg, filename, lineno, offset, end_lineno, end_offset, text, print_file_and_line. */
    public static final long SYNTAX_MSG = 88, SYNTAX_FILENAME = 96, SYNTAX_LINENO = 104, SYNTAX_OFFSET = 112,
            SYNTAX_END_LINENO = 120, SYNTAX_END_OFFSET = 128, SYNTAX_TEXT = 136, SYNTAX_PRINT_FILE_AND_LINE = 144,
            SYNTAX_SIZE = 152;
    private static final long[] SYNTAX_FIELDS = {SYNTAX_MSG, SYNTAX_FILENAME, SYNTAX_LINENO, SYNTAX_OFFSET,
        SYNTAX_END_LINENO, SYNTAX_END_OFFSET, SYNTAX_TEXT, SYNTAX_PRINT_FILE_AND_LINE};

    /** PyStopIterationObject: value (args[0], or None without arguments). */
    public static final long STOP_VALUE = 88, STOP_SIZE = 96;

    private ExceptionFields() {}

    /** Gives {@code base} member descriptors {name, T_* type, offset}; {@code classes} get instance size {@code size}. */
    static void install(String base, String[] classes, long size, Object[][] members) {
        for (String n : classes) {
            Mem.putLong(Exceptions.byName(n) + TP_BASICSIZE, size);
        }
        long owner = Exceptions.byName(base);
        for (Object[] m : members) {
            long def = Arena.global().allocate(MEMBER_DEF_SIZE, 8).address();
            Mem.putLong(def, Arena.global().allocateFrom((String) m[0]).address());
            Mem.putInt(def + 8, (Integer) m[1]);
            Mem.putLong(def + 16, (Long) m[2]);
            Types.get(owner).dict.put((String) m[0], Descriptors.create(Types.MEMBER_DESCR, owner, def));
        }
    }

    static void init() {
        install("ImportError", new String[] {"ImportError", "ModuleNotFoundError"}, IMPORT_SIZE, new Object[][] {
            {"msg", T_OBJECT, IMPORT_MSG}, {"name", T_OBJECT, IMPORT_NAME}, {"path", T_OBJECT, IMPORT_PATH},
            {"name_from", T_OBJECT, IMPORT_NAME_FROM}});
        String[] names = {"msg", "filename", "lineno", "offset", "end_lineno", "end_offset", "text",
            "print_file_and_line"};
        Object[][] members = new Object[names.length][];
        for (int i = 0; i < names.length; i++) {
            members[i] = new Object[] {names[i], T_OBJECT, SYNTAX_FIELDS[i]};
        }
        install("SyntaxError", new String[] {"SyntaxError", "IndentationError", "TabError"}, SYNTAX_SIZE, members);
        install("StopIteration", new String[] {"StopIteration"}, STOP_SIZE, new Object[][] {
            {"value", T_OBJECT, STOP_VALUE}});
        UnicodeErrors.init();
    }

    static boolean isStopIteration(long exc) {
        return Types.isSubtype(Heap.type(exc), Exceptions.StopIteration);
    }

    /** StopIteration(*args): value is args[0], None without arguments. */
    static void initStopIteration(long exc, long args) {
        long v = args != 0 && Tuples.size(args) > 0 ? Tuples.get(args, 0) : Singletons.NONE;
        Mem.putLong(exc + STOP_VALUE, Heap.newRef(v));
    }

    public static boolean isSyntaxError(long exc) {
        return Types.isSubtype(Heap.type(exc), Exceptions.byName("SyntaxError"));
    }

    /** SyntaxError(msg) and SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset])). */
    static void initSyntax(long exc, long args) {
        long n = args == 0 ? 0 : Tuples.size(args);
        if (n >= 1) {
            Mem.putLong(exc + SYNTAX_MSG, Heap.newRef(Tuples.get(args, 0)));
        }
        if (n == 2 && Tuples.isTuple(Tuples.get(args, 1))) {
            long info = Tuples.get(args, 1);
            long k = Tuples.size(info);
            long[] into = {SYNTAX_FILENAME, SYNTAX_LINENO, SYNTAX_OFFSET, SYNTAX_TEXT, SYNTAX_END_LINENO,
                SYNTAX_END_OFFSET};
            for (int i = 0; i < into.length && i < k; i++) {
                Mem.putLong(exc + into[i], Heap.newRef(Tuples.get(info, i)));
            }
        }
    }

    /** str(SyntaxError): "msg (file.py, line N)" with the file name's last component, as CPython. */
    static String syntaxMessage(long exc) {
        long msg = Mem.getLong(exc + SYNTAX_MSG);
        String m = Repr.str(msg == 0 ? Singletons.NONE : msg);
        long f = Mem.getLong(exc + SYNTAX_FILENAME);
        long line = Mem.getLong(exc + SYNTAX_LINENO);
        String file = f != 0 && Strs.isStr(f) ? Strs.value(f).substring(Strs.value(f).lastIndexOf('/') + 1) : null;
        boolean hasLine = line != 0 && Heap.type(line) == Types.INT;
        if (file != null && hasLine) {
            return m + " (" + file + ", line " + Ints.value(line) + ")";
        }
        if (file != null) {
            return m + " (" + file + ")";
        }
        return hasLine ? m + " (line " + Ints.value(line) + ")" : m;
    }

    /** Replaces one field (the value is stolen; 0 leaves it unset). */
    public static void setField(long exc, long off, long stolen) {
        long old = Mem.getLong(exc + off);
        Mem.putLong(exc + off, stolen);
        Native.xdecref(old);
    }

    static boolean isImportError(long exc) {
        return Types.isSubtype(Heap.type(exc), Exceptions.ImportError);
    }

    /** str(ImportError): its msg when that is a str, else null (the args decide). */
    static String importMessage(long exc) {
        long msg = Mem.getLong(exc + IMPORT_MSG);
        return msg != 0 && Heap.type(msg) == Types.STR ? Strs.value(msg) : null;
    }

    static void releaseObjects(long exc, long... offsets) {
        for (long off : offsets) {
            long p = Mem.getLong(exc + off);
            if (p != 0) {
                Mem.putLong(exc + off, 0);
                Native.decref(p);
            }
        }
    }

    /** Releases the extra object fields of the exception's class (its dealloc). */
    static void release(long exc) {
        if (UnicodeErrors.isUnicodeError(exc)) {
            releaseObjects(exc, UnicodeErrors.ENCODING, UnicodeErrors.OBJECT, UnicodeErrors.REASON);
        } else if (isImportError(exc)) {
            releaseObjects(exc, IMPORT_MSG, IMPORT_NAME, IMPORT_PATH, IMPORT_NAME_FROM);
        } else if (isSyntaxError(exc)) {
            releaseObjects(exc, SYNTAX_FIELDS);
        } else if (isStopIteration(exc)) {
            releaseObjects(exc, STOP_VALUE);
        }
    }
}
