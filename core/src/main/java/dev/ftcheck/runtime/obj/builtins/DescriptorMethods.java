package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.builtins.ObjectMethods.q;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.CFunctions;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Descriptors;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.stdlib.StandInModules;

/** The descriptor types, built-in functions, exceptions and slices. */
final class DescriptorMethods {
    private static final long D_OBJCLASS = 32, D_NAME = 40;
    private static final long M_MODULE = 48;
    private static final long EXC_DICT = 32, EXC_SUPPRESS = 80;

    private DescriptorMethods() {}

    private static String descrName(long d) {
        return Mem.cString(Mem.getLong(Descriptors.def(d)));
    }

    /** __name__, __objclass__, __qualname__, __repr__ of every descriptor type. */
    private static BuiltinTable common() {
        BuiltinTable t = new BuiltinTable();
        t.member("__name__", BuiltinTable.T_OBJECT, D_NAME);
        t.member("__objclass__", BuiltinTable.T_OBJECT, D_OBJCLASS);
        t.getter("__qualname__", d -> Strs.fromJava(Types.of(Descriptors.owner(d)).name() + "." + descrName(d)));
        t.getter("__doc__", d -> {
            long def = Descriptors.def(d);
            long doc = Mem.getLong(def + (Types.kindOf(d) == TypeKind.MEMBER_DESCR ? 32 : 24));
            return doc == 0 ? Singletons.NONE : Strs.fromJava(docText(Mem.cString(doc)));
        });
        Slots.repr(t);
        return t;
    }

    /** A C docstring without the "name(sig)\n--\n\n" signature block CPython strips from __doc__. */
    private static String docText(String doc) {
        int end = doc.indexOf(")\n--\n\n");
        int paren = doc.indexOf('(');
        if (end > 0 && paren > 0 && paren < end && doc.substring(0, paren).matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            return doc.substring(end + 6);
        }
        return doc;
    }

    /** The "(sig)" of a C docstring's "name(sig)\n--\n\n" block (what __text_signature__ gives), or None. */
    static long textSignature(long docPtr) {
        if (docPtr == 0) {
            return Heap.newRef(Singletons.NONE);
        }
        String doc = Mem.cString(docPtr);
        int end = doc.indexOf(")\n--\n\n");
        int paren = doc.indexOf('(');
        if (end > 0 && paren > 0 && paren < end && doc.substring(0, paren).matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            return Strs.fromJava(doc.substring(paren, end + 1));
        }
        return Heap.newRef(Singletons.NONE);
    }

    /** {@code (getattr, (owner, name))}: how descriptors and bound methods pickle. */
    private static long getattrReduce(long owner, String name) {
        return Tuples.of(StandInModules.attr("builtins", "getattr"), Tuples.of(Heap.newRef(owner),
                Strs.fromJava(name)));
    }

    private static void checkInstance(long d, long obj) {
        long owner = Descriptors.owner(d);
        if (!Types.isInstance(obj, owner)) {
            throw PyRaise.typeError("descriptor '%s' for '%s' objects doesn't apply to a '%s' object", descrName(d),
                    Types.of(owner).name(), Types.name(obj));
        }
    }

    /** method_descriptor, classmethod_descriptor and wrapper_descriptor. */
    static BuiltinTable method() {
        BuiltinTable t = common();
        t.getter("__text_signature__", d -> textSignature(Mem.getLong(Descriptors.def(d) + 24)));
        t.method("__reduce__", (self, args, kw) -> {
            Args.none(q(self, "__reduce__"), args, kw);
            return getattrReduce(Descriptors.owner(self), descrName(self));
        });
        t.slot("__call__", (self, args, kw) -> Descriptors.callUnbound(self, args, kw));
        t.slot("__get__", (self, args, kw) -> {
            Args.noKeywords("__get__", kw);
            if (args.length < 1 || args.length > 2) {
                throw PyRaise.typeError("expected %s, got %d", args.length < 1 ? "at least 1 argument"
                        : "at most 2 arguments", args.length);
            }
            long obj = args[0];
            boolean classMethod = (CFunctions.flags(Descriptors.def(self)) & CFunctions.METH_CLASS) != 0;
            if (classMethod) {
                long type = obj == Singletons.NONE ? (args.length > 1 ? args[1] : Singletons.NONE) : Heap.type(obj);
                if (!Types.isType(type)) {
                    throw PyRaise.typeError("descriptor '%s' for type '%s' needs a type, not a '%s' as arg 2",
                            descrName(self), Types.of(Descriptors.owner(self)).name(), Types.name(type));
                }
                return CFunctions.create(Descriptors.def(self), type, 0, 0);
            }
            if (obj == Singletons.NONE) {
                if (args.length < 2 || args[1] == Singletons.NONE) {
                    throw PyRaise.typeError("__get__(None, None) is invalid");
                }
                return Heap.newRef(self);
            }
            checkInstance(self, obj);
            return Descriptors.bind(self, obj);
        });
        return t;
    }

