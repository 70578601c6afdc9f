package dev.ftcheck.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds the tests' small C extension modules against ftcheck's headers for one ABI, as a user would. */
public final class TestExtensions {
    /** The ABIs every ABI-dependent runtime test runs in, as {@code --abi} spells them. */
    public static final List<String> ABIS = List.of("3.13", "3.14");

    private TestExtensions() {}

    /**
     * Compiles {@code source} ({@code -Wall -Werror}) with {@code ftcheck config --abi ABI --cflags} into
     * {@code outDir/<module><that ABI's suffix>} and returns the file; a failed build fails the test.
     */
    public static Path build(Path source, String module, String abi, Path outDir) {
        String suffix = config(abi, "--extension-suffix");
        Path so = outDir.resolve(module + suffix);
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-O1", "-g", "-Wall", "-Werror"));
        cc.addAll(Arrays.asList(config(abi, "--cflags").split("\\s+")));
        cc.addAll(List.of(source.toString(), "-o", so.toString()));
        Processes.Run built = Processes.run(null, cc, Map.of(), true, Duration.ofMinutes(2));
        assertEquals(0, built.exitCode(), built.describe());
        return so;
    }

    private static String config(String abi, String what) {
        Cli.Result r = Cli.run("config", "--abi", abi, what);
        assertEquals(0, r.exitCode(), r.toString());
        return r.out().strip();
    }
}
