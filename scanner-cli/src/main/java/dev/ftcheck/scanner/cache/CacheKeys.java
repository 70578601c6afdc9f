package dev.ftcheck.scanner.cache;

import dev.ftcheck.scanner.ScanOptions;
import dev.ftcheck.scanner.SkippedPath;
import dev.ftcheck.scanner.api.FileKind;
import dev.ftcheck.scanner.api.Rule;
import dev.ftcheck.scanner.rules.MinimumPython;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What cache entries are keyed by. A file entry's key covers everything the file rules' output for that file can
 * depend on: the cache format, the scanner's code ({@link CodeFingerprint}), the file rules in order, the parse
 * limit, the file's display path, kind and absolute path, the lowest Python version its build files declare (the
 * one thing a file rule reads outside its file: {@link MinimumPython}, keyed by its value), and a hash of the
 * file's bytes ({@link #contentHash}). Keys are SHA-256 digests of these fields. The whole-result key adds the project rules, the discovery options, the roots, the paths discovery
 * skipped and every input's key in order. Nothing is keyed by modification time.
 */
public final class CacheKeys {
    /** Bump on any change to the entry format or to what an entry means. */
    static final int FORMAT_VERSION = 1;

    private final Key fileRules;
    private final Key scan;
    private final Map<Path, String> pythonFloorByDir = new ConcurrentHashMap<>();

    private CacheKeys(Key fileRules, Key scan) {
        this.fileRules = fileRules;
        this.scan = scan;
    }

    /** Keys for a scanner with these rules and options. */
    public static CacheKeys of(List<? extends Rule> fileRules, List<? extends Rule> projectRules, ScanOptions options) {
        List<Class<?>> code = new ArrayList<>();
        code.add(dev.ftcheck.scanner.Scanner.class);
        Digest d = new Digest().add("ftcheck file rules").add(FORMAT_VERSION);
        for (Rule r : fileRules) {
            d.add(r.getClass().getName()).add(r.metadata().code());
            code.add(r.getClass());
        }
        for (Rule r : projectRules) {
            code.add(r.getClass());
        }
        CodeFingerprint.addTo(d, code);
        d.add(options.maxParseBytes()).add(options.maxReadBytes());
        Key fileKey = d.key();

        Digest s = new Digest().add("ftcheck scan").add(fileKey);
        for (Rule r : projectRules) {
            s.add(r.getClass().getName()).add(r.metadata().code());
        }
        s.add(String.join("\0", options.excludes())).add(options.defaultExcludes()).add(options.respectGitignore());
        s.add(options.configFile() == null ? null : options.configFile().toAbsolutePath().normalize().toString());
        s.add(String.join("\0", options.configExcludes()));
        return new CacheKeys(fileKey, s.key());
    }

    /**
     * These keys for one scan: build files may change between two scans by the same scanner, so what was read from
     * them is remembered for one scan only.
     */
    public CacheKeys forScan() {
        return new CacheKeys(fileRules, scan);
    }

    /**
     * A file's bytes hashed with SHA-512/256: the SHA-2 variant built on 64-bit words, 256 bits like SHA-256 but
     * about 1.8x faster where SHA-256 gets no CPU instructions (the launcher's C1-only JIT), and hashing every input
     * is most of what a re-scan of an unchanged tree costs.
     */
    public static byte[] contentHash(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-512/256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512/256 is required of every Java runtime", e);
        }
    }

    /** The key of one input's per-file entry. */
    public Key file(String displayPath, FileKind kind, Path path, byte[] contentHash) {
        Digest d = new Digest().add("file").add(fileRules).add(displayPath).add(kind.name())
                .add(path.toAbsolutePath().normalize().toString());
        if (kind.isCFamily()) {
            d.add(pythonFloor(path));
        }
        return d.add(contentHash).key();
    }

    /** The key of a file's entry for the linked-code pass (a separate analysis of the same bytes). */
    public Key linked(Key file) {
        return new Digest().add("linked").add(file).key();
    }

    /** Which pack holds this scan's entries: one per scanner configuration and set of roots. */
    public String packName(List<String> roots) {
        Digest d = new Digest().add("pack").add(scan);
        for (String r : roots) {
            d.add(Path.of(r).toAbsolutePath().normalize().toString());
        }
        return d.key().toString().substring(0, 32);
    }

    /** Starts the whole-result key; add every input in order, then {@link ResultKey#key()}. */
    public ResultKey result(List<String> roots, List<SkippedPath> discoverySkipped) {
        return new ResultKey(scanDigest("result", roots, discoverySkipped));
    }

    /** What a table of input stats must match besides the inputs: the configuration, roots, discovery's skips. */
    public Key shape(List<String> roots, List<SkippedPath> discoverySkipped) {
        return scanDigest("shape", roots, discoverySkipped).key();
    }

    private Digest scanDigest(String kind, List<String> roots, List<SkippedPath> discoverySkipped) {
        Digest d = new Digest().add(kind).add(scan);
        for (String r : roots) {
            d.add(r).add(Path.of(r).toAbsolutePath().normalize().toString());
        }
        for (SkippedPath s : discoverySkipped) {
            d.add(s.path()).add(s.reason());
        }
        return d;
    }

    /** The whole-result key under construction. */
    public static final class ResultKey {
        private final Digest d;

        private ResultKey(Digest d) {
            this.d = d;
        }

        /** An input that was read: its file key. */
        public void add(Key file) {
            d.add(true).add(file);
        }

        /** An input that could not be read, with why. */
        public void add(String displayPath, String reason) {
            d.add(false).add(displayPath).add(reason);
        }

        public Key key() {
            return d.key();
        }
    }

    /** {@link MinimumPython} depends only on the file's folder: looked up once per folder and scan. */
    private String pythonFloor(Path file) {
        Path dir = file.toAbsolutePath().normalize().getParent();
        if (dir == null) {
            return "none";
        }
        return pythonFloorByDir.computeIfAbsent(dir, k -> {
            int[] v = MinimumPython.of(file);
            return v == null ? "none" : v[0] + "." + v[1];
        });
    }
}
