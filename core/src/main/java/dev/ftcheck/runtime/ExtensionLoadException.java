package dev.ftcheck.runtime;

/** The file given to {@link FtRuntime#load} is not a loadable extension module (missing, not ELF, no PyInit_). */
public final class ExtensionLoadException extends RuntimeException {
    public ExtensionLoadException(String message) {
        super(message);
    }
}
