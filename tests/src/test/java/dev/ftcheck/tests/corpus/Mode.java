package dev.ftcheck.tests.corpus;

/** The three ways each corpus module is built and run. */
enum Mode {
    /** Built for a real CPython and run in it: the source of the expected values. */
    REFERENCE("reference"),
    /** Built against ftcheck's headers ({@code ftcheck config --cflags}) and run by {@code ftcheck run}. */
    FTCHECK("ftcheck"),
    /** Built against CPython 3.13's own free-threaded headers and loaded unmodified by {@code ftcheck run}. */
    BINARY("binary");

    final String label;

    Mode(String label) {
        this.label = label;
    }
}
