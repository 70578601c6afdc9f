package dev.ftcheck.runtime;

/**
 * A Python exception that escaped to Java: its class name (as Python prints it, e.g. {@code TypeError} or
 * {@code mymod.Error}) and its message (str of the exception).
 */
public final class PythonException extends RuntimeException {
    private final String pythonType;
    private final String pythonMessage;

    public PythonException(String pythonType, String pythonMessage) {
        super(pythonMessage.isEmpty() ? pythonType : pythonType + ": " + pythonMessage);
        this.pythonType = pythonType;
        this.pythonMessage = pythonMessage;
    }

    public String pythonType() {
        return pythonType;
    }

    public String pythonMessage() {
        return pythonMessage;
    }
}
