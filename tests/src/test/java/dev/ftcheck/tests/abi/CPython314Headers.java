package dev.ftcheck.tests.abi;

import dev.ftcheck.tests.corpus.CPythonHeaders;
import java.nio.file.Path;
import java.util.List;

/**
 * CPython 3.14's headers as Debian ships them (libpython3.14-dev from forky, unpacked into the cache, found by
 * {@link CPythonHeaders#debian314()}): the reference the 3.14 layout tests compare ftcheck's headers against,
 * compiled with {@code -DPy_GIL_DISABLED=1}. Debian builds the default (GIL) interpreter, but the free-threaded
 * layout follows from the same headers under that macro.
 */
final class CPython314Headers {
    /** The release whose layout ftcheck's 3.14 headers reproduce (patchlevel.h with _Py_FTCHECK_ABI_MINOR=14). */
    static final String PROBED_VERSION = "3.14.8";

    /**
     * Where the headers are, or why they are not available ({@code problem} non-null, the other fields null).
     * {@code python} is usr/include/python3.14; {@code usrInclude} is usr/include, needed because Debian's
     * pyconfig.h includes the multiarch x86_64-linux-gnu/python3.14/pyconfig.h.
     */
    record Located(Path python, Path usrInclude, String version, String problem, List<String> cflags) {}

    private CPython314Headers() {}

    static Located get() {
        CPythonHeaders.Located h = CPythonHeaders.debian314();
        if (h.problem() != null) {
            return new Located(null, null, null, h.problem(), List.of());
        }
        return new Located(h.includeDirs().get(0), h.includeDirs().get(1), h.version(), null, h.cflags());
    }
}
