package dev.ftcheck.runtime.script;

import dev.ftcheck.runtime.script.Ast.*;
import java.util.List;
import java.util.Set;

/** Python's compile-time scoping for a function body: which names it binds (locals) and declares global. */
final class Scopes {
    private Scopes() {}

    /** Adds the names bound and the names declared global in body (not inside nested defs) to the sets. */
    static void collect(List<Stmt> body, Set<String> bound, Set<String> globals) {
        for (Stmt s : body) {
            switch (s) {
                case Assign a -> a.targets().forEach(t -> target(t, bound));
                case AugAssign a -> target(a.target(), bound);
                case For f -> {
                    target(f.target(), bound);
                    collect(f.body(), bound, globals);
                    collect(f.orElse(), bound, globals);
                }
                case While w -> {
                    collect(w.body(), bound, globals);
                    collect(w.orElse(), bound, globals);
                }
                case If i -> {
                    collect(i.body(), bound, globals);
                    collect(i.orElse(), bound, globals);
                }
                case Try t -> {
                    collect(t.body(), bound, globals);
                    for (Handler h : t.handlers()) {
                        if (h.name() != null) {
                            bound.add(h.name());
                        }
                        collect(h.body(), bound, globals);
                    }
                    collect(t.orElse(), bound, globals);
                    collect(t.finalBody(), bound, globals);
                }
                case Def d -> bound.add(d.name());
                case Import i -> i.names().forEach(a -> bound.add(a.asName() != null ? a.asName()
                        : a.name().split("\\.", 2)[0]));
                case ImportFrom i -> i.names().forEach(a -> bound.add(a.asName() != null ? a.asName() : a.name()));
                case Del d -> d.targets().forEach(t -> target(t, bound));
                case Global g -> globals.addAll(g.names());
                default -> { }
            }
        }
    }

    private static void target(Expr t, Set<String> bound) {
        switch (t) {
            case Name n -> bound.add(n.id());
            case TupleExpr tu -> tu.items().forEach(i -> target(i, bound));
            case ListExpr l -> l.items().forEach(i -> target(i, bound));
            default -> { } // attributes and subscripts bind no name
        }
    }
}
