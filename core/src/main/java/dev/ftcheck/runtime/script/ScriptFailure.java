package dev.ftcheck.runtime.script;

/**
 * A Python exception no {@code except} in the script caught, as Java sees it: type name (builtins without the
 * module, others qualified), message (str of the exception), and the script file and line where it was raised.
 */
public final class ScriptFailure extends RuntimeException {
    private final String pythonType;
    private final String pythonMessage;
    private final String file;
    private final int line;

    ScriptFailure(String pythonType, String pythonMessage, String file, int line) {
        super(pythonType + (pythonMessage.isEmpty() ? "" : ": " + pythonMessage), null, false, false);
        this.pythonType = pythonType;
        this.pythonMessage = pythonMessage;
        this.file = file;
        this.line = line;
    }

    public String pythonType() {
        return pythonType;
    }

    public String pythonMessage() {
        return pythonMessage;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** {@code Type: message}, or just the type when the message is empty, as CPython's last traceback line. */
    public String exceptionText() {
        return getMessage();
    }

    /** {@code FILE:LINE: Type: message}. */
    public String render() {
        return file + ":" + line + ": " + getMessage();
    }
}
