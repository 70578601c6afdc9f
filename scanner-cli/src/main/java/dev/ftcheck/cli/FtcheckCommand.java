package dev.ftcheck.cli;

import dev.ftcheck.Version;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code ftcheck} command; subcommands are registered in {@link #commandLine()}. */
@Command(
        name = "ftcheck",
        mixinStandardHelpOptions = true,
        versionProvider = FtcheckCommand.VersionProvider.class,
        description = "Find and fix free-threading hazards in CPython C extensions, and run extensions"
                + " free-threaded in a checked C-API runtime.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success; nothing at or above the failure threshold",
            "1:findings at or above --fail-on, or a failed check; run/stress: a call raised or the runtime"
                    + " reported a diagnostic",
            "2:usage error, unreadable input or internal error",
            "3:run/stress: the extension crashed or timed out (the report is still written)",
            "130:run/stress: interrupted (SIGINT)"
        },
        synopsisSubcommandLabel = "COMMAND")
public final class FtcheckCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Builds the command tree with every subcommand and the exit-code mapping. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FtcheckCommand());
        cl.addSubcommand("info", new InfoCommand());
        cl.addSubcommand("config", new ConfigCommand());
        cl.addSubcommand("scan", new ScanCommand());
        cl.addSubcommand("rules", new RulesCommand());
        cl.addSubcommand("explain", new ExplainCommand());
        cl.addSubcommand("clean", new CleanCommand());
        cl.addSubcommand("run", new RunCommand());
        cl.addSubcommand("stress", new StressCommand());
        cl.addSubcommand("generate-completion", new AutoComplete.GenerateCompletion());
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        cl.setExitCodeExceptionMapper(t -> ExitCodes.USAGE);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            err.println("ftcheck: error: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            if (System.getenv("FTCHECK_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return ExitCodes.USAGE;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println("ftcheck: " + ex.getMessage());
            c.usage(err);
            return ExitCodes.USAGE;
        });
        return cl;
    }

    @Override
    public void run() {
        // A bare "ftcheck" is a usage error: show what is available.
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ftcheck " + Version.get()};
        }
    }
}
