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
        UnicodeErrors.init();
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
        }
    }
}
