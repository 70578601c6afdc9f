package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;

/**
 * Method, member and getset descriptors created from an extension type's tp_methods/tp_members/tp_getset. The
 * native object carries {@code d_type} at 32 and the definition pointer at 56 (CPython's descriptor layout order);
 * binding and member access happen here.
 */
public final class Descriptors {
    static final long D_TYPE = 32, D_NAME = 40, D_QUALNAME = 48, D_DEF = 56;

    private Descriptors() {}

    public static long create(long descrType, long ownerType, long def) {
        long d = Heap.alloc(descrType, 72); // PyMethodDescrObject adds vectorcall (NULL here) after d_method
        Mem.putLong(d + D_TYPE, ownerType); // borrowed: the type owns its descriptors
        Mem.putLong(d + D_DEF, def);
        Mem.putLong(d + D_NAME, Strs.intern(Mem.cString(Mem.getLong(def)))); // every def starts with its name; immortal
        return d;
    }

    public static long def(long d) {
        return Mem.getLong(d + D_DEF);
    }

    public static long owner(long d) {
        return Mem.getLong(d + D_TYPE);
    }

    /** The value of descriptor d looked up on instance obj (new reference). */
    public static long bind(long d, long obj) {
        long bound = Funcs.bindOnInstance(d, obj);
        if (bound != 0) {
            return bound;
        }
        long def = def(d);
        switch (Types.kindOf(d)) {
            case METHOD_DESCR: {
                if (Heap.type(d) == Types.WRAPPER_DESCR) {
                    return CFunctions.createWrapper(def, obj);
                }
                int flags = CFunctions.flags(def);
                if ((flags & CFunctions.METH_STATIC) != 0) {
                    return CFunctions.create(def, 0, 0, 0);
                }
                long self = (flags & CFunctions.METH_CLASS) != 0 ? Heap.type(obj) : obj;
                long cls = (flags & CFunctions.METH_METHOD) != 0 ? owner(d) : 0;
                return CFunctions.create(def, self, 0, cls);
            }
            case MEMBER_DESCR:
                return Members.get(obj, def);
            case GETSET_DESCR: {
                long getter = Mem.getLong(def + 8);
                if (getter == 0) {
                    throw new PyRaise(Exceptions.AttributeError, "attribute '" + Mem.cString(Mem.getLong(def))
                            + "' of '" + Types.name(obj) + "' objects is not readable");
                }
                return Calls.checkResult(Downcalls.call2(getter, obj, Mem.getLong(def + 32)),
                        Mem.cString(Mem.getLong(def)));
            }
            case PROPERTY:
                return PyClasses.propertyGet(d, obj);
            default: {
                long get = extensionGet(d);
                if (get != 0) {
                    return Calls.checkResult(Downcalls.call3(get, d, obj, Heap.type(obj)), "__get__");
                }
                return Heap.newRef(d);
            }
        }
    }

    /** tp_descr_get of an extension type's descriptor (Cython's function objects), 0 for others. */
    static long extensionGet(long d) {
        PyType t = Types.typeOf(d);
        return t.builtin ? 0 : t.slot(Layout.TP_DESCR_GET);
    }

    /** Stores through descriptor d on obj; value 0 deletes. Returns false when d is not a data descriptor. */
    public static boolean set(long d, long obj, long value) {
        long def = def(d);
        switch (Types.kindOf(d)) {
            case MEMBER_DESCR:
                Members.set(obj, def, value);
                return true;
            case GETSET_DESCR: {
                long setter = Mem.getLong(def + 16);
                if (setter == 0) {
                    throw new PyRaise(Exceptions.AttributeError, "attribute '" + Mem.cString(Mem.getLong(def))
                            + "' of '" + Types.name(obj) + "' objects is not writable");
                }
                if (Downcalls.int3(setter, obj, value, Mem.getLong(def + 32)) < 0) {
                    throw ErrorAlreadySet.INSTANCE;
                }
                return true;
            }
            case PROPERTY:
                PyClasses.propertySet(d, obj, value);
                return true;
            default: {
                PyType t = Types.typeOf(d);
                long set = t.builtin ? 0 : t.slot(Layout.TP_DESCR_SET);
                if (set == 0) {
                    return false;
                }
                if (Downcalls.int3(set, d, obj, value) < 0) {
                    throw ErrorAlreadySet.INSTANCE;
                }
                return true;
            }
        }
    }

    public static String repr(long d) {
        String owner = Types.of(owner(d)).name();
        long t = Heap.type(d);
        if (t == Types.GETSET_DESCR || t == Types.MEMBER_DESCR) {
            String kind = t == Types.GETSET_DESCR ? "attribute" : "member";
            return "<" + kind + " '" + Mem.cString(Mem.getLong(def(d))) + "' of '" + owner + "' objects>";
        }
        String kind = t == Types.WRAPPER_DESCR ? "slot wrapper" : "method";
        return "<" + kind + " '" + name(d) + "' of '" + owner + "' objects>";
    }

    /** True for descriptors that take precedence over an instance's __dict__ (getset, member). */
    public static boolean isData(long d) {
        TypeKind k = Types.kindOf(d);
        if (k == TypeKind.GETSET_DESCR || k == TypeKind.MEMBER_DESCR || k == TypeKind.PROPERTY) {
            return true;
        }
        PyType t = Types.typeOf(d);
        return !t.builtin && t.slot(Layout.TP_DESCR_SET) != 0;
    }

    /** The name of a method, wrapper or classmethod descriptor. */
    public static String name(long d) {
        return CFunctions.name(def(d));
    }

