package dev.ftcheck.cli;

import dev.ftcheck.scanner.api.Rule;
import dev.ftcheck.scanner.rules.RuleRegistry;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ftcheck explain CODE}: a rule's documentation (the same text as SARIF help and docs/rules/). */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Print a rule's documentation: what it reports, why it is a hazard, an example, what to use.")
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CODE", description = "A rule code (FT101) or name (list-get-item).")
    String code;

    @Override
    public Integer call() {
        Optional<Rule> rule = RuleRegistry.byCode(code.strip());
        if (rule.isEmpty()) {
            rule = RuleRegistry.all().stream().filter(r -> r.metadata().name().equals(code.strip())).findFirst();
        }
        if (rule.isEmpty()) {
            spec.commandLine().getErr().println("ftcheck explain: no rule '" + code
                    + "'; `ftcheck rules` lists them");
            return ExitCodes.USAGE;
        }
        spec.commandLine().getOut().print(rule.get().metadata().markdown());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
