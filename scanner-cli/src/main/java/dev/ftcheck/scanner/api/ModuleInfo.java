package dev.ftcheck.scanner.api;

/**
 * An extension module found by the module-gil analysis, for the report's {@code modules[]}.
 *
 * @param name the module name ({@code PyInit_<name>}, the {@code PyModuleDef} name or the Cython module)
 * @param file display path of the file that defines it
 * @param line 1-based line of its init function or definition
 * @param initStyle multi-phase ({@code PyModuleDef_Init} with slots) or single-phase ({@code PyModule_Create})
 * @param declaration whether and how it declares that it runs without the GIL
 * @param guard the preprocessor guard around the declaration, e.g. {@code #ifdef Py_GIL_DISABLED}, or null
 */
public record ModuleInfo(String name, String file, int line, InitStyle initStyle, GilDeclaration declaration,
        String guard) {

    public enum InitStyle {
        MULTI_PHASE("multi-phase"), SINGLE_PHASE("single-phase");

        private final String id;

        InitStyle(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** The module's free-threading declaration status. */
    public enum GilDeclaration {
        /** Declares {@code Py_MOD_GIL_NOT_USED} (slot, SetGIL, Cython directive, pybind11/nanobind option). */
        NOT_USED("gil-not-used"),
        /** Explicitly declares {@code Py_MOD_GIL_USED}: the GIL is re-enabled on import. */
        USED("gil-used"),
        /** No declaration: a free-threaded interpreter re-enables the GIL on import. */
        MISSING("missing");

        private final String id;

        GilDeclaration(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
