package dev.ftcheck.scanner.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The cache directory on disk. Entries live in packs, one file per scanner configuration and set of roots
 * ({@code scan-v1/<name>.pack}), holding exactly the entries the latest such scan used: an entry no longer used is
 * dropped when the pack is rewritten. A pack is read whole (one file read per scan) and written to a temporary file
 * that is then renamed over the old one, so a concurrent scan reads either the old pack or the new one, never half
 * of one. A pack that is truncated, has a bad checksum or another format version reads as empty.
 *
 * <p>Pack layout: magic {@code FTCKPACK}, format version (int), entry count (int), then per entry its key (32
 * bytes), length (int) and bytes, then a CRC-32C of everything before it (int). Integers are big-endian.
 *
 * <p>Bounded: packs not used for {@link #MAX_AGE} are deleted, and beyond {@link #MAX_TOTAL_BYTES} the least
 * recently used go first; a whole-result hit marks its pack used without rewriting it.
 */
final class PackStore {
    static final String TAG_FILE = "CACHEDIR.TAG";
    static final String GITIGNORE = ".gitignore";
    static final String VERSION_DIR = "scan-v" + CacheKeys.FORMAT_VERSION;
    static final long MAX_TOTAL_BYTES = 512L * 1024 * 1024;
    static final Duration MAX_AGE = Duration.ofDays(30);
    private static final byte[] MAGIC = "FTCKPACK".getBytes(StandardCharsets.US_ASCII);
    private static final String TAG_TEXT = """
            Signature: 8a477f597d28d172789f06886806bc55
            # This file is a cache directory tag created by ftcheck (its scan cache).
            # For information about cache directory tags see https://bford.info/cachedir/
            """;

    /** An entry's bytes: a slice of a pack read from disk, or a freshly encoded array. */
    record Slice(byte[] buf, int off, int len) {
        static Slice of(byte[] b) {
            return new Slice(b, 0, b.length);
        }
    }

    private final Path dir;

    PackStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    private Path pack(String name) {
        return dir.resolve(VERSION_DIR).resolve(name + ".pack");
    }

    /** The entries of a pack; empty when there is none or it does not read back intact. */
    Map<Key, Slice> read(String name) {
        byte[] b;
        try {
            b = Files.readAllBytes(pack(name));
        } catch (IOException | OutOfMemoryError e) {
            return Map.of();
        }
        Map<Key, Slice> out = parse(b);
        return out == null ? Map.of() : out;
    }

    /** The entries, or null when the bytes are not an intact pack of this format. */
    static Map<Key, Slice> parse(byte[] b) {
        int headerLen = MAGIC.length + 8;
        if (b.length < headerLen + 4) {
            return null;
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        if ((int) crc.getValue() != bb.getInt(b.length - 4)) {
            return null;
        }
        if (!java.util.Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        bb.position(MAGIC.length);
        if (bb.getInt() != CacheKeys.FORMAT_VERSION) {
            return null;
        }
        int count = bb.getInt();
        int limit = b.length - 4;
        if (count < 0 || count > (limit - headerLen) / (Key.LENGTH + 4)) {
            return null;
        }
        Map<Key, Slice> out = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            if (bb.position() + Key.LENGTH + 4 > limit) {
                return null;
            }
            byte[] key = new byte[Key.LENGTH];
            bb.get(key);
            int len = bb.getInt();
            if (len < 0 || len > limit - bb.position()) {
                return null;
            }
            out.put(new Key(key), new Slice(b, bb.position(), len));
            bb.position(bb.position() + len);
        }
        return bb.position() == limit ? out : null;
    }

    /** Replaces a pack with these entries (temporary file, then rename). */
    void write(String name, Map<Key, Slice> entries) throws IOException {
        prepare();
        Path target = pack(name);
        Path tmp = Files.createTempFile(target.getParent(), name + ".", ".tmp");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                CRC32C crc = new CRC32C();
                ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 8);
                header.put(MAGIC).putInt(CacheKeys.FORMAT_VERSION).putInt(entries.size());
                emit(out, crc, header.array(), 0, header.capacity());
                ByteBuffer lenBuf = ByteBuffer.allocate(4);
                for (Map.Entry<Key, Slice> e : entries.entrySet()) {
                    emit(out, crc, e.getKey().bytes(), 0, Key.LENGTH);
                    Slice s = e.getValue();
                    lenBuf.clear();
                    emit(out, crc, lenBuf.putInt(s.len()).array(), 0, 4);
                    emit(out, crc, s.buf(), s.off(), s.len());
                }
                out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void emit(OutputStream out, CRC32C crc, byte[] b, int off, int len) throws IOException {
        crc.update(b, off, len);
        out.write(b, off, len);
    }

    /** Marks a pack as used now (for the least-recently-used pruning) without rewriting it. */
    void touch(String name) {
        try {
            Files.setLastModifiedTime(pack(name), FileTime.from(Instant.now()));
        } catch (IOException | RuntimeException e) {
            // a read-only cache still serves hits; pruning order is all that is lost
        }
    }

    /** Creates the directory with its tag files (once): git and backup tools then leave it alone. */
    void prepare() throws IOException {
        Files.createDirectories(dir.resolve(VERSION_DIR));
        Path tag = dir.resolve(TAG_FILE);
        if (!Files.exists(tag)) {
            writeAtomically(tag, TAG_TEXT);
        }
        Path ignore = dir.resolve(GITIGNORE);
        if (!Files.exists(ignore)) {
            writeAtomically(ignore, "# Automatically created by ftcheck.\n*\n");
        }
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes packs unused for longer than {@link #MAX_AGE}, then the least recently used while all of them take
     * more than {@link #MAX_TOTAL_BYTES}, never {@code keep}; also leftovers of scans that were killed mid-write
     * and the folders of other format versions.
     */
    void prune(String keep) throws IOException {
        Instant now = Instant.now();
        record Pack(Path path, long size, Instant used) {}
        List<Pack> packs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve(VERSION_DIR))) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                try {
                    Instant used = Files.getLastModifiedTime(p).toInstant();
                    if (n.endsWith(".tmp")) {
                        if (used.isBefore(now.minus(Duration.ofHours(1)))) {
                            Files.deleteIfExists(p);
                        }
                    } else if (n.endsWith(".pack") && !n.equals(keep + ".pack")) {
                        packs.add(new Pack(p, Files.size(p), used));
                    }
                } catch (NoSuchFileException e) {
                    // pruned by a concurrent scan
                }
            }
        }
        packs.sort(Comparator.comparing(Pack::used));
        long total = packs.stream().mapToLong(Pack::size).sum();
        try {
            total += Files.size(pack(keep));
        } catch (IOException e) {
            // not written: nothing to add
        }
        for (Pack p : packs) {
            if (p.used().isBefore(now.minus(MAX_AGE)) || total > MAX_TOTAL_BYTES) {
                Files.deleteIfExists(p.path());
                total -= p.size();
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "scan-v*")) {
            for (Path p : ds) {
                if (!p.getFileName().toString().equals(VERSION_DIR) && Files.isDirectory(p)) {
                    deleteTree(p);
                }
            }
        }
    }

    /**
     * Removes what the cache wrote into the directory (packs, tag files), then the directory when nothing else is
     * left in it: a directory shared with other files keeps them. True when there was anything to remove.
     */
    boolean clean() throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        boolean any = false;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "scan-v*")) {
            for (Path p : ds) {
                if (Files.isDirectory(p)) {
                    deleteTree(p);
                    any = true;
                }
            }
        }
        for (String f : new String[] {TAG_FILE, GITIGNORE}) {
            Path p = dir.resolve(f);
            if (Files.isRegularFile(p) && Files.readString(p, StandardCharsets.UTF_8).contains("ftcheck")) {
                Files.delete(p);
                any = true;
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            if (!ds.iterator().hasNext()) {
                Files.delete(dir);
            }
        }
        return any;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
