package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;

/**
 * The modules {@code --stub-module NAME} provides: empty, so that an extension whose initialisation imports a
 * module the runtime cannot provide still loads; a module-level __getattr__ makes every attribute read fail with
 * an AttributeError that names the attribute and the stub.
 */
public final class StubModules {
    private StubModules() {}

    /** A new stub module called name (a new reference). */
    public static long create(String name) {
        long m = Modules.create(name);
        new BuiltinTable().method("__getattr__", (self, args, kw) -> {
            long attr = Args.one("__getattr__", args, kw);
            throw new PyRaise(Exceptions.AttributeError, "module '" + name + "' has no attribute '"
                    + (Strs.isStr(attr) ? Strs.value(attr) : "?") + "' (ftcheck: '" + name
                    + "' is an empty stub made by --stub-module)");
        }).installFunctions(m);
        return m;
    }
}
