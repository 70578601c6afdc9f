package dev.ftcheck.tests.abi;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ftcheck.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the C toolchain and built test programs for the ABI tests, with bounded time and captured output. */
final class NativeTool {
    private static final long TIMEOUT_SECONDS = 180;

    private NativeTool() {}

    /** Output and exit status of a finished process. */
    record Result(int exitCode, String output) {
        Result requireSuccess(String what) {
            if (exitCode != 0) {
                fail(what + " failed with exit code " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    static Result run(Path workDir, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        try {
            Process p = pb.start();
            // Read concurrently with waiting so a chatty process cannot block on a full pipe.
            StringBuilder out = new StringBuilder();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (InputStream in = p.getInputStream()) {
                    out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    out.append("<output lost: ").append(e).append('>');
                }
            });
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            reader.join();
            return new Result(p.exitValue(), out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    /** The flags {@code ftcheck config --cflags} prints, split into arguments. */
    static List<String> configCflags() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"config", "--cflags"}, new PrintWriter(out), new PrintWriter(err));
        if (code != 0) {
            fail("ftcheck config --cflags exited " + code + ": " + err);
        }
        return new ArrayList<>(Arrays.asList(out.toString().trim().split("\\s+")));
    }

    static Path repo() {
        return Path.of(System.getProperty("ftcheck.repo", "..")).toAbsolutePath().normalize();
    }

    static Path copyResource(String resource, Path dir) {
        try (InputStream in = NativeTool.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            Path target = dir.resolve(Path.of(resource).getFileName().toString());
            Files.write(target, in.readAllBytes());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
