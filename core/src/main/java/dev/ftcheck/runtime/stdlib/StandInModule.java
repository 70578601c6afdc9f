package dev.ftcheck.runtime.stdlib;

/**
 * A module written in Java that extensions can import, for a module the runtime does not provide. Implementations
 * are found with {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.ftcheck.runtime.stdlib.StandInModule}
 * file in a jar given to {@code ftcheck run --stand-in JAR}, or on the class path of a Java program), or passed in
 * {@link dev.ftcheck.runtime.RuntimeOptions#withStandIns}. The first import of {@link #name()} calls
 * {@link #create()} once; the module is then kept in sys.modules.
 */
public interface StandInModule {
    /** The import name, dotted for a submodule ("mylib._speedups"). */
    String name();

    /**
     * A new reference to the module, called with the thread attached: typically {@code Modules.create(name())} and
     * its attributes ({@code Modules.setAttr}, {@code BuiltinTable.installFunctions}). Raising {@code PyRaise}
     * makes the import fail with that exception.
     */
    long create();
}
