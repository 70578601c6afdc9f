package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.runtime.nat.ElfSymbols;
import dev.ftcheck.tests.support.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash symbolizer's ELF reader agrees with nm: static functions from .symtab, exported ones when stripped. */
class ElfSymbolsTest {
    private static long nmAddress(Path so, String symbol, boolean dynamic) {
        Processes.Run r = Processes.run(null, dynamic ? List.of("nm", "-D", "--defined-only", so.toString())
                : List.of("nm", so.toString()), Map.of(), false, Duration.ofSeconds(30));
        assertTrue(r.ok(), r.describe());
        return r.out().lines().filter(l -> l.endsWith(" " + symbol)).map(l -> Long.parseLong(l.split(" ")[0], 16))
                .findFirst().orElseThrow(() -> new AssertionError(symbol + " not in nm output\n" + r.out()));
    }

    @Test
    void namesStaticFunctionsWithTheirOffsets() {
        Path so = Samples.build("ftcrash");
        ElfSymbols syms = ElfSymbols.read(so);
        long at = nmAddress(so, "read_through_null", false);
        assertEquals(Optional.of(new ElfSymbols.Match("read_through_null", 0)), syms.lookup(at));
        assertEquals(Optional.of(new ElfSymbols.Match("read_through_null", 3)), syms.lookup(at + 3));
        long init = nmAddress(so, "PyInit_ftcrash", false);
        assertEquals("PyInit_ftcrash", syms.lookup(init + 1).orElseThrow().function());
    }

    @Test
    void strippedObjectsFallBackToTheDynamicSymbols(@TempDir Path tmp) throws IOException {
        Path so = Samples.build("ftcrash");
        Path stripped = tmp.resolve("stripped.so");
        Files.copy(so, stripped);
        Processes.Run r = Processes.run(null, List.of("strip", "--strip-all", stripped.toString()), Map.of(), true,
                Duration.ofSeconds(30));
        assertTrue(r.ok(), r.describe());
        ElfSymbols syms = ElfSymbols.read(stripped);
        assertTrue(syms.size() > 0, "no .dynsym functions read");
        long init = nmAddress(stripped, "PyInit_ftcrash", true);
        assertEquals("PyInit_ftcrash", syms.lookup(init).orElseThrow().function());
        long hidden = nmAddress(so, "read_through_null", false);
        assertNotEquals(Optional.of("read_through_null"), syms.lookup(hidden).map(ElfSymbols.Match::function),
                "a static function has no name once .symtab is gone");
    }

    @Test
    void nonElfFilesHaveNoSymbols(@TempDir Path tmp) throws IOException {
        Path text = Files.writeString(tmp.resolve("not.so"), "not an ELF file");
        assertEquals(0, ElfSymbols.read(text).size());
        assertEquals(0, ElfSymbols.read(tmp.resolve("missing.so")).size());
    }
}
