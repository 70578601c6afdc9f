package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads the runtime starts (ftcheck run's workers) begin in a copy of their starter's context variables, as
 * free-threaded CPython 3.14 starts its threads: the value ctxinherit's exec slot set on the importing thread is
 * seen by every worker, and what a worker sets stays in its own copy.
 */
class ContextInheritanceTest {
    @Test
    void workersSeeTheStartersContextAndKeepTheirOwnChanges(@TempDir Path tmp) {
        Path res = Cli.repo().resolve("tests/src/test/resources/runtime/contexts");
        Path so = tmp.resolve("ctxinherit" + Cli.run("config", "--extension-suffix").out().strip());
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-O1", "-g", "-Wall", "-Werror"));
        cc.addAll(Arrays.asList(Cli.run("config", "--cflags").out().strip().split("\\s+")));
        cc.addAll(List.of(res.resolve("ctxinherit.c").toString(), "-o", so.toString()));
        Processes.Run built = Processes.run(null, cc, Map.of(), true, Duration.ofMinutes(2));
        assertEquals(0, built.exitCode(), built.describe());

        Cli.Result r = Cli.runJar(Map.of(), "run", so.toString(), "--threads", "8", "--repeat", "10",
                "--call", "get()", "--call", "set(7)", "--call", "get()");
        assertEquals("get() -> 5\nset(7) -> None\nget() -> 5", r.out().strip().replace(System.lineSeparator(), "\n"),
                r.toString());
        assertEquals(0, r.exitCode(), r.toString());
    }
}
