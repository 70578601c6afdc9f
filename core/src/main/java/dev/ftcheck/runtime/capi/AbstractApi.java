package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.math.BigInteger;

/** abstract.h functions not tied to one protocol class: length hints and integer formatting in a base. */
public final class AbstractApi {
    private AbstractApi() {}

    @CApi
    public static long PyNumber_ToBase(long n, int base) {
        if (base != 2 && base != 8 && base != 10 && base != 16) {
            throw PyRaise.systemError("PyNumber_ToBase: base must be 2, 8, 10 or 16");
        }
        long index = NumberProtocolApi.PyNumber_Index(n);
        BigInteger v;
        try {
            v = Ints.value(index);
        } finally {
            Native.decref(index);
        }
        String prefix = base == 2 ? "0b" : base == 8 ? "0o" : base == 16 ? "0x" : "";
        String digits = v.abs().toString(base);
        return Strs.fromJava((v.signum() < 0 ? "-" : "") + prefix + digits);
    }

    /** len(o) if it has one, else o.__length_hint__(), else the default; CPython's errors for bad hints. */
    @CApi
    public static long PyObject_LengthHint(long o, long defaultValue) {
        try {
            return dev.ftcheck.runtime.obj.Protocols.length(o);
        } catch (PyRaise e) {
            if (e.type != Exceptions.TypeError) {
                throw e;
            }
        } catch (ErrorAlreadySet e) {
            if (!Errors.matches(Exceptions.TypeError)) {
                throw e;
            }
            Errors.clear();
        }
        if (Types.kindOf(o) == TypeKind.ITERATOR) {
            return Objects.remaining(o);
        }
        long hint = Attributes.lookupInType(Heap.type(o), "__length_hint__");
        if (hint == 0) {
            return defaultValue;
        }
        long result;
        try {
            result = Calls.call(hint, new long[] {o}, 0);
        } catch (PyRaise e) {
            if (e.type == Exceptions.TypeError) {
                return defaultValue;
            }
            throw e;
        } catch (ErrorAlreadySet e) {
            if (Errors.matches(Exceptions.TypeError)) {
                Errors.clear();
                return defaultValue;
            }
            throw e;
        }
        try {
            if (result == Singletons.NOTIMPLEMENTED) {
                return defaultValue;
            }
            if (!Ints.isInt(result)) {
                throw PyRaise.typeError("__length_hint__ must be an integer, not %s", Types.typeOf(result).fullName());
            }
            BigInteger v = Ints.value(result);
            if (v.bitLength() >= 64) {
                throw PyRaise.overflow("Python int too large to convert to C ssize_t");
            }
            if (v.signum() < 0) {
                throw PyRaise.valueError("__length_hint__() should return >= 0");
            }
            return v.longValue();
        } finally {
            Native.decref(result);
        }
    }
}
