package dev.ftcheck.runtime.script;

/**
 * A Python exception no {@code except} in the script caught, as Java sees it: type name (builtins without the
 * module, others qualified), message (str of the exception), and the script file and line where it was raised.
 */
public final class ScriptFailure extends RuntimeException {
    /** One traceback entry, as CPython prints it: {@code File "FILE", line LINE, in FUNCTION}. */
    public record TracebackEntry(String file, int line, String function) {}

    private final String pythonType;
    private final String pythonMessage;
    private final String file;
    private final int line;
    private final java.util.List<TracebackEntry> extensionFrames;

    ScriptFailure(String pythonType, String pythonMessage, String file, int line,
            java.util.List<TracebackEntry> extensionFrames) {
        super(pythonType + (pythonMessage.isEmpty() ? "" : ": " + pythonMessage), null, false, false);
        this.pythonType = pythonType;
        this.pythonMessage = pythonMessage;
        this.file = file;
        this.line = line;
        this.extensionFrames = java.util.List.copyOf(extensionFrames);
    }

    /**
     * The exception's traceback, outermost first: the script's own frame (its file, the line, {@code <module>})
     * and then the entries extension code added with PyTraceBack_Here (Cython's .pyx frames, say).
     */
    public java.util.List<TracebackEntry> traceback() {
        java.util.List<TracebackEntry> all = new java.util.ArrayList<>();
        all.add(new TracebackEntry(file, line, "<module>"));
        all.addAll(extensionFrames);
        return all;
    }

    /** Whether extension code added traceback entries (what makes printing the traceback worth it). */
    public boolean hasExtensionFrames() {
        return !extensionFrames.isEmpty();
    }

    /** The traceback in CPython's format, ending with the {@code Type: message} line (no final newline). */
    public String renderTraceback() {
        StringBuilder b = new StringBuilder("Traceback (most recent call last):");
        for (TracebackEntry e : traceback()) {
            b.append("\n  File \"").append(e.file()).append("\", line ").append(e.line()).append(", in ")
                    .append(e.function());
        }
        return b.append("\n").append(getMessage()).toString();
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
