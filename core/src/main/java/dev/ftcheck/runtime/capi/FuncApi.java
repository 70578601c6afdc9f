package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Funcs.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Funcs;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;

/**
 * funcobject.h: function objects (whose code never runs here), their getters and setters with CPython's errors,
 * function watchers, classmethod and staticmethod.
 */
public final class FuncApi {
    private FuncApi() {}

    @CApi
    public static long PyFunction_New(long code, long globals) {
        return Funcs.create(code, globals, 0);
    }

    @CApi
    public static long PyFunction_NewWithQualName(long code, long globals, long qualname) {
        return Funcs.create(code, globals, qualname);
    }

    @CApi
    public static long PyFunction_GetCode(long op) {
        return field(op, FUNC_CODE);
    }

    @CApi
    public static long PyFunction_GetGlobals(long op) {
        return field(op, FUNC_GLOBALS);
    }

    @CApi
    public static long PyFunction_GetModule(long op) {
        return field(op, FUNC_MODULE);
    }

    @CApi
    public static long PyFunction_GetDefaults(long op) {
        return field(op, FUNC_DEFAULTS);
    }

    @CApi
    public static long PyFunction_GetKwDefaults(long op) {
        return field(op, FUNC_KWDEFAULTS);
    }

    @CApi
    public static long PyFunction_GetClosure(long op) {
        return field(op, FUNC_CLOSURE);
    }

    @CApi
    public static long PyFunction_GetAnnotations(long op) {
        return Funcs.annotations(op);
    }

    /** None clears; anything but a tuple is refused with CPython's SystemError. */
    @CApi
    public static int PyFunction_SetDefaults(long op, long defaults) {
        check(op);
        if (defaults == Singletons.NONE) {
            defaults = 0;
        } else if (defaults == 0 || !Tuples.isTuple(defaults)) {
            throw PyRaise.systemError("non-tuple default args");
        }
        replace(op, FUNC_DEFAULTS, defaults, EVENT_MODIFY_DEFAULTS);
        return 0;
    }

    @CApi
    public static int PyFunction_SetKwDefaults(long op, long defaults) {
        check(op);
        if (defaults == Singletons.NONE) {
            defaults = 0;
        } else if (defaults == 0 || !Dicts.isDict(defaults)) {
            throw PyRaise.systemError("non-dict keyword only default args");
        }
        replace(op, FUNC_KWDEFAULTS, defaults, EVENT_MODIFY_KWDEFAULTS);
        return 0;
    }

    @CApi
    public static int PyFunction_SetClosure(long op, long closure) {
        check(op);
        if (closure == Singletons.NONE) {
            closure = 0;
        } else if (closure == 0 || !Tuples.isTuple(closure)) {
            throw PyRaise.systemError("expected tuple for closure, got '%s'",
                    closure == 0 ? "NULL" : Types.typeOf(closure).fullName());
        }
        replace(op, FUNC_CLOSURE, closure, -1);
        return 0;
    }

    @CApi
    public static int PyFunction_SetAnnotations(long op, long annotations) {
        check(op);
        if (annotations == Singletons.NONE) {
            annotations = 0;
        } else if (annotations == 0 || !Dicts.isDict(annotations)) {
            throw PyRaise.systemError("non-dict annotations");
        }
        replace(op, FUNC_ANNOTATIONS, annotations, -1);
        return 0;
    }

    /** The installed vectorcall is what calling the function runs from now on. */
    @CApi
    public static void PyFunction_SetVectorcall(long func, long vectorcall) {
        Mem.putInt(func + FUNC_VERSION, 0);
        Mem.putLongVolatile(func + FUNC_VECTORCALL, vectorcall);
    }

    // The unchecked macro forms, exported as functions by ftcheck's headers.

    @CApi
    public static long PyFunction_GET_CODE(long func) {
        return Mem.getLong(func + FUNC_CODE);
    }

    @CApi
    public static long PyFunction_GET_GLOBALS(long func) {
        return Mem.getLong(func + FUNC_GLOBALS);
    }

    @CApi
    public static long PyFunction_GET_MODULE(long func) {
        return Mem.getLong(func + FUNC_MODULE);
    }

    @CApi
    public static long PyFunction_GET_DEFAULTS(long func) {
        return Mem.getLong(func + FUNC_DEFAULTS);
    }

    @CApi
    public static long PyFunction_GET_KW_DEFAULTS(long func) {
        return Mem.getLong(func + FUNC_KWDEFAULTS);
    }

    @CApi
    public static long PyFunction_GET_CLOSURE(long func) {
        return Mem.getLong(func + FUNC_CLOSURE);
    }

    @CApi
    public static long PyFunction_GET_ANNOTATIONS(long func) {
        return Mem.getLong(func + FUNC_ANNOTATIONS);
    }

    @CApi
    public static int PyFunction_AddWatcher(long callback) {
        return Funcs.addWatcher(callback);
    }

    @CApi
    public static int PyFunction_ClearWatcher(int id) {
        Funcs.clearWatcher(id);
        return 0;
    }

    @CApi
    public static long PyClassMethod_New(long callable) {
        return wrap(Types.CLASSMETHOD, callable, WRAPPER_SIZE);
    }

    @CApi
    public static long PyStaticMethod_New(long callable) {
        return wrap(Types.STATICMETHOD, callable, WRAPPER_SIZE);
    }
}
