package dev.ftcheck.tests.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command (gcc, nm, a Python interpreter) with a time limit and captures what it printed. */
record Cmd(List<String> argv, int exitCode, String output) {
    /** Long enough for the slowest step (the Python driver's threaded mutex test) on a loaded 2-core machine. */
    static final long TIMEOUT_SECONDS = 300;

    static Cmd run(Path workDir, List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");   // plain-ASCII compiler messages, which the tests parse
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            // Read on another thread so a chatty child never blocks on a full pipe while we wait.
            StringBuilder out = new StringBuilder();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    out.append("<output unreadable: ").append(e).append('>');
                }
            });
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                reader.join(5_000);
                return new Cmd(argv, -1, "timed out after " + TIMEOUT_SECONDS + " s: " + argv + "\n" + out);
            }
            reader.join();
            return new Cmd(argv, p.exitValue(), out.toString());
        } catch (IOException e) {
            return new Cmd(argv, -1, "could not start " + argv.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        }
    }

    static Cmd run(List<String> argv) {
        return run(null, argv);
    }

    boolean ok() {
        return exitCode == 0;
    }

    /** For assertion messages: the command line and everything it printed. */
    String describe() {
        return String.join(" ", argv) + "\n(exit " + exitCode + ")\n" + output;
    }

    static UncheckedIOException io(String what, IOException e) {
        return new UncheckedIOException(what + ": " + e.getMessage(), e);
    }
}
