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
 * Where ftcheck must differ from CPython because it has no bytecode interpreter: calling a function object made
 * by PyFunction_New from a code object raises a SystemError that says so (CPython would run the code; for
 * PyCode_NewEmpty's code that raises AssertionError). It must never return a value.
 */
class NoBytecodeInterpreterTest {
    @Test
    void callingAFunctionObjectRefusesToRunItsBytecode(@TempDir Path tmp) throws Exception {
        Path res = Cli.repo().resolve("tests/src/test/resources/runtime");
        Path so = tmp.resolve("funcobjects" + Cli.run("config", "--extension-suffix").out().strip());
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-O1", "-Wall", "-Werror"));
        cc.addAll(Arrays.asList(Cli.run("config", "--cflags").out().strip().split("\\s+")));
        cc.addAll(List.of(res.resolve("funcobjects.c").toString(), "-o", so.toString()));
        Processes.Run built = Processes.run(null, cc, Map.of(), true, Duration.ofMinutes(2));
        assertEquals(0, built.exitCode(), built.describe());
        Cli.Result r = Cli.runJar(Map.of(), "run", so.toString(), "--call", "call_plain()");
        assertEquals("call_plain() -> SystemError: ftcheck: cannot call function 'fn': it is Python bytecode, and "
                + "ftcheck has no bytecode interpreter", r.out().strip(), r.toString());
    }
}
