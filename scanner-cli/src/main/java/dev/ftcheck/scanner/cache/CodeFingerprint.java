package dev.ftcheck.scanner.cache;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A fingerprint of the code that produces scan results, so that a rebuilt or upgraded scanner never reuses entries
 * an older one wrote. Per code location (where the scanner's and the rules' classes were loaded from): for a jar,
 * its central directory (every entry's name, size, CRC-32 and time: a content fingerprint that costs a read of a
 * few hundred KiB, not of the whole jar); for a classes directory, every file's name, size and modification time.
 * Plus the class path (dependency versions show in jar names), the Java version and the tree-sitter backend choice.
 * Computed once per location and JVM.
 */
final class CodeFingerprint {
    private static final Map<String, byte[]> BY_LOCATION = new ConcurrentHashMap<>();
    /** The end-of-central-directory record's signature and its fixed size (ZIP application note 4.3.16). */
    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int EOCD_SIZE = 22;

    private CodeFingerprint() {}

    static void addTo(Digest d, Collection<Class<?>> classes) {
        TreeSet<String> locations = new TreeSet<>();
        for (Class<?> c : classes) {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            locations.add(cs == null || cs.getLocation() == null ? "class:" + c.getName() : cs.getLocation().toString());
        }
        for (String loc : locations) {
            d.add(loc).add(BY_LOCATION.computeIfAbsent(loc, CodeFingerprint::compute));
        }
        d.add(System.getProperty("java.class.path", ""));
        d.add(Runtime.version().toString());
        // what NativeTreeSitter picks its backend by (asking it would load and hash the native library)
        d.add(Boolean.getBoolean("ftcheck.treesitter.bundled"));
        d.add(System.getProperty("os.name", "")).add(System.getProperty("os.arch", ""));
    }

    private static byte[] compute(String location) {
        try {
            if (!location.startsWith("file:")) {
                return unique();
            }
            Path p = Path.of(new java.net.URI(location));
            if (Files.isDirectory(p)) {
                return ofDirectory(p);
            }
            if (Files.isRegularFile(p)) {
                return ofJar(p);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // fall through: a fingerprint that matches nothing, so nothing is reused
        }
        return unique();
    }

    /** A value no other run produces: with code we cannot fingerprint the cache is written but never reused. */
    private static byte[] unique() {
        return UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] ofDirectory(Path dir) throws IOException {
        Digest d = new Digest();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        files.sort(null);
        for (Path f : files) {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            d.add(dir.relativize(f).toString()).add(a.size()).add(a.lastModifiedTime().toMillis());
        }
        return d.key().bytes();
    }

    private static byte[] ofJar(Path jar) throws IOException {
        try (FileChannel ch = FileChannel.open(jar, StandardOpenOption.READ)) {
            long size = ch.size();
            int tailLen = (int) Math.min(size, EOCD_SIZE + 0xFFFF);
            ByteBuffer tail = ByteBuffer.allocate(tailLen).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, tail, size - tailLen);
            for (int i = tailLen - EOCD_SIZE; i >= 0; i--) {
                if (tail.getInt(i) != EOCD_SIGNATURE) {
                    continue;
                }
                long cdSize = Integer.toUnsignedLong(tail.getInt(i + 12));
                long cdOffset = Integer.toUnsignedLong(tail.getInt(i + 16));
                if (cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL || cdOffset + cdSize > size
                        || cdSize > 64L * 1024 * 1024) {
                    break; // zip64 or implausible: hash the whole file
                }
                ByteBuffer cd = ByteBuffer.allocate((int) cdSize);
                readFully(ch, cd, cdOffset);
                return new Digest().add(size).add(cd.array()).key().bytes();
            }
        }
        return new Digest().add(Files.readAllBytes(jar)).key().bytes();
    }

    private static void readFully(FileChannel ch, ByteBuffer into, long at) throws IOException {
        while (into.hasRemaining()) {
            int n = ch.read(into, at + into.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }
}
