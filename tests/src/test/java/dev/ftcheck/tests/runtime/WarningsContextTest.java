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
 * Warning filters are per context, as free-threaded CPython 3.14 makes them ({@code sys.flags.context_aware_warnings},
 * on by default there): a {@code catch_warnings} entered in a copied context, and the "error" filter set inside it,
 * apply in that context only; the outer context keeps recording. CPython 3.13 has no such flag (its catch_warnings
 * swaps the module-wide filters), so the expected answer is 3.14's documented behaviour, not a recorded one.
 */
class WarningsContextTest {
    private static final String EXPECTED = "contexts() -> ('ok', 'UserWarning: in the other context', 'ok', "
            + "[('UserWarning', 'in the outer context'), ('UserWarning', 'in the outer context again')])";

    @Test
    void aFilterSetInOneContextDoesNotAffectAnother(@TempDir Path tmp) {
        Path so = build(tmp);
        Cli.Result r = Cli.runJar(Map.of(), "run", so.toString(), "--call", "contexts()");
        assertEquals(EXPECTED, r.out().strip(), r.toString());
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void concurrentWorkersKeepTheirOwnFilters(@TempDir Path tmp) {
        Path so = build(tmp);
        // Each worker enters its own catch_warnings and makes warnings errors in a copied context at the same time
        // as the others record: with module-wide filters the workers would see each other's "error" filter.
        Cli.Result r = Cli.runJar(Map.of(), "run", so.toString(), "--threads", "4", "--repeat", "20",
                "--call", "contexts()");
        assertEquals(EXPECTED, r.out().strip(), r.toString());
        assertEquals(0, r.exitCode(), r.toString());
    }

    private static Path build(Path tmp) {
        Path res = Cli.repo().resolve("tests/src/test/resources/runtime");
        Path so = tmp.resolve("warnfilters" + Cli.run("config", "--extension-suffix").out().strip());
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-O1", "-g", "-Wall", "-Werror"));
        cc.addAll(Arrays.asList(Cli.run("config", "--cflags").out().strip().split("\\s+")));
        cc.addAll(List.of(res.resolve("warnfilters.c").toString(), "-o", so.toString()));
        Processes.Run built = Processes.run(null, cc, Map.of(), true, Duration.ofMinutes(2));
        assertEquals(0, built.exitCode(), built.describe());
        return so;
    }
}
