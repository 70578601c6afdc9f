package dev.ftcheck.tests.support;

import dev.ftcheck.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    /** Runs any command with a 5-minute bound. */
    public static Result exec(List<String> cmd, Map<String, String> env, Path dir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Path outFile = Files.createTempFile("ftcheck-out", ".txt");
            Path errFile = Files.createTempFile("ftcheck-err", ".txt");
            pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            Result r = new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                    Files.readString(errFile, StandardCharsets.UTF_8));
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String javaExecutable() {
        return ProcessHandle.current().info().command().orElseThrow();
    }
}
