package dev.ftcheck.tests.corpus;

import dev.ftcheck.tests.support.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Debian's archive through a private apt configuration under the cache folder: its own source list, state, list
 * and cache folders, so the system's apt setup is never read or changed. Fetches upstream {@code .orig} tarballs by
 * package and version, and binary packages (for headers and libraries a build needs) to be unpacked, never installed.
 */
final class DebianArchive {
    static final List<String> SUITES = List.of("bookworm", "trixie", "forky");
    private static final String MIRROR = "http://deb.debian.org/debian";
    private static final String KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";
    private static final Duration LIST_MAX_AGE = Duration.ofDays(7);

    /** A package or file the archive does not serve (a 404 is final) or cannot be reached for. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private final Path root;
    private boolean updated;

    DebianArchive(Path root) {
        this.root = root;
    }

    static DebianArchive inCache() {
        return new DebianArchive(CacheDir.root().resolve("debian"));
    }

    /** The upstream tarball of {@code pkg} at {@code version}, checked against {@code sha256}; cached. */
    synchronized Path source(String pkg, String version, String tarball, String sha256) throws Unavailable {
        Path dir = root.resolve("sources");
        Path file = dir.resolve(tarball);
        if (Files.isRegularFile(file) && sha256(file).equals(sha256)) {
            return file;
        }
        ensureLists();
        mkdirs(dir);
        Processes.Run r = apt(dir, "apt-get", "source", "--download-only", "--tar-only", pkg + "=" + version);
        if (!r.ok() || !Files.isRegularFile(file)) {
            throw new Unavailable("apt-get source " + pkg + "=" + version + " did not give " + tarball + ": "
                    + lastLines(r));
        }
        String actual = sha256(file);
        if (!actual.equals(sha256)) {
            throw new Unavailable(tarball + " has sha256 " + actual + ", the manifest pins " + sha256);
        }
        return file;
    }

    /**
     * The files of binary package {@code pkg} from {@code suite}, unpacked (dpkg-deb -x) into a folder of their
     * own, which is returned; cached by the .deb's name.
     */
    synchronized Path unpacked(String pkg, String suite) throws Unavailable {
        Path debs = root.resolve("debs").resolve(suite);
        mkdirs(debs);
        Path marker = debs.resolve(pkg + ".unpacked");
        if (Files.isRegularFile(marker)) {
            return Path.of(read(marker).strip());
        }
        ensureLists();
        Processes.Run r = apt(debs, "apt-get", "download", pkg + "/" + suite);
        Path deb;
        try (Stream<Path> s = Files.list(debs)) {
            deb = s.filter(p -> p.getFileName().toString().startsWith(pkg + "_")
                    && p.getFileName().toString().endsWith(".deb")).findFirst().orElse(null);
        } catch (IOException e) {
            throw new Unavailable("cannot list " + debs + ": " + e.getMessage());
        }
        if (!r.ok() || deb == null) {
            throw new Unavailable("apt-get download " + pkg + "/" + suite + " failed: " + lastLines(r));
        }
        Path into = debs.resolve(deb.getFileName().toString().replaceAll("\\.deb$", ""));
        Processes.Run x = Processes.run(null, List.of("dpkg-deb", "-x", deb.toString(), into.toString()), Map.of(),
                true, Duration.ofMinutes(2));
        if (!x.ok()) {
            throw new Unavailable("dpkg-deb -x " + deb + " failed: " + lastLines(x));
        }
        write(marker, into.toString());
        return into;
    }

    /** apt's lists for our sources, refreshed once per process when missing or older than a week. */
    private void ensureLists() throws Unavailable {
        if (updated) {
            return;
        }
        Path lists = root.resolve("lists");
        Path stamp = root.resolve("lists.stamp");
        mkdirs(lists.resolve("partial"));
        mkdirs(root.resolve("cache/archives/partial"));
        mkdirs(root.resolve("preferences.d"));
        StringBuilder src = new StringBuilder("# ftcheck's private apt sources (never the system's)\n");
        for (String suite : SUITES) {
            src.append("deb-src [signed-by=").append(KEYRING).append("] ").append(MIRROR).append(' ').append(suite)
                    .append(" main\n");
            src.append("deb [arch=amd64 signed-by=").append(KEYRING).append("] ").append(MIRROR).append(' ')
                    .append(suite).append(" main\n");
        }
        write(root.resolve("sources.list"), src.toString());
        boolean fresh = false;
        try {
            fresh = Files.isRegularFile(stamp) && Files.getLastModifiedTime(stamp).toInstant()
                    .isAfter(Instant.now().minus(LIST_MAX_AGE));
        } catch (IOException e) {
            // treated as stale
        }
        if (!fresh) {
            Processes.Run r = apt(root, "apt-get", "update");
            if (!r.ok()) {
                throw new Unavailable("apt-get update with ftcheck's private sources failed: " + lastLines(r));
            }
            write(stamp, Instant.now().toString());
            try {
                Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
            } catch (IOException e) {
                // the stamp's content is enough to retry next time
            }
        }
        updated = true;
    }

    private Processes.Run apt(Path dir, String... cmd) {
        List<String> argv = new ArrayList<>(List.of(cmd[0]));
        for (String[] o : new String[][] {
            {"Dir::Etc::SourceList", root.resolve("sources.list").toString()},
            {"Dir::Etc::SourceParts", "/dev/null"},
            {"Dir::Etc::PreferencesParts", root.resolve("preferences.d").toString()},
            {"Dir::State::Lists", root.resolve("lists").toString()},
            {"Dir::State::status", "/dev/null"},
            {"Dir::Cache", root.resolve("cache").toString()},
            {"APT::Sandbox::User", "root"},
            {"Debug::NoLocking", "true"},
            {"Acquire::Retries", "2"},
        }) {
            argv.add("-o");
            argv.add(o[0] + "=" + o[1]);
        }
        argv.addAll(List.of(cmd).subList(1, cmd.length));
        return Processes.run(dir, argv, Map.of("LC_ALL", "C"), true, Duration.ofMinutes(10));
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static String lastLines(Processes.Run r) {
        String s = (r.problem() == null ? "" : r.problem() + "; ") + r.out().strip();
        String[] lines = s.split("\n");
        return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }

    private static void mkdirs(Path p) throws Unavailable {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new Unavailable("cannot create " + p + ": " + e.getMessage());
        }
    }

    private static void write(Path p, String s) throws Unavailable {
        try {
            Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
            Files.writeString(tmp, s);
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Unavailable("cannot write " + p + ": " + e.getMessage());
        }
    }

    private static String read(Path p) throws Unavailable {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new Unavailable("cannot read " + p + ": " + e.getMessage());
        }
    }
}
