package dev.ftcheck.tests.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.runtime.home.RuntimeHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The struct-by-value functions the bridge implements in C (native-bridge/src/ftb_initconfig.c, ftb_pylifecycle.c,
 * ftb_complexobject.c), exercised from a C program linked against the packaged libftbridge.so without the Java
 * runtime: PyStatus behaves as in CPython,
 * PyWideStringList edits for real, and the interpreter start-up functions refuse loudly, naming themselves.
 */
class EmbeddingNativesTest {
    @TempDir
    Path work;

    private Path program;

    @BeforeEach
    void build() {
        Path src = NativeTool.copyResource("/abi/embedding_probe.c", work);
        Path lib = RuntimeHome.get().bridgeLibrary().getParent();
        List<String> cmd = new ArrayList<>(List.of("gcc", "-std=c11", "-Wall", "-Wextra", "-Werror"));
        cmd.addAll(NativeTool.configCflags());
        cmd.addAll(List.of(src.toString(), "-L" + lib, "-lftbridge", "-Wl,-rpath," + lib, "-o", "embedding_probe"));
        NativeTool.run(work, cmd).requireSuccess("building embedding_probe");
        program = work.resolve("embedding_probe");
    }

    @Test
    void statusValuesAndStringListsWorkAndStartUpRefusesLoudly() {
        NativeTool.Result r = NativeTool.run(work, List.of(program.toString()));
        assertEquals(0, r.exitCode(), r.output());
        for (String check : List.of("status", "wide_string_list", "startup_refused", "complex_linked")) {
            assertTrue(r.output().lines().anyMatch(l -> l.equals("ok " + check)), "no 'ok " + check + "':\n" + r.output());
        }
        // Without the runtime's handler the missing report goes to stderr, naming each refusing function.
        assertTrue(r.output().contains("ftcheck: C-API function PyConfig_Read is not implemented"), r.output());
        assertTrue(r.output().contains("ftcheck: C-API function Py_InitializeFromConfig is not implemented"), r.output());
    }

    @Test
    void exitStatusExceptionExitsWithTheCode() {
        NativeTool.Result r = NativeTool.run(work, List.of(program.toString(), "--exit", "7"));
        assertEquals(7, r.exitCode(), r.output());
    }
}
