package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.TP_CALL;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.Weakrefs;

/** weakref.ReferenceType from Python: ref(obj[, callback]), calling it for the referent (None once dead). */
public final class WeakrefType {
    private WeakrefType() {}

    static void init() {
        long t = Types.WEAKREF;
        Mem.putLong(t + TP_CALL, NativeSlots.stub(WeakrefType.class, "callSlot"));
        BuiltinTable.constructor(t, (type, args, kw) -> {
            if (kw != 0 && dev.ftcheck.runtime.obj.Dicts.size(kw) > 0) {
                throw PyRaise.typeError("ref() takes no keyword arguments");
            }
            if (args.length < 1 || args.length > 2) {
                throw PyRaise.typeError("__new__ expected at %s, got %d",
                        args.length < 1 ? "least 1 argument" : "most 2 arguments", args.length);
            }
            return Weakrefs.newRef(args[0], args.length == 2 ? args[1] : 0);
        });
        BuiltinTable table = new BuiltinTable();
        table.slot("__call__", (self, args, kw) -> {
            Args.none("weakref", args, kw);
            return referent(self);
        });
        table.getter("__callback__", self -> {
            long cb = Mem.getLong(self + 40);
            return Heap.newRef(cb != 0 ? cb : Singletons.NONE);
        });
        table.install(t);
    }

    private static long referent(long self) {
        long o = Weakrefs.get(self);
        return o != 0 ? o : Heap.newRef(Singletons.NONE);
    }

    private static long callSlot(long self, long args, long kw) {
        try {
            if (Tuples.size(args) != 0 || kw != 0 && dev.ftcheck.runtime.obj.Dicts.size(kw) > 0) {
                throw PyRaise.typeError("weakref expected 0 arguments, got %d", Tuples.size(args));
            }
            return referent(self);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "weakref");
            return 0;
        }
    }
}
