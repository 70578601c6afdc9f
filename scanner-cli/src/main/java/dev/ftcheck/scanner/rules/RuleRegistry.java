package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.Rule;
import dev.ftcheck.scanner.api.RuleMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of scanner rules. To add a rule: write the class (annotated with {@code @RuleInfo}), add one line to
 * {@link #create()}, add fixtures under {@code scanner-cli/src/test/resources/fixtures/}, and regenerate
 * {@code docs/rules/} with {@code ftcheck rules --write-docs docs/rules}. Keep the list sorted by code.
 */
public final class RuleRegistry {
    private static final List<Rule> ALL = validated(create());

    private RuleRegistry() {}

    private static List<Rule> create() {
        List<Rule> rules = new ArrayList<>();
        // FT0xx build-config
        rules.add(new BuildConfigCibuildwheel());
        rules.add(new BuildConfigClassifier());
        rules.add(new BuildConfigWindowsGil());
        // FT1xx borrowed-reference
        rules.add(new ListGetItemRule());
        rules.add(new DictGetItemRule());
        rules.add(new DictGetItemStringRule());
        rules.add(new DictSetDefaultRule());
        rules.add(new WeakrefGetObjectRule());
        rules.add(new ImportAddModuleRule());
        rules.add(new CellGetRule());
        rules.add(new SequenceFastItemsRule());
        rules.add(new SysGetObjectRule());
        rules.add(new PrivateTryIncrefRule());
        // FT2xx dict-next
        rules.add(new DictNextRule());
        // FT3xx unsafe-set-item
        rules.add(new ListSetItemRule());
        rules.add(new TupleSetItemRule());
        // FT4xx module-gil
        rules.add(new ModuleGilNotDeclaredRule());
        rules.add(new ModuleGilUsedRule());
        rules.add(new GilDeclarationUnguardedRule());
        rules.add(new GeneratorModuleGilRule());
        // FT5xx object-malloc
        rules.add(new ObjectMallocBufferRule());
        rules.add(new ObjectFreeBufferRule());
        // FT6xx global-state
        rules.add(new GlobalMutableStateRule());
        rules.add(new StaticLocalStateRule());
        // FT7xx limited-api
        rules.add(new LimitedApiSourceDefine());
        rules.add(new LimitedApiSetuptools());
        rules.add(new LimitedApiPyproject());
        rules.add(new LimitedApiMeson());
        rules.add(new LimitedApiBuildFlag());
        // FT8xx struct-access
        rules.add(new RefcntAccessRule());
        rules.add(new ObTypeWriteRule());
        rules.add(new ObSizeWriteRule());
        rules.add(new ListItemsAccessRule());
        rules.add(new DictInternalsAccessRule());
        rules.add(new ObjectInternalsAccessRule());
        rules.add(new RefcntUniquenessRule());
        rules.add(new LongInternalsAccessRule());
        rules.add(new PrivateApiReplacedRule());
        // FT9xx thread-state
        rules.add(new AllowThreadsApiCallRule());
        rules.add(new SaveThreadApiCallRule());
        return rules;
    }

    /** Every rule, sorted by code. */
    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> byCode(String code) {
        return ALL.stream().filter(r -> r.metadata().code().equalsIgnoreCase(code)).findFirst();
    }

    /** Rules of one family, sorted by code. */
    public static List<Rule> byFamily(Family family) {
        return ALL.stream().filter(r -> r.metadata().family() == family).toList();
    }

    private static List<Rule> validated(List<Rule> rules) {
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Rule r : rules) {
            RuleMetadata m = r.metadata();
            if (!codes.add(m.code())) {
                throw new IllegalStateException("duplicate rule code " + m.code());
            }
            if (!names.add(m.name())) {
                throw new IllegalStateException("duplicate rule name " + m.name());
            }
        }
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(r -> r.metadata().code()));
        return List.copyOf(sorted);
    }
}
