package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;

/**
 * The tp_dealloc of every built-in type (and the default one extension types inherit): runs when the native
 * reference count reaches zero, releases what the object holds, then frees its storage.
 */
public final class Dealloc {
    private Dealloc() {}

    public static void dealloc(long op) {
        long type = Heap.type(op);
        PyType t = Types.of(type);
        switch (t.kind) {
            case STR -> Strs.dealloc(op);
            case BYTEARRAY -> Bytes.deallocByteArray(op);
            case TUPLE -> Tuples.dealloc(op);
            case LIST -> Lists.dealloc(op);
            case DICT -> Dicts.dealloc(op);
            case SET, FROZENSET -> Sets.dealloc(op);
            case MODULE -> Modules.dealloc(op);
            case CFUNCTION -> CFunctions.dealloc(op);
            case EXCEPTION -> Exceptions.dealloc(op);
            case TYPE -> TypeReady.deallocHeapType(op);
            case CAPSULE, SLICE, WEAKREF, ITERATOR -> Objects.deallocOther(op, t.kind);
            case CONTEXT, CONTEXTVAR, CONTEXT_TOKEN -> Contexts.dealloc(op, t.kind);
            case CODE -> Codes.dealloc(op);
            case FRAME -> Frames.deallocFrame(op);
            case TRACEBACK -> Frames.deallocTraceback(op);
            case SUPER -> PyClasses.dealloc(op);
            case FUNCTION, BOUND_METHOD, INSTANCEMETHOD, CLASSMETHOD, STATICMETHOD -> Funcs.dealloc(op, t.kind);
            case EXTENSION -> {
                long dictOffset = Mem.getLong(type + TP_DICTOFFSET);
                if (dictOffset > 0) {
                    Native.xdecref(Mem.getLong(op + dictOffset));
                }
                ManagedDicts.clear(op);
                Weakrefs.clear(op);
                switch (Types.builtinKind(op)) {   // an extension subclass of list or dict: its items
                    case LIST -> Lists.dealloc(op);
                    case DICT -> Dicts.dealloc(op);
                    case TYPE -> TypeReady.deallocHeapType(op);   // a class made by a metaclass
                    default -> { }
                }
            }
            default -> { }
        }
        if (Heap.removeState(op) instanceof Heap.Owner owner) {
            owner.release();
        }
        long free = Mem.getLong(type + TP_FREE);
        if (free != 0) {
            Downcalls.void1(free, op);
        } else {
            Native.objectFree(op);
        }
        if ((Mem.getLong(type + TP_FLAGS) & TPF_HEAPTYPE) != 0) {
            Native.decref(type);
        }
    }
}
