package dev.ftcheck.tests.abi;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
        Processes.Run r = Processes.run(workDir, command, Map.of(), true, Duration.ofSeconds(TIMEOUT_SECONDS));
        if (r.problem() != null) {
            fail(r.problem() + ": " + String.join(" ", command) + "\n" + r.out());
        }
        return new Result(r.exitCode(), r.out());
    }

    /** The flags {@code ftcheck config --cflags} prints, split into arguments. */
    static List<String> configCflags() {
        return configCflags(null);
    }

    /** {@code ftcheck config --abi ABI --cflags}; {@code null} for the default ABI. */
    static List<String> configCflags(String abi) {
        Cli.Result r = abi == null ? Cli.run("config", "--cflags") : Cli.run("config", "--abi", abi, "--cflags");
        if (r.exitCode() != 0) {
            fail("ftcheck config --cflags exited " + r.exitCode() + ": " + r.err());
        }
        return new ArrayList<>(Arrays.asList(r.out().trim().split("\\s+")));
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
