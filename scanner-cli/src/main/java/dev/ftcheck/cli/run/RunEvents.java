package dev.ftcheck.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The child's side of the supervisor channel: one JSON object per line over a Unix socket, each written (and so in
 * the kernel) before the child goes on, so whatever the child completed reaches the parent even if the next
 * instruction kills the process.
 */
public interface RunEvents {
    /** Sends one event (a JSON object with an {@code event} field). */
    void emit(Map<String, Object> event);

    /** Connects to the parent's socket; {@code requests} gets each line the parent sends back. */
    static RunEvents connect(Path socket, Consumer<String> requests) {
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            Thread reader = new Thread(() -> {
                try (var in = new java.io.BufferedReader(Channels.newReader(ch, StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        requests.accept(line);
                    }
                } catch (IOException e) {
                    // the parent went away; the child's own exit follows
                }
            }, "ftcheck-supervisor-requests");
            reader.setDaemon(true);
            reader.start();
            return event -> {
                try {
                    byte[] line = JsonLine.of(event).getBytes(StandardCharsets.UTF_8);
                    synchronized (ch) {
                        ByteBuffer b = ByteBuffer.wrap(line);
                        while (b.hasRemaining()) {
                            ch.write(b);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("lost the supervisor channel", e);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the supervisor at " + socket, e);
        }
    }
}