    /** getset_descriptor and member_descriptor (which alone pickles, by name). */
    static BuiltinTable data(boolean member) {
        BuiltinTable t = common();
        if (member) {
            t.method("__reduce__", (self, args, kw) -> {
                Args.none(q(self, "__reduce__"), args, kw);
                return getattrReduce(Descriptors.owner(self), descrName(self));
            });
        }
        t.slot("__get__", (self, args, kw) -> {
            Args.noKeywords("__get__", kw);
            if (args.length < 1 || args.length > 2) {
                throw PyRaise.typeError("expected %s, got %d", args.length < 1 ? "at least 1 argument"
                        : "at most 2 arguments", args.length);
            }
            if (args[0] == Singletons.NONE) {
                return Heap.newRef(self);
            }
            checkInstance(self, args[0]);
            return Descriptors.bind(self, args[0]);
        });
        t.slot("__set__", (self, args, kw) -> {
            Slots.count(args, kw, 2);
            checkInstance(self, args[0]);
            Descriptors.set(self, args[0], args[1]);
            return Singletons.NONE;
        });
        t.slot("__delete__", Slots.binary((self, obj) -> {
            checkInstance(self, obj);
            Descriptors.set(self, obj, 0);
            return Singletons.NONE;
        }));
        return t;
    }

    /** builtin_function_or_method, and method-wrapper (same layout) without __module__. */
    static BuiltinTable function(boolean withModule) {
        BuiltinTable t = new BuiltinTable();
        t.slot("__call__", (self, args, kw) -> Calls.call(self, args, kw));
        t.getter("__name__", f -> Strs.fromJava(CFunctions.name(CFunctions.def(f))));
        t.getter("__qualname__", f -> {
            long self = CFunctions.self(f);
            String name = CFunctions.name(CFunctions.def(f));
            if (self == 0 || Types.kindOf(self) == TypeKind.MODULE) {
                return Strs.fromJava(name);
            }
            return Strs.fromJava(q(self, name));
        });
        t.getter("__doc__", f -> {
            long doc = Mem.getLong(CFunctions.def(f) + 24);
            return doc == 0 ? Singletons.NONE : Strs.fromJava(docText(Mem.cString(doc)));
        });
        t.getter("__self__", f -> Heap.newRef(CFunctions.self(f) == 0 ? Singletons.NONE : CFunctions.self(f)));
        t.getter("__text_signature__", f -> textSignature(Mem.getLong(CFunctions.def(f) + 24)));
        t.method("__reduce__", (f, args, kw) -> {
            Args.none(q(f, "__reduce__"), args, kw);
            long self = CFunctions.self(f);
            String name = CFunctions.name(CFunctions.def(f));
            if (self == 0 || Types.kindOf(self) == TypeKind.MODULE) {
                return Strs.fromJava(name);
            }
            return getattrReduce(self, name);
        });
        if (withModule) {
            t.member("__module__", BuiltinTable.T_OBJECT, M_MODULE, false);
        }
        Slots.repr(t);
        return t;
    }

    private static long orNone(long p) {
        return Heap.newRef(p == 0 ? Singletons.NONE : p);
    }

