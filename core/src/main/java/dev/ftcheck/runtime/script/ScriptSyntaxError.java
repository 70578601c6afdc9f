package dev.ftcheck.runtime.script;

/**
 * A script that cannot run: invalid Python, or valid Python outside the subset ftcheck scripts support. Rendered as
 * {@code FILE:LINE:COL: message}, columns counted from 1 as CPython's SyntaxError does.
 */
public final class ScriptSyntaxError extends RuntimeException {
    private final String file;
    private final int line;
    private final int col;

    ScriptSyntaxError(String file, int line, int col, String message) {
        super(message, null, false, false);
        this.file = file;
        this.line = line;
        this.col = col;
    }

    /** Valid Python the subset leaves out (classes, lambdas, comprehensions...). */
    static ScriptSyntaxError unsupported(String file, int line, int col, String what) {
        return new ScriptSyntaxError(file, line, col, "syntax not supported by ftcheck scripts: " + what);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int col() {
        return col;
    }

    /** The one-line form: {@code FILE:LINE:COL: message}. */
    public String render() {
        return file + ":" + line + ":" + col + ": " + getMessage();
    }
}
