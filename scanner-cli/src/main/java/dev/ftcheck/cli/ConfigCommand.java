package dev.ftcheck.cli;

import dev.ftcheck.runtime.abi.Abi;
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
    @Spec
    CommandSpec spec;

    @Option(names = "--abi", paramLabel = "3.13|3.14", description = "The free-threaded CPython ABI to build for"
            + " (default: ${DEFAULT-VALUE}); the runtime serves each with its own layouts and functions.",
            defaultValue = Abi.DEFAULT_VERSION)
    String abi;

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
        Abi target = Abi.parse(abi).orElse(null);
        if (target == null) {
            spec.commandLine().getErr().println("ftcheck config: unknown ABI '" + abi + "'; choose one of "
                    + Abi.versions());
            return ExitCodes.USAGE;
        }
        String inc = "-I" + RuntimeHome.get().includeDir(target);
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
            parts.add(target.extensionSuffix());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.join(" ", parts));
        return ExitCodes.OK;
    }
}
