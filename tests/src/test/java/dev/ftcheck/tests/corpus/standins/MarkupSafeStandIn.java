package dev.ftcheck.tests.corpus.standins;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyClasses;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import dev.ftcheck.runtime.obj.builtins.SpecialSlots;
import dev.ftcheck.runtime.stdlib.StandInModule;

/**
 * {@code markupsafe} as far as markupsafe 2.1.2's {@code _speedups} uses it: the class {@code Markup}, a str
 * subclass that its init imports and calls on escaped text. Markupsafe defines it in its {@code __init__.py}, which
 * the runtime cannot execute; the escaping itself is the extension's.
 */
public final class MarkupSafeStandIn implements StandInModule {
    @Override
    public String name() {
        return "markupsafe";
    }

    @Override
    public long create() {
        long m = Modules.create(name());
        long markup = markupClass();
        Modules.setAttr(m, "Markup", markup);
        Native.decref(markup);
        return m;
    }

    /** class Markup(str): construction is str's (the value unchanged); repr wraps str's; __html__ is self. */
    private static long markupClass() {
        long name = Strs.fromJava("Markup");
        long bases = Tuples.of(Heap.newRef(Types.STR));
        long ns = Dicts.create("markupsafe");
        Dicts.set(ns, Strs.intern("__module__"), Strs.intern("markupsafe"));
        try {
            long cls = PyClasses.create(Types.TYPE, name, bases, ns);
            new BuiltinTable()
                    .method("__repr__", (self, args, kw) -> {
                        Args.none("__repr__", args, kw);
                        return Strs.fromJava("Markup(" + Repr.quote(Strs.value(self)) + ")");
                    })
                    .method("__html__", (self, args, kw) -> {
                        Args.none("__html__", args, kw);
                        return Heap.newRef(self);
                    })
                    .install(cls);
            SpecialSlots.updated(cls, "__repr__"); // repr() goes through tp_repr, not the dict
            // the runtime has no str.__new__ for subclasses: str(args) made into an instance of cls
            BuiltinTable.constructor(cls, (type, args, kw) -> {
                long text = BuiltinTable.constructor(Types.STR).call(Types.STR, args, kw);
                try {
                    return Strs.ofSubtype(type, text);
                } finally {
                    Native.decref(text);
                }
            });
            return cls;
        } finally {
            Native.decref(name);
            Native.decref(bases);
            Native.decref(ns);
        }
    }
}
