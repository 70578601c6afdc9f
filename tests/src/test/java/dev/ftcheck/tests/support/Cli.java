package dev.ftcheck.tests.support;

import dev.ftcheck.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the ftcheck CLI in-process or as the packaged jar in a child JVM, capturing exit code and output. */
public final class Cli {
    private Cli() {}

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** The repository root, passed in by the tests module's surefire configuration. */
    public static Path repo() {
        String p = System.getProperty("ftcheck.repo");
        if (p == null) {
            throw new IllegalStateException("system property ftcheck.repo is not set (run through Maven)");
        }
        return Path.of(p).toAbsolutePath().normalize();
    }

    /** In-process run: fast, shares this JVM's environment. */
    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** Child-JVM run of the packaged jar with extra environment variables (null value removes one). */
    public static Result runJar(Map<String, String> env, String... args) {
        Path jar = repo().resolve("scanner-cli/target/ftcheck.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " missing: the scanner-cli module must be packaged before tests run");
        }
        List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "--enable-native-access=ALL-UNNAMED", "-jar",
                jar.toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, env, repo());
    }

    /** Runs any command with a 5-minute bound, keeping stdout and stderr apart. */
    public static Result exec(List<String> cmd, Map<String, String> env, Path dir) {
        Processes.Run r = Processes.run(dir, cmd, env, false, Duration.ofMinutes(5));
        if (r.problem() != null) {
            throw new IllegalStateException(r.problem() + ": " + cmd);
        }
        return new Result(r.exitCode(), r.out(), r.err());
    }

    public static String javaExecutable() {
        return ProcessHandle.current().info().command().orElseThrow();
    }
}
