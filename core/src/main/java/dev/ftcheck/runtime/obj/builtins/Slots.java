package dev.ftcheck.runtime.obj.builtins;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;
import java.util.function.BinaryOperator;
import java.util.function.LongPredicate;

/**
 * Slot wrappers shared by the built-in types: each calls the runtime's protocol implementation for the type, with
 * the argument count check CPython's wrappers make ("expected 1 argument, got 0").
 */
final class Slots {
    static final String[] COMPARE = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};

    private Slots() {}

    /** The wrappers' own check: no keywords, exactly n positional arguments. */
    static void count(long[] args, long kwargs, int n) {
        Args.noKeywords("wrapper", kwargs);
        if (args.length != n) {
            throw PyRaise.typeError("expected %d argument%s, got %d", n, n == 1 ? "" : "s", args.length);
        }
    }

    static BuiltinTable.Impl unary(java.util.function.LongUnaryOperator f) {
        return (self, args, kw) -> {
            count(args, kw, 0);
            return f.applyAsLong(self);
        };
    }

    static BuiltinTable.Impl binary(java.util.function.LongBinaryOperator f) {
        return (self, args, kw) -> {
            count(args, kw, 1);
            return f.applyAsLong(self, args[0]);
        };
    }

    /** The six comparison wrappers: other types than {@code accepts} give NotImplemented, as the type's slot does. */
    static void comparisons(BuiltinTable t, LongPredicate accepts) {
        for (int op = 0; op < 6; op++) {
            int o = op;
            t.slot(COMPARE[op], binary((self, other) -> accepts.test(other) ? Compare.rich(self, other, o)
                    : Singletons.NOTIMPLEMENTED));
        }
    }

    /** A number wrapper pair {@code __x__}/{@code __rx__}: NotImplemented unless the other operand is accepted. */
    static void arithmetic(BuiltinTable t, String name, LongPredicate accepts, BinaryOperator<Long> op,
            boolean reflected) {
        t.slot("__" + name + "__", binary((self, other) -> accepts.test(other) ? op.apply(self, other)
                : Singletons.NOTIMPLEMENTED));
        if (reflected) {
            t.slot("__r" + name + "__", binary((self, other) -> accepts.test(other) ? op.apply(other, self)
                    : Singletons.NOTIMPLEMENTED));
        }
    }

    static void hash(BuiltinTable t) {
        t.slot("__hash__", unary(self -> Ints.fromLong(Protocols.hash(self))));
    }

    static void repr(BuiltinTable t) {
        t.slot("__repr__", unary(self -> Strs.fromJava(Repr.repr(self))));
    }

    static void str(BuiltinTable t) {
        t.slot("__str__", unary(self -> Strs.fromJava(Repr.str(self))));
    }

    static void len(BuiltinTable t) {
        t.slot("__len__", unary(self -> Ints.fromLong(Protocols.length(self))));
    }

    static void iter(BuiltinTable t) {
        t.slot("__iter__", unary(Iteration::iter));
    }

    static void contains(BuiltinTable t) {
        t.slot("__contains__", binary((self, x) -> Singletons.bool(check(AbstractApi.PySequence_Contains(self, x)) == 1)));
    }

    static void getitem(BuiltinTable t) {
        t.slot("__getitem__", binary(AbstractApi::PyObject_GetItem));
    }

    static void bool(BuiltinTable t) {
        t.slot("__bool__", unary(self -> Singletons.bool(Protocols.isTrue(self))));
    }

    /** The wrappers str and bytes share: hash, iter, len, repr, str, getattribute. */
    static void textSlots(BuiltinTable t) {
        hash(t);
        iter(t);
        len(t);
        repr(t);
        str(t);
        getattribute(t);
    }

    static void getattribute(BuiltinTable t) {
        t.slot("__getattribute__", binary((self, name) -> {
            if (!Strs.isStr(name)) {
                throw PyRaise.typeError("attribute name must be string, not '%s'", Types.name(name));
            }
            return Attributes.get(self, name);
        }));
    }

    /** C-API results: -1 means the error indicator is set. */
    static int check(int r) {
        if (r < 0) {
            throw dev.ftcheck.runtime.obj.ErrorAlreadySet.INSTANCE;
        }
        return r;
    }

    static long checkPtr(long r) {
        if (r == 0) {
            throw dev.ftcheck.runtime.obj.ErrorAlreadySet.INSTANCE;
        }
        return r;
    }
}