    private static void replace(long obj, long offset, long value) {
        long old = Mem.getLong(obj + offset);
        Mem.putLong(obj + offset, value == Singletons.NONE ? 0 : Heap.newRef(value));
        Native.xdecref(old);
    }

    /** The instance dict of an exception, created on first use (borrowed). */
    private static long excDict(long e) {
        long d = Mem.getLong(e + EXC_DICT);
        if (d == 0) {
            d = Dicts.create("exception __dict__");
            Mem.putLong(e + EXC_DICT, d);
        }
        return d;
    }

    /** BaseException, whose entries the whole hierarchy shares. */
    static BuiltinTable exception() {
        BuiltinTable t = new BuiltinTable();
        t.getset("args", e -> orNone(Exceptions.args(e) == 0 ? Tuples.empty() : Exceptions.args(e)), (e, v) -> {
            if (v == 0) {
                throw PyRaise.typeError("args may not be deleted");
            }
            long tuple = AbstractApi.PySequence_Tuple(v);
            long old = Mem.getLong(e + Exceptions.ARGS);
            Mem.putLong(e + Exceptions.ARGS, tuple);
            Native.xdecref(old);
        });
        t.getset("__traceback__", e -> orNone(Mem.getLong(e + Exceptions.TRACEBACK)), (e, v) -> {
            if (v == 0) {
                throw PyRaise.typeError("__traceback__ may not be deleted");
            }
            if (v != Singletons.NONE) {
                throw PyRaise.typeError("__traceback__ must be a traceback or None"); // no traceback objects exist
            }
            replace(e, Exceptions.TRACEBACK, v);
        });
        t.getset("__context__", e -> orNone(Mem.getLong(e + Exceptions.CONTEXT)), (e, v) -> {
            if (v == 0) {
                throw PyRaise.typeError("__context__ may not be deleted");
            }
            if (v != Singletons.NONE && !Exceptions.isInstance(v)) {
                throw PyRaise.typeError("exception context must be None or derive from BaseException");
            }
            replace(e, Exceptions.CONTEXT, v);
        });
        t.getset("__cause__", e -> orNone(Mem.getLong(e + Exceptions.CAUSE)), (e, v) -> {
            if (v == 0) {
                throw PyRaise.typeError("__cause__ may not be deleted");
            }
            if (v != Singletons.NONE && !Exceptions.isInstance(v)) {
                throw PyRaise.typeError("exception cause must be None or derive from BaseException");
            }
            replace(e, Exceptions.CAUSE, v);
            Mem.putByte(e + EXC_SUPPRESS, (byte) 1);
        });
        t.member("__suppress_context__", 14, EXC_SUPPRESS, false); // T_BOOL
        t.getset("__dict__", e -> Heap.newRef(excDict(e)), (e, v) -> {
            if (v == 0) {
                throw PyRaise.typeError("__dict__ may not be deleted");
            }
            if (!Dicts.isDict(v)) {
                throw PyRaise.typeError("__dict__ must be set to a dictionary, not a '%s'", Types.name(v));
            }
            replace(e, EXC_DICT, v);
        });
        Slots.repr(t);
        Slots.str(t);
        Slots.getattribute(t);
        t.slot("__init__", (self, args, kw) -> {
            if (kw != 0 && Dicts.size(kw) > 0) {
                throw PyRaise.typeError("%s() takes no keyword arguments", Types.name(self));
            }
            long old = Mem.getLong(self + Exceptions.ARGS);
            Mem.putLong(self + Exceptions.ARGS, ObjectMethods.tuple(args));
            Native.xdecref(old);
            return Singletons.NONE;
        });
        t.method("with_traceback", (self, args, kw) -> {
            long tb = Args.one(q(self, "with_traceback"), args, kw);
            if (tb != Singletons.NONE) {
                throw PyRaise.typeError("__traceback__ must be a traceback or None");
            }
            replace(self, Exceptions.TRACEBACK, tb);
            return Heap.newRef(self);
        });
        t.method("add_note", (self, args, kw) -> {
            long note = Args.one(q(self, "add_note"), args, kw);
            if (!Strs.isStr(note)) {
                throw PyRaise.typeError("note must be a str, not '%s'", Types.name(note));
            }
            long d = excDict(self);
            long key = Strs.intern("__notes__");
            long notes = Dicts.getRef(d, key);
            if (notes == 0) {
                notes = Lists.create(0);
                Dicts.set(d, key, notes);
            }
            try {
                if (Types.kindOf(notes) != TypeKind.LIST) {
                    throw PyRaise.typeError("Cannot add note: __notes__ is not a list");
                }
                Lists.append(notes, note);
            } finally {
                Native.decref(notes);
            }
            return Singletons.NONE;
        });
        t.method("__reduce__", (self, args, kw) -> {
            Args.none(q(self, "__reduce__"), args, kw);
            long a = Exceptions.args(self) == 0 ? Tuples.empty() : Exceptions.args(self);
            long d = Mem.getLong(self + EXC_DICT);
            if (d != 0 && Dicts.size(d) > 0) {
                return Tuples.of(Heap.newRef(Heap.type(self)), Heap.newRef(a), Heap.newRef(d));
            }
            return Tuples.of(Heap.newRef(Heap.type(self)), Heap.newRef(a));
        });
        t.method("__setstate__", (self, args, kw) -> {
            long state = Args.one(q(self, "__setstate__"), args, kw);
            if (state == Singletons.NONE) {
                return Singletons.NONE;
            }
            if (!Dicts.isDict(state)) {
                throw PyRaise.typeError("state is not a dictionary");
            }
            long[] kv = Dicts.items(state);
            try {
                for (int i = 0; i < kv.length; i += 2) {
                    Attributes.set(self, kv[i], kv[i + 1]);
                }
            } finally {
                for (long r : kv) {
                    Native.decref(r);
                }
            }
            return Singletons.NONE;
        });
        return t;
    }

