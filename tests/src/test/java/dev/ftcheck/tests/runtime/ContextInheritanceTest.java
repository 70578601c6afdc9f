package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.TestExtensions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Threads the runtime starts (ftcheck run's workers) begin in a copy of their starter's context variables, as
 * free-threaded CPython 3.14 starts its threads ({@code sys.flags.thread_inherit_context}, 1 by default there): the
 * value ctxinherit's exec slot set on the importing thread is seen by every worker, and what a worker sets stays in
 * its own copy. The runtime does this in both ABIs.
 */
class ContextInheritanceTest {
    @ParameterizedTest(name = "as {0}")
    @FieldSource("dev.ftcheck.tests.support.TestExtensions#ABIS")
    void workersSeeTheStartersContextAndKeepTheirOwnChanges(String abi, @TempDir Path tmp) {
        Path so = TestExtensions.build(Cli.repo().resolve("tests/src/test/resources/runtime/contexts/ctxinherit.c"),
                "ctxinherit", abi, tmp);
        Cli.Result r = Cli.runJar(Map.of(), "run", so.toString(), "--threads", "8", "--repeat", "10",
                "--call", "get()", "--call", "set(7)", "--call", "get()");
        assertEquals("get() -> 5\nset(7) -> None\nget() -> 5", r.out().strip().replace(System.lineSeparator(), "\n"),
                r.toString());
        assertEquals(0, r.exitCode(), r.toString());
    }
}