    /**
     * Calls a method descriptor that was not bound: the first argument is self and must be an instance of the
     * descriptor's type (the type itself, a subclass, for a class method), as CPython checks.
     */
    public static long callUnbound(long d, long[] args, long kwargs) {
        long owner = owner(d);
        String ownerName = Types.of(owner).name();
        long descrType = Heap.type(d);
        if (args.length == 0) {
            if (descrType == Types.WRAPPER_DESCR) {
                throw PyRaise.typeError("descriptor '%s' of '%s' object needs an argument", name(d), ownerName);
            }
            throw PyRaise.typeError("unbound method %s.%s() needs an argument", ownerName, name(d));
        }
        long self = args[0];
        boolean classMethod = (CFunctions.flags(def(d)) & CFunctions.METH_CLASS) != 0;
        if (classMethod) {
            if (!Types.isType(self)) {
                throw PyRaise.typeError("descriptor '%s' for type '%s' needs a type, not a '%s' as arg 2",
                        name(d), ownerName, Types.name(self));
            }
            if (!Types.isSubtype(self, owner)) {
                throw PyRaise.typeError("descriptor '%s' requires a subtype of '%s' but received '%s'", name(d),
                        ownerName, Types.of(self).name());
            }
        } else if (!Types.isInstance(self, owner)) {
            if (descrType == Types.WRAPPER_DESCR) {
                throw PyRaise.typeError("descriptor '%s' requires a '%s' object but received a '%s'", name(d),
                        ownerName, Types.name(self));
            }
            throw PyRaise.typeError("descriptor '%s' for '%s' objects doesn't apply to a '%s' object", name(d),
                    ownerName, Types.name(self));
        }
        long bound = classMethod ? CFunctions.create(def(d), self, 0, 0) : bind(d, self);
        try {
            return Calls.call(bound, java.util.Arrays.copyOfRange(args, 1, args.length), kwargs);
        } finally {
            Native.decref(bound);
        }
    }

    public static void dealloc(long d) {
        // Definitions are static C data; the owner type is borrowed.
    }

    /** PyMemberDef access (type codes of structmember.h / descrobject.h). */
    public static final class Members {
        private Members() {}

        static long address(long obj, long def) {
            return obj + Mem.getLong(def + 16);
        }

        public static long get(long obj, long def) {
            long a = address(obj, def);
            int type = Mem.getInt(def + 8);
            return switch (type) {
                case 0 -> Ints.fromLong(Mem.getShort(a));
                case 1 -> Ints.fromLong(Mem.getInt(a));
                case 2, 17, 19 -> Ints.fromLong(Mem.getLong(a));
                case 3 -> Floats.fromDouble(Mem.getFloat(a));
                case 4 -> Floats.fromDouble(Mem.getDouble(a));
                case 5 -> {
                    long s = Mem.getLong(a);
                    yield s == 0 ? Singletons.NONE : Strs.fromJava(Mem.cString(s));
                }
                case 6, 16 -> {
                    long o = Mem.getLong(a);
                    if (o == 0) {
                        if (type == 16) {
                            throw new PyRaise(Exceptions.AttributeError,
                                    "'" + Types.name(obj) + "' object has no attribute '"
                                            + Mem.cString(Mem.getLong(def)) + "'");
                        }
                        yield Singletons.NONE;
                    }
                    yield Heap.newRef(o);
                }
                case 7 -> Strs.fromJava(String.valueOf((char) (Mem.getByte(a) & 0xff)));
                case 8 -> Ints.fromLong(Mem.getByte(a));
                case 9 -> Ints.fromLong(Mem.getByte(a) & 0xff);
                case 10 -> Ints.fromLong(Mem.getShort(a) & 0xffff);
                case 11 -> Ints.fromLong(Integer.toUnsignedLong(Mem.getInt(a)));
                case 12, 18 -> Ints.fromUnsigned(Mem.getLong(a));
                case 13 -> Strs.fromJava(Mem.cString(a));
                case 14 -> Singletons.bool(Mem.getByte(a) != 0);
                case 20 -> Singletons.NONE;
                default -> throw PyRaise.systemError("bad memberdescr type for %s", Mem.cString(Mem.getLong(def)));
            };
        }

        public static void set(long obj, long def, long value) {
            String name = Mem.cString(Mem.getLong(def));
            if ((Mem.getInt(def + 24) & 1) != 0) {
                throw new PyRaise(Exceptions.AttributeError, "readonly attribute");
            }
            long a = address(obj, def);
            int type = Mem.getInt(def + 8);
            if (value == 0 && type != 6 && type != 16) {
                throw PyRaise.typeError("can't delete numeric/char attribute");
            }
            switch (type) {
                case 0 -> Mem.putShort(a, (short) Ints.index(value).longValue());
                case 1, 11 -> Mem.putInt(a, (int) Ints.index(value).longValue());
                case 2, 12, 17, 18, 19 -> Mem.putLong(a, Ints.index(value).longValue());
                case 3 -> Mem.putFloat(a, (float) Floats.asDouble(value));
                case 4 -> Mem.putDouble(a, Floats.asDouble(value));
                case 8, 9 -> Mem.putByte(a, (byte) Ints.index(value).longValue());
                case 10 -> Mem.putShort(a, (short) Ints.index(value).longValue());
                case 14 -> {
                    if (value != Singletons.TRUE && value != Singletons.FALSE) {
                        throw PyRaise.typeError("attribute value type must be bool");
                    }
                    Mem.putByte(a, (byte) (value == Singletons.TRUE ? 1 : 0));
                }
                case 6, 16 -> {
                    long old = Mem.getLong(a);
                    if (value == 0 && type == 16 && old == 0) {
                        throw new PyRaise(Exceptions.AttributeError, name);
                    }
                    Mem.putLong(a, value == 0 ? 0 : Heap.newRef(value));
                    Native.xdecref(old);
                }
                default -> throw PyRaise.typeError("attribute '%s' cannot be assigned", name);
            }
        }
    }
}
