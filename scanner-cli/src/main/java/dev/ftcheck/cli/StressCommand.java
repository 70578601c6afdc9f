package dev.ftcheck.cli;

import dev.ftcheck.cli.run.StressSession;
import dev.ftcheck.runtime.GilSetting;
import dev.ftcheck.runtime.script.Script;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ftcheck stress}: the script's top level builds the shared objects once, then N threads released together
 * call its {@code worker(i)} over and over; the report counts what completed and what raised per thread, and the
 * runtime's diagnostics. Supervised like {@code ftcheck run} (crash, time-out and SIGINT reports).
 */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = "Run a script's worker(i) from many threads at once against a C extension, in ftcheck's"
                + " free-threaded runtime, and report exceptions and diagnostics.",
        footerHeading = "%nExamples:%n",
        footer = {"  ftcheck stress ftsingle.so --script append.py --threads 8 --repeat 10000",
            "  ftcheck stress _map.so --script map_stress.py --duration 10 --report stress.json",
            "",
            "A stress script (ftcheck's Python subset, see docs/runtime.md):",
            "  import ftsingle",
            "  def worker(i):",
            "      ftsingle.append(i)",
            "",
            "Exit codes: 0 clean; 1 a worker raised or a diagnostic was reported; 2 usage error;"
                    + " 3 crash or time-out; 130 interrupted."})
final class StressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXT.so", description = "The extension module file.")
    Path extension;

    @Option(names = "--script", paramLabel = "FILE", required = true,
            description = "The stress script: its top level runs once, then each thread calls its worker(i).")
    Path script;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "4",
            description = "Threads calling worker(i), i = 0..N-1 (default: ${DEFAULT-VALUE}).")
    int threads;

    /** Exactly one of --repeat and --duration. */
    static final class Amount {
        @Option(names = "--repeat", paramLabel = "M", description = "Calls of worker(i) per thread.")
        Integer repeat;

        @Option(names = "--duration", paramLabel = "SECONDS", description = "Keep calling for SECONDS.")
        Double duration;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Amount amount;

    @Mixin
    ExtensionOptions options;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        if (amount.repeat != null && amount.repeat < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1");
        }
        if (amount.duration != null && !(amount.duration > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--duration must be a positive number");
        }
        GilSetting setting = options.validate(spec);
        Script parsed = RunCommand.readScript(script, err);
        if (parsed == null) {
            return ExitCodes.USAGE;
        }
        if (!options.isChild()) {
            List<String> args = new ArrayList<>(List.of("--script", script.toString(), "--threads",
                    Integer.toString(threads)));
            if (amount.repeat != null) {
                args.add("--repeat");
                args.add(amount.repeat.toString());
            } else {
                args.add("--duration");
                args.add(amount.duration.toString());
            }
            return options.supervise("stress", extension, args, out, err);
        }
        StressSession[] session = new StressSession[1];
        ExtensionOptions.Child child = options.startChild(setting, err, line -> {
            if (line.equals("stacks") && session[0] != null) {
                session[0].sendStacks();
            }
        });
        session[0] = new StressSession(child.rt(), child.events(), child.signals(), out, err,
                new StressSession.Plan(threads, amount.repeat, amount.duration, options.checked,
                        options.checkLeaks));
        int exit = session[0].run(extension, parsed);
        child.errStream().flush();
        return exit;
    }
}
