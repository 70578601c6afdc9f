package dev.ftcheck.cli;

import dev.ftcheck.scanner.RuleDocs;
import dev.ftcheck.scanner.api.Rule;
import dev.ftcheck.scanner.api.RuleMetadata;
import dev.ftcheck.scanner.rules.RuleRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ftcheck rules}: list every scanner rule, or write their documentation pages. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List every scanner rule (code, name, family, severity, summary).")
final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--write-docs", paramLabel = "DIR", description = "Write one Markdown page per rule plus an"
            + " index into DIR (docs/rules in the repository), removing pages of rules that no longer exist.")
    Path writeDocs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (writeDocs != null) {
            if (Files.exists(writeDocs) && !Files.isDirectory(writeDocs)) {
                spec.commandLine().getErr().println("ftcheck rules: " + writeDocs + " is a file, not a directory");
                return ExitCodes.USAGE;
            }
            try {
                int n = RuleDocs.write(writeDocs);
                out.println("wrote " + n + " rule pages and README.md to " + writeDocs);
            } catch (IOException e) {
                spec.commandLine().getErr().println("ftcheck rules: cannot write " + writeDocs + ": "
                        + e.getMessage());
                return ExitCodes.USAGE;
            }
            return ExitCodes.OK;
        }
        out.printf("%-6s %-34s %-19s %-8s %s%n", "CODE", "NAME", "FAMILY", "SEVERITY", "SUMMARY");
        for (Rule r : RuleRegistry.all()) {
            RuleMetadata m = r.metadata();
            out.printf("%-6s %-34s %-19s %-8s %s%n", m.code(), m.name(), m.family().id(), m.severity().id(),
                    m.summary().replace("`", ""));
        }
        return ExitCodes.OK;
    }
}
