package dev.ftcheck.tests.corpus;

import java.util.Locale;

/** The ways each corpus module is built and run: the reference, and per ABI our headers and CPython's. */
enum Mode {
    /** Built for a real CPython 3.13 and run in it: the source of the expected values, for both ABIs. */
    REFERENCE("reference", "3.13"),
    /** Built against ftcheck's headers ({@code ftcheck config --cflags}) and run by {@code ftcheck run}. */
    FTCHECK("ftcheck", "3.13"),
    /** Built against CPython 3.13's own free-threaded headers and loaded unmodified by {@code ftcheck run}. */
    BINARY("binary", "3.13"),
    /** Built against ftcheck's 3.14 headers ({@code ftcheck config --abi 3.14 --cflags}), run in the 3.14 runtime. */
    FTCHECK_314("ftcheck-3.14", "3.14"),
    /**
     * Built against CPython 3.14's own headers (Debian's libpython3.14-dev, {@code -DPy_GIL_DISABLED=1}) and loaded
     * unmodified by {@code ftcheck run} in the 3.14 runtime.
     */
    BINARY_314("binary-3.14", "3.14");

    final String label;
    /** The CPython ABI ({@code major.minor}) the mode's modules are built for and served. */
    final String abi;

    Mode(String label, String abi) {
        this.label = label;
        this.abi = abi;
    }

    /** The mode of the same kind in the 3.13 ABI: what a 3.14 mode's pass count is held to. */
    Mode in313() {
        return switch (this) {
            case FTCHECK_314 -> FTCHECK;
            case BINARY_314 -> BINARY;
            default -> this;
        };
    }

    /** By label ({@code ftcheck-3.14}) or constant name ({@code FTCHECK_314}), any case. */
    static Mode of(String s) {
        String t = s.strip();
        for (Mode m : values()) {
            if (m.label.equalsIgnoreCase(t) || m.name().equalsIgnoreCase(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown corpus mode " + s + "; the modes: reference, ftcheck, binary,"
                + " ftcheck-3.14, binary-3.14");
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
