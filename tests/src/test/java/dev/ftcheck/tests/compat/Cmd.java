package dev.ftcheck.tests.compat;

import dev.ftcheck.tests.support.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs an external command (gcc, nm, a Python interpreter) with a time limit and captures what it printed. */
record Cmd(List<String> argv, int exitCode, String output) {
    /** Long enough for the slowest step (the Python driver's threaded mutex test) on a loaded 2-core machine. */
    static final long TIMEOUT_SECONDS = 300;

    static Cmd run(Path workDir, List<String> argv) {
        // LC_ALL=C: plain-ASCII compiler messages, which the tests parse.
        Processes.Run r = Processes.run(workDir, argv, Map.of("LC_ALL", "C"), true,
                Duration.ofSeconds(TIMEOUT_SECONDS));
        return new Cmd(argv, r.exitCode(), r.problem() == null ? r.out() : r.problem() + ": " + argv + "\n" + r.out());
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
