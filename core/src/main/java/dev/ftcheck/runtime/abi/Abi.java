package dev.ftcheck.runtime.abi;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A free-threaded CPython ABI the runtime serves: the header tree extensions compile against, the bridge library
 * built from it, and the file suffix CPython gives its extension modules. Object layouts differ between the two
 * (a 3.14 tuple caches its hash before its items), so one process serves one of them (docs/capi-abi.md).
 */
public enum Abi {
    V3_13(13),
    V3_14(14);

    /** What {@code ftcheck config} and a run without {@code --abi} use; a string so CLI defaults can name it. */
    public static final String DEFAULT_VERSION = "3.13";

    public static final Abi DEFAULT = parse(DEFAULT_VERSION).orElseThrow();

    private final int minor;

    Abi(int minor) {
        this.minor = minor;
    }

    /** "3.13" or "3.14", as {@code --abi} spells it. */
    public String version() {
        return "3." + minor;
    }

    public int minor() {
        return minor;
    }

    /** The per-ABI folder name in the runtime home, as CPython names its include folder: {@code python3.14t}. */
    public String dirName() {
        return "python3." + minor + "t";
    }

    /** {@code .cpython-314t-x86_64-linux-gnu.so}. */
    public String extensionSuffix() {
        return ".cpython-3" + minor + "t-x86_64-linux-gnu.so";
    }

    /** The cp tag of a wheel or file name: {@code cp314t}. */
    public String tag() {
        return "cp3" + minor + "t";
    }

    public static Optional<Abi> parse(String version) {
        return Arrays.stream(values()).filter(a -> a.version().equals(version)).findFirst();
    }

    /** The ABI a file's name says it was built for ({@code m.cpython-313t-…so}); empty for a plain {@code m.so}. */
    public static Optional<Abi> ofFileName(String fileName) {
        return Arrays.stream(values()).filter(a -> fileName.endsWith(a.extensionSuffix())).findFirst();
    }

    /** "3.13, 3.14" for messages. */
    public static String versions() {
        return Arrays.stream(values()).map(Abi::version).collect(Collectors.joining(", "));
    }
}
