package dev.ftcheck.tests.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The one way tests run external programs (gcc, nm, Python, child JVMs): bounded in time, output captured. */
public final class Processes {
    private Processes() {}

    /**
     * What a finished (or abandoned) process left behind.
     *
     * @param exitCode the exit status, or -1 when it could not start or timed out
     * @param out standard output (with standard error folded in when merged)
     * @param err standard error, empty when merged
     * @param problem why there is no real exit status ("timed out after ...", "could not start ..."), or null
     */
    public record Run(List<String> command, int exitCode, String out, String err, String problem) {
        public boolean ok() {
            return exitCode == 0 && problem == null;
        }

        /** For assertion messages: the command line and everything it printed. */
        public String describe() {
            return String.join(" ", command) + "\n(exit " + exitCode + (problem == null ? "" : ", " + problem)
                    + ")\n" + out + (err.isEmpty() ? "" : "\n--- stderr\n" + err);
        }
    }

    /**
     * Runs {@code command} in {@code dir} (null: the current directory) with {@code env} overrides (a null value
     * removes the variable), closing its stdin and reading its output concurrently so a chatty child never blocks.
     */
    public static Run run(Path dir, List<String> command, Map<String, String> env, boolean mergeStderr,
            Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(mergeStderr);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Run(command, -1, "", "", "could not start " + command.getFirst() + ": " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            Thread outReader = drain(p.getInputStream(), out);
            Thread errReader = mergeStderr ? null : drain(p.getErrorStream(), err);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                outReader.join(5_000);
                return new Run(command, -1, out.toString(), err.toString(),
                        "timed out after " + timeout.toSeconds() + " s");
            }
            outReader.join();
            if (errReader != null) {
                errReader.join();
            }
            return new Run(command, p.exitValue(), out.toString(), err.toString(), null);
        } catch (IOException e) {
            return new Run(command, -1, "", "", "lost contact with " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static Thread drain(InputStream in, StringBuilder sink) {
        return Thread.ofVirtual().start(() -> {
            try (in) {
                String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                synchronized (sink) {
                    sink.append(s);
                }
            } catch (IOException e) {
                synchronized (sink) {
                    sink.append("<output unreadable: ").append(e).append('>');
                }
            }
        });
    }
}
