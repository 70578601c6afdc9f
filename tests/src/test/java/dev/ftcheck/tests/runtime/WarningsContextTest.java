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
 * Warning filters are per context, as free-threaded CPython 3.14 makes them ({@code sys.flags.context_aware_warnings},
 * on by default there): a {@code catch_warnings} entered in a copied context, and the "error" filter set inside it,
 * apply in that context only; the outer context keeps recording. CPython 3.13 has no such flag (its catch_warnings
 * swaps the module-wide filters), so the expected answer is 3.14's documented behaviour, not a recorded one; the
 * runtime behaves so in both ABIs.
 */
class WarningsContextTest {
    private static final String EXPECTED = "contexts() -> ('ok', 'UserWarning: in the other context', 'ok', "
            + "[('UserWarning', 'in the outer context'), ('UserWarning', 'in the outer context again')])";

    @ParameterizedTest(name = "as {0}")
    @FieldSource("dev.ftcheck.tests.support.TestExtensions#ABIS")
    void aFilterSetInOneContextDoesNotAffectAnother(String abi, @TempDir Path tmp) {
        Path so = build(abi, tmp);
        Cli.Result r = Cli.runJar(Map.of(), "run", so.toString(), "--call", "contexts()");
        assertEquals(EXPECTED, r.out().strip(), r.toString());
        assertEquals(0, r.exitCode(), r.toString());
    }

    @ParameterizedTest(name = "as {0}")
    @FieldSource("dev.ftcheck.tests.support.TestExtensions#ABIS")
    void concurrentWorkersKeepTheirOwnFilters(String abi, @TempDir Path tmp) {
        Path so = build(abi, tmp);
        // Each worker enters its own catch_warnings and makes warnings errors in a copied context at the same time
        // as the others record: with module-wide filters the workers would see each other's "error" filter.
        Cli.Result r = Cli.runJar(Map.of(), "run", so.toString(), "--threads", "4", "--repeat", "20",
                "--call", "contexts()");
        assertEquals(EXPECTED, r.out().strip(), r.toString());
        assertEquals(0, r.exitCode(), r.toString());
    }

    private static Path build(String abi, Path tmp) {
        return TestExtensions.build(Cli.repo().resolve("tests/src/test/resources/runtime/warnfilters.c"),
                "warnfilters", abi, tmp);
    }
}
