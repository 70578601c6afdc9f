package dev.ftcheck.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import dev.ftcheck.scanner.rules.RuleRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule that fails, even with OutOfMemoryError, leaves an internal-error note (the CLI exits 2 on it). */
class InternalErrorTest {

    @RuleInfo(code = "FT199", name = "always-throws", family = Family.BORROWED_REFERENCE, severity = Severity.ERROR,
            summary = "test rule", description = "throws", rationale = "tests", example = "x", useInstead = "y",
            triggers = {"Py_LIMITED_API"})
    static final class Throwing implements FileRule {
        @Override
        public void check(FileContext ctx) {
            if (ctx.displayPath().endsWith("oom.c")) {
                throw new OutOfMemoryError("test");
            }
            throw new IllegalStateException("broken rule");
        }
    }

    @Test
    void ruleFailuresAndOutOfMemoryAreInternalErrors(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.c"), "#define Py_LIMITED_API 1\n");
        Files.writeString(dir.resolve("oom.c"), "#define Py_LIMITED_API 1\n");
        List<dev.ftcheck.scanner.api.Rule> rules = new ArrayList<>(RuleRegistry.all());
        rules.add(new Throwing());
        ScanResult r = new Scanner(rules, ScanOptions.defaults().withJobs(2)).scan(List.of(dir.toString()));
        List<ScanNote> internal = r.notes().stream().filter(ScanNote::isInternalError).toList();
        assertEquals(2, internal.size(), r.notes().toString());
        assertTrue(internal.stream().anyMatch(n -> n.path().endsWith("oom.c") && n.message().contains("out of memory")),
                internal.toString());
        assertTrue(internal.stream().anyMatch(n -> n.path().endsWith("bad.c") && n.message().contains("FT199")),
                internal.toString());
        // the other rules still reported on the file that the broken rule failed on
        assertTrue(r.findings().stream().anyMatch(f -> f.location().file().endsWith("bad.c")), r.findings().toString());
    }
}
