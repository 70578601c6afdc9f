package dev.ftcheck.scanner.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the file system says about the inputs (size, modification and change times, file identity), recorded with
 * the whole-result key they led to. When a later scan of the same inputs finds every one of them exactly as
 * recorded, the result is known without reading or hashing a byte; any difference, or an input modified less than
 * {@link #RACY_NANOS} before the recording scan started (a write within the file system's clock tick of that scan
 * would keep its times), sends the scan down the content-keyed path, which reads and hashes everything.
 */
public final class InputStats {
    /** Modifications this close to the recording scan's start are not trusted. */
    static final long RACY_NANOS = 2_000_000_000L;

    /** The key under which a pack keeps its input stats (one table per pack). */
    static final Key KEY = new Digest().add("input-stats").key();

    /** One input as the file system describes it. */
    public record Stat(String path, long size, long modifiedNanos, long changedNanos, String identity) {}

    private InputStats() {
    }

    /** The stats of {@code path} (followed through links, as reading does), or null when they cannot be read. */
    public static Stat of(String displayPath, Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            long changed = -1;
            try {
                Object ctime = Files.getAttribute(path, "unix:ctime");
                if (ctime instanceof java.nio.file.attribute.FileTime t) {
                    changed = nanos(t);
                }
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                // no unix view: size, mtime and identity still catch ordinary edits
            }
            return new Stat(displayPath, a.size(), nanos(a.lastModifiedTime()), changed,
                    Objects.toString(a.fileKey(), ""));
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static long nanos(java.nio.file.attribute.FileTime t) {
        return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The table for {@code stats}, taken just before a scan that started at {@code startNanos} (epoch). */
    static byte[] encode(Key shape, List<Stat> stats, long startNanos, Key result) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(64 + stats.size() * 64);
            DataOutputStream out = new DataOutputStream(buf);
            out.write(shape.bytes());
            out.writeLong(startNanos);
            out.writeInt(stats.size());
            for (Stat s : stats) {
                out.writeUTF(s.path());
                out.writeLong(s.size());
                out.writeLong(s.modifiedNanos());
                out.writeLong(s.changedNanos());
                out.writeUTF(s.identity());
            }
            out.write(result.bytes());
            out.flush();
            return buf.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    /**
     * The result key the table records when {@code stats} match it entry for entry and none was modified too close
     * to the recording scan; null otherwise (also for a table that does not decode).
     */
    static Key knownResult(byte[] buf, int off, int len, Key shape, List<Stat> stats) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(buf, off, len));
            byte[] recordedShape = in.readNBytes(Key.LENGTH);
            if (recordedShape.length != Key.LENGTH || !new Key(recordedShape).equals(shape)) {
                return null;
            }
            long startNanos = in.readLong();
            int n = in.readInt();
            if (n != stats.size()) {
                return null;
            }
            List<Stat> recorded = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                recorded.add(new Stat(in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readUTF()));
            }
            for (int i = 0; i < n; i++) {
                Stat r = recorded.get(i);
                if (!r.equals(stats.get(i)) || r.modifiedNanos() > startNanos - RACY_NANOS
                        || r.changedNanos() > startNanos - RACY_NANOS) {
                    return null;
                }
            }
            byte[] result = in.readNBytes(Key.LENGTH);
            return result.length == Key.LENGTH && in.read() < 0 ? new Key(result) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
