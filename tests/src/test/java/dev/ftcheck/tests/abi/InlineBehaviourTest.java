package dev.ftcheck.tests.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ftcheck.runtime.home.RuntimeHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The helpers our headers implement inline without the runtime (ASCII classification, surrogate arithmetic,
 * ASCII whitespace, hash and math constants) give CPython 3.13's answers: one probe, built against both header
 * sets (CPython's linked with libpython3.13, whose tables its macros read), must print the same lines.
 */
class InlineBehaviourTest {
    @TempDir
    Path work;

    @Test
    void inlineHelpersMatchCPython313() {
        Path lib = CPython313.sharedLibrary();
        assumeTrue(Files.isRegularFile(CPython313.include().resolve("Python.h")) && Files.isRegularFile(lib),
                "CPython " + CPython313.VERSION + " headers or " + lib + " not installed");
        Path probe = NativeTool.copyResource("/abi/inline_probe.c", work);
        Path bridgeDir = RuntimeHome.get().bridgeLibrary().getParent();

        List<String> oursFlags = new ArrayList<>(NativeTool.configCflags());
        oursFlags.addAll(List.of("-L" + bridgeDir, "-lftbridge", "-Wl,-rpath," + bridgeDir));
        List<String> ours = buildAndRun(probe, "inline-ours", oursFlags);
        List<String> real = buildAndRun(probe, "inline-cpython", List.of("-I" + CPython313.include(),
                "-DPy_GIL_DISABLED=1", "-L" + lib.getParent(), "-lpython3.13", "-Wl,-rpath," + lib.getParent()));

        assertTrue(real.size() > 400, "probe printed only " + real.size() + " lines");
        assertEquals(real, ours);
    }

    private List<String> buildAndRun(Path src, String exe, List<String> flags) {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-std=c11", "-Wall", "-Wextra", "-Werror", src.toString(),
                "-o", exe));
        cmd.addAll(flags);
        NativeTool.run(work, cmd).requireSuccess("building " + exe);
        return NativeTool.run(work, List.of(work.resolve(exe).toString())).requireSuccess("running " + exe)
                .output().lines().toList();
    }
}
