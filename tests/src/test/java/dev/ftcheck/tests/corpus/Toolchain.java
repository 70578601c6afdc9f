package dev.ftcheck.tests.corpus;

import java.util.List;

/**
 * What compiling an extension for one target needs: include flags and the file-name suffix.
 *
 * @param description e.g. "CPython 3.13.15 free-threaded headers"
 * @param cflags      include folders and defines that select the ABI
 * @param extSuffix   e.g. {@code .cpython-313t-x86_64-linux-gnu.so}
 */
record Toolchain(String description, List<String> cflags, String extSuffix) {
    static Toolchain forPython(ReferencePython py) {
        return new Toolchain(py.description() + " headers", py.cflags(), py.extSuffix());
    }
}
