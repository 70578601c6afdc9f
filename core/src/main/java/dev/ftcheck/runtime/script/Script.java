package dev.ftcheck.runtime.script;

/** A parsed script (a file, or one {@code --call}): parse once, run in any number of sessions and threads. */
public final class Script {
    final Ast.Program module;

    private Script(Ast.Program module) {
        this.module = module;
    }

    /** Parses source; {@link ScriptSyntaxError} when it is not Python or not in the supported subset. */
    public static Script parse(String file, String source) {
        return new Script(Parser.parse(file, source));
    }

    public String file() {
        return module.file();
    }

    /** Whether the script is one expression (whose value --call prints). */
    public boolean isExpression() {
        return module.body().size() == 1 && module.body().get(0) instanceof Ast.ExprStmt;
    }
}
