package dev.ftcheck.runtime;

import java.nio.file.Path;

/**
 * A loaded extension module. {@link #call} converts arguments to Python, calls the module-level callable and
 * converts the result back; safe from many threads at once (serialised only if the GIL is on).
 */
public final class ExtensionModule {
    /** How the module initialised. */
    public enum InitStyle {
        SINGLE_PHASE("single-phase"), MULTI_PHASE("multi-phase");

        public final String label;

        InitStyle(String label) {
            this.label = label;
        }
    }

    private final FtRuntime runtime;
    private final String name;
    private final Path path;
    final long module;
    private final InitStyle initStyle;
    private final String gilDeclaration;

    ExtensionModule(FtRuntime runtime, String name, Path path, long module, InitStyle initStyle,
            String gilDeclaration) {
        this.runtime = runtime;
        this.name = name;
        this.path = path;
        this.module = module;
        this.initStyle = initStyle;
        this.gilDeclaration = gilDeclaration;
    }

    public String name() {
        return name;
    }

    public Path path() {
        return path;
    }

    public InitStyle initStyle() {
        return initStyle;
    }

    /** "Py_MOD_GIL_NOT_USED", "Py_MOD_GIL_USED" or "none (the GIL is required by default)". */
    public String gilDeclaration() {
        return gilDeclaration;
    }

    public boolean declaresGilNotUsed() {
        return gilDeclaration.equals("Py_MOD_GIL_NOT_USED");
    }

    /** module.name(*args), converted to Java; Python exceptions surface as {@link PythonException}. */
    public Object call(String function, Object... args) {
        return invoke(function, args).value();
    }

    /** Like {@link #call} but also returns the Python repr of the result. */
    public FtRuntime.CallResult invoke(String function, Object... args) {
        return runtime.invokeAttr(module, name, function, args);
    }

    /** A module attribute converted to Java. */
    public Object getAttr(String attr) {
        return runtime.getAttr(module, attr);
    }
}
