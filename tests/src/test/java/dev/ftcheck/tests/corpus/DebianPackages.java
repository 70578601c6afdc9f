package dev.ftcheck.tests.corpus;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Binary packages from Debian's archive, unpacked (never installed) into the cache, for tests outside this package:
 * {@link DebianArchive} and its private apt configuration stay package-private.
 */
public final class DebianPackages {
    private DebianPackages() {}

    /**
     * The files of binary package {@code pkg} from {@code suite}, unpacked into a folder of their own (fetched once,
     * then served from the cache).
     *
     * @throws IOException when the archive cannot be reached or does not serve the package; the message says why
     */
    public static Path unpacked(String pkg, String suite) throws IOException {
        try {
            return DebianArchive.inCache().unpacked(pkg, suite);
        } catch (DebianArchive.Unavailable e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
