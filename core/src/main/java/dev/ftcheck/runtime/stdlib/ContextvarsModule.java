package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.obj.Contexts;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;

/** {@code contextvars} (and {@code _contextvars}, where CPython defines them): the three types and copy_context. */
final class ContextvarsModule {
    private ContextvarsModule() {}

    static long create(String name) {
        long m = Modules.create(name);
        Modules.setAttr(m, "Context", Types.CONTEXT);
        Modules.setAttr(m, "ContextVar", Types.CONTEXTVAR);
        Modules.setAttr(m, "Token", Types.CONTEXT_TOKEN);
        new BuiltinTable().method("copy_context", (self, args, kw) -> {
            Args.none("_contextvars.copy_context", args, kw);
            return Contexts.copy(Contexts.current());
        }).installFunctions(m);
        return m;
    }
}
