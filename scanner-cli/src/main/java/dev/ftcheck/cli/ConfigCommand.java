package dev.ftcheck.cli;

import dev.ftcheck.runtime.home.RuntimeHome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ftcheck config}: compiler and linker flags for building extensions against ftcheck's headers, in the
 * manner of {@code python3-config}.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print flags that build an extension against ftcheck's C-API headers (like python3-config).")
final class ConfigCommand implements Callable<Integer> {
    /** The ABI tag our headers match: CPython 3.13's free-threaded build. */
    static final String EXTENSION_SUFFIX = ".cpython-313t-x86_64-linux-gnu.so";

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = false, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--includes", description = "The -I flag for the headers.")
        boolean includes;

        @Option(names = "--cflags", description = "Flags for compiling: includes plus Py_GIL_DISABLED, -fPIC.")
        boolean cflags;

        @Option(names = "--ldflags", description = "Flags for linking a shared extension (no libpython: symbols"
                + " resolve from the runtime's bridge at load time).")
        boolean ldflags;

        @Option(names = "--extension-suffix", description = "The file suffix for extension modules.")
        boolean extensionSuffix;
    }

    @Override
    public Integer call() {
        String inc = "-I" + RuntimeHome.get().includeDir();
        List<String> parts = new ArrayList<>();
        if (which.includes) {
            parts.add(inc);
        }
        if (which.cflags) {
            parts.add(inc + " -DPy_GIL_DISABLED=1 -fPIC -fno-strict-aliasing");
        }
        if (which.ldflags) {
            parts.add("-shared -Wl,--allow-shlib-undefined");
        }
        if (which.extensionSuffix) {
            parts.add(EXTENSION_SUFFIX);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.join(" ", parts));
        return ExitCodes.OK;
    }
}
