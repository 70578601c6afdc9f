package dev.ftcheck.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The --report file, opened before anything runs so an unwritable path fails up front, and written exactly once,
 * by whichever exit path gets there first (normal end, crash, time-out, or the SIGINT hook).
 */
public final class ReportFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private boolean written;

    private ReportFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Creates missing parent directories and opens (truncating) the file; IOException says why it cannot. */
    public static ReportFile open(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new ReportFile(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING));
    }

    public Path path() {
        return path;
    }

    /** Writes the report unless one was already written; returns whether this call wrote it. */
    public synchronized boolean writeOnce(Map<String, Object> report) throws IOException {
        if (written) {
            return false;
        }
        written = true;
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(report);
        channel.truncate(0);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long at = 0;
        while (b.hasRemaining()) {
            at += channel.write(b, at);
        }
        channel.force(false);
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
