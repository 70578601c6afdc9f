package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;

/** Attribute lookups that treat AttributeError as "absent", as CPython's optional lookups do. */
public final class Lookups {
    private Lookups() {}

    /** New reference to obj.name, or 0 when the lookup raised AttributeError (any other error propagates). */
    public static long optionalAttr(long obj, long name) {
        try {
            return ObjectApi.PyObject_GetAttr(obj, name);
        } catch (PyRaise e) {
            if (Types.isSubtype(e.type, Exceptions.AttributeError)) {
                return 0;
            }
            throw e;
        } catch (ErrorAlreadySet e) {
            if (Errors.matches(Exceptions.AttributeError)) {
                Errors.clear();
                return 0;
            }
            throw e;
        }
    }

    public static long optionalAttr(long obj, String name) {
        return optionalAttr(obj, Strs.intern(name));
    }
}