    /** BaseException.__new__(cls, *args): an instance with those args, whatever the keywords. */
    static void exceptionNew() {
        new BuiltinTable().staticMethod("__new__", (self, args, kw) -> {
            if (args.length == 0) {
                throw PyRaise.typeError("BaseException.__new__(): not enough arguments");
            }
            long cls = args[0];
            if (!Types.isType(cls)) {
                throw PyRaise.typeError("BaseException.__new__(X): X is not a type object (%s)", Types.name(cls));
            }
            if (!Types.isSubtype(cls, Exceptions.BaseException)) {
                throw PyRaise.typeError("BaseException.__new__(%s): %s is not a subtype of BaseException",
                        Types.of(cls).name(), Types.of(cls).name());
            }
            return Exceptions.instantiate(cls, ObjectMethods.tuple(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }).install(Exceptions.BaseException);
    }

    /** slice: start, stop, step members and indices(). */
    static BuiltinTable slice() {
        BuiltinTable t = new BuiltinTable();
        t.member("start", BuiltinTable.T_OBJECT, Objects.SL_START);
        t.member("stop", BuiltinTable.T_OBJECT, Objects.SL_STOP);
        t.member("step", BuiltinTable.T_OBJECT, Objects.SL_STEP);
        Slots.repr(t);
        t.method("__reduce__", (self, args, kw) -> {
            Args.none(q(self, "__reduce__"), args, kw);
            return Tuples.of(Heap.newRef(Types.SLICE), Tuples.of(Heap.newRef(Mem.getLong(self + Objects.SL_START)),
                    Heap.newRef(Mem.getLong(self + Objects.SL_STOP)), Heap.newRef(Mem.getLong(self + Objects.SL_STEP))));
        });
        t.method("indices", (self, args, kw) -> {
            long n = ContainerMethods.ssize(Args.one(q(self, "indices"), args, kw));
            if (n < 0) {
                throw PyRaise.valueError("length should not be negative");
            }
            long[] r = StrMethods.sliceIndices(self, n);
            return Tuples.of(dev.ftcheck.runtime.obj.Ints.fromLong(r[0]), dev.ftcheck.runtime.obj.Ints.fromLong(r[1]),
                    dev.ftcheck.runtime.obj.Ints.fromLong(r[2]));
        });
        return t;
    }
}
