package dev.ftcheck.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained download: packaging/dist.sh (what {@code ./build dist} runs after packaging) builds the
 * tarball from this build's jar; unpacked, it runs {@code info}, {@code scan}, {@code config} and {@code run} on a
 * sample extension with an environment holding only bash on PATH: no JDK, no JAVA_HOME, no Maven.
 */
class DistTarballTest {
    @TempDir
    static Path tmp;
    private static Path dist;

    @BeforeAll
    static void buildAndUnpack() throws Exception {
        Path out = tmp.resolve("out");
        String jdk = Path.of(System.getProperty("java.home")).toString();
        Processes.Run made = Processes.run(Cli.repo(), List.of(Cli.repo().resolve("packaging/dist.sh").toString(),
                jdk, out.toString()), Map.of(), true, Duration.ofMinutes(5));
        assertEquals(0, made.exitCode(), made.describe());
        Path tarball;
        try (Stream<Path> s = Files.list(out)) {
            tarball = s.filter(p -> p.getFileName().toString().matches("ftcheck-.*-linux-x86_64\\.tar\\.gz"))
                    .findFirst().orElseThrow();
        }
        Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
        Processes.Run untar = Processes.run(unpacked, List.of("tar", "xzf", tarball.toString()), Map.of(), true,
                Duration.ofMinutes(2));
        assertEquals(0, untar.exitCode(), untar.describe());
        String name = tarball.getFileName().toString().replace(".tar.gz", "");
        dist = unpacked.resolve(name);
    }

    /** Runs bin/ftcheck with a clean environment: HOME, and PATH holding bash alone. */
    private static Processes.Run ftcheck(String... args) throws Exception {
        Path bin = tmp.resolve("only-bash");
        if (!Files.exists(bin)) {
            Files.createDirectories(bin);
            Files.createSymbolicLink(bin.resolve("bash"), Path.of("/bin/bash"));
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "-i", "HOME=" + tmp.resolve("home"),
                "PATH=" + bin, dist.resolve("bin/ftcheck").toString()));
        cmd.addAll(Arrays.asList(args));
        return Processes.run(tmp, cmd, new HashMap<>(), false, Duration.ofMinutes(3));
    }

    @Test
    void bundlesItsOwnJavaRuntime() throws Exception {
        assertTrue(Files.isExecutable(dist.resolve("runtime/bin/java")));
        assertFalse(Files.exists(dist.resolve("runtime/jmods")), "no jmods: only what runs");
        Processes.Run r = ftcheck("info");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("C-API version:  3.13"), r.out());
        assertTrue(r.out().contains("headers:        " + dist.resolve("home/include")), r.out());
    }

    @Test
    void scansWithEveryReportFormat() throws Exception {
        String samples = Cli.repo().resolve("samples").toString();
        Processes.Run text = ftcheck("scan", samples);
        assertEquals(1, text.exitCode(), text.describe());
        assertTrue(text.out().contains("FT201"), text.out());
        for (String format : List.of("json", "sarif", "junit", "gitlab", "github")) {
            Processes.Run r = ftcheck("scan", "--output-format", format, samples);
            assertEquals(1, r.exitCode(), format + ": " + r.describe());
            assertFalse(r.out().isBlank(), format);
        }
    }

    @Test
    void buildsAndRunsASampleExtension() throws Exception {
        Processes.Run flags = ftcheck("config", "--cflags");
        assertEquals(0, flags.exitCode(), flags.describe());
        Processes.Run suffix = ftcheck("config", "--extension-suffix");
        Path so = tmp.resolve("ftsingle" + suffix.out().strip());
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-O1"));
        cc.addAll(Arrays.asList(flags.out().strip().split("\\s+")));
        cc.addAll(List.of(Cli.repo().resolve("samples/runtime/ftsingle.c").toString(), "-o", so.toString()));
        Processes.Run built = Processes.run(tmp, cc, Map.of(), true, Duration.ofMinutes(2));
        assertEquals(0, built.exitCode(), built.describe());
        Processes.Run r = ftcheck("run", so.toString(), "--call", "arith(6, 7)", "--call", "length()");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("arith(6, 7) -> (13, -1, 42, 0.8571428571428571, 0, 6, 279936)"), r.out());
        assertTrue(r.out().contains("length() -> 0"), r.out());
    }
}
