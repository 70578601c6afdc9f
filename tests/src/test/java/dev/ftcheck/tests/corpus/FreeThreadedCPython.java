package dev.ftcheck.tests.corpus;

import dev.ftcheck.tests.support.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real free-threaded CPython 3.13 ({@code ./configure --disable-gil}) built from Debian's python3.13 source
 * package and cached; about 6 minutes on 2 cores the first time.
 */
final class FreeThreadedCPython {
    static final String PACKAGE = "python3.13";
    static final String VERSION = "3.13.15-1";
    static final String TARBALL = "python3.13_3.13.15.orig.tar.xz";
    static final String SHA256 = "1e66a7945a48390ee4c2a4268a0e4185884059a13c4aab6d148aa208deea4a76";
    static final String UPSTREAM = "3.13.15";

    private final DebianArchive archive;
    private final Path home;

    FreeThreadedCPython(DebianArchive archive, Path cacheRoot) {
        this.archive = archive;
        this.home = cacheRoot.resolve("cpython").resolve(UPSTREAM + "t");
    }

    /** The cached interpreter, if a previous build finished. */
    Optional<ReferencePython> cached() {
        return ReferencePython.inspect(home.resolve("bin/python3.13t")).filter(ReferencePython::freeThreaded);
    }

    /** The cached interpreter, building it first if needed; the log of a failed step is in the message. */
    ReferencePython obtain() throws DebianArchive.Unavailable {
        Optional<ReferencePython> c = cached();
        if (c.isPresent()) {
            return c.get();
        }
        Path tarball = archive.source(PACKAGE, VERSION, TARBALL, SHA256);
        Path work = home.resolveSibling("build-" + UPSTREAM + "t");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new DebianArchive.Unavailable("cannot create " + work + ": " + e.getMessage());
        }
        Path src = work.resolve("Python-" + UPSTREAM);
        step(work, Duration.ofMinutes(5), "tar", "xf", tarball.toString());
        step(src, Duration.ofMinutes(10), "./configure", "--disable-gil", "--prefix=" + home);
        step(src, Duration.ofMinutes(40), "make", "-j" + Runtime.getRuntime().availableProcessors());
        step(src, Duration.ofMinutes(10), "make", "install");
        return cached().orElseThrow(() -> new DebianArchive.Unavailable(
                "built CPython " + UPSTREAM + " but " + home.resolve("bin/python3.13t") + " is not free-threaded"));
    }

    private static void step(Path dir, Duration limit, String... cmd) throws DebianArchive.Unavailable {
        Processes.Run r = Processes.run(dir, List.of(cmd), Map.of("LC_ALL", "C"), true, limit);
        if (!r.ok()) {
            String out = r.out();
            throw new DebianArchive.Unavailable(String.join(" ", cmd) + " failed in " + dir + ": "
                    + (r.problem() != null ? r.problem() : "exit " + r.exitCode()) + "\n"
                    + out.substring(Math.max(0, out.length() - 2000)));
        }
    }
}
