package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.TestExtensions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process serves one ABI, chosen by the extension's file name (or --abi): a folder holding both the cp313t and
 * the cp314t build of a module serves each runtime its own, a build for the other ABI is refused with the reason,
 * and an import that finds only the other ABI's build says so.
 */
class AbiSelectionTest {
    private static final Path IMMORTALS = Cli.repo().resolve("tests/src/test/resources/runtime/abi314/immortals.c");
    private static final Path FTSINGLE = Cli.repo().resolve("samples/runtime/ftsingle.c");

    @Test
    void eachRuntimeImportsItsOwnBuildFromAFolderHoldingBoth(@TempDir Path tmp) throws Exception {
        Path both = Files.createDirectories(tmp.resolve("site"));
        Path helper313 = TestExtensions.build(FTSINGLE, "ftsingle", "3.13", both);
        Path helper314 = TestExtensions.build(FTSINGLE, "ftsingle", "3.14", both);
        for (String abi : TestExtensions.ABIS) {
            Path main = TestExtensions.build(IMMORTALS, "immortals", abi, Files.createDirectories(tmp.resolve(abi)));
            Cli.Result r = Cli.runJar(Map.of(), "run", main.toString(), "--path", both.toString(),
                    "--call", "import sys", "--call", "import ftsingle", "--call", "ftsingle.__file__",
                    "--call", "sys.version_info[:2]");
            assertEquals(0, r.exitCode(), r.toString());
            Path want = abi.equals("3.13") ? helper313 : helper314;
            assertTrue(r.out().contains("ftsingle.__file__ -> '" + want + "'"), r.toString());
            assertTrue(r.out().contains("sys.version_info[:2] -> (3, " + abi.substring(2) + ")"), r.toString());
        }
    }

    @Test
    void aBuildForTheOtherAbiIsRefusedWithTheReason(@TempDir Path tmp) {
        Path so = TestExtensions.build(IMMORTALS, "immortals", "3.14", tmp);
        Cli.Result r = Cli.runJar(Map.of(), "run", so.toString(), "--abi", "3.13", "--call", "1");
        assertNotEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("built for CPython 3.14t (cp314t), but this runtime serves the 3.13 ABI (cp313t)")
                && r.err().contains("run it with --abi 3.14"), r.toString());

        Cli.Result bad = Cli.runJar(Map.of(), "run", so.toString(), "--abi", "3.12", "--call", "1");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("--abi must be one of 3.13, 3.14, not '3.12'"), bad.toString());
    }

    @Test
    void anImportFindingOnlyTheOtherAbisBuildSaysSo(@TempDir Path tmp) throws Exception {
        Path other = Files.createDirectories(tmp.resolve("site"));
        Path helper313 = TestExtensions.build(FTSINGLE, "ftsingle", "3.13", other);
        Path main = TestExtensions.build(IMMORTALS, "immortals", "3.14", tmp);
        Cli.Result r = Cli.runJar(Map.of(), "run", main.toString(), "--path", other.toString(),
                "--call", "import ftsingle");
        assertNotEquals(0, r.exitCode(), r.toString());
        String all = r.out() + r.err();
        assertTrue(all.contains("ModuleNotFoundError: No module named 'ftsingle' for the 3.14 ABI: " + helper313
                + " is built for cp313t"), r.toString());
    }
}
