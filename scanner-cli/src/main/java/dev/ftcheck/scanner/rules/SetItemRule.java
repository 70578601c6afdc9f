package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.ContainerOrigin;
import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.FunctionInfo;
import dev.ftcheck.scanner.analysis.LockScopes;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import java.util.Set;

/**
 * Shared logic of the unsafe-set-item family: {@code PyList_SET_ITEM} / {@code PyTuple_SET_ITEM} are only safe on a
 * container created in this function that no other code has seen yet.
 */
abstract class SetItemRule implements FileRule {

    private final String api;
    private final String replacement;
    private final String convention;

    /**
     * @param api the unchecked store macro this rule reports
     * @param replacement what to use instead
     * @param convention the replacement's reference and error convention
     */
    SetItemRule(String api, String replacement, String convention) {
        this.api = api;
        this.replacement = replacement;
        this.convention = convention;
    }

    /** What to do instead at this call, in the caller's own names. */
    abstract String advice(CallSite c);

    /** Origins this rule reports with low confidence: its measured precision for them is below 90%. */
    Set<ContainerOrigin.Kind> lowConfidenceKinds() {
        return Set.of();
    }

    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        Set<String> names = Set.of(api);
        for (FunctionInfo f : fa.functions()) {
            var calls = fa.callsNamed(f, names);
            if (calls.isEmpty()) {
                continue;
            }
            ContainerOrigin origins = new ContainerOrigin(fa, f);
            LockScopes locks = LockScopes.of(fa, f);
            for (CallSite c : calls) {
                if (c.args().isEmpty()) {
                    continue;
                }
                String container = c.argNorm(0);
                ContainerOrigin.Origin origin = origins.classify(container, c.nameToken());
                if (origin.kind() == ContainerOrigin.Kind.PRIVATE) {
                    continue;
                }
                if (api.startsWith("PyList") && locks.lockedOn(c.nameToken(), container)) {
                    continue; // a list store under the list's own lock is fine
                }
                boolean unparsed = f.isPseudo() && !origin.kind().provenShared();
                String where = unparsed ? "the code around it" : f.name() + "()";
                String message = api + " stores into `" + c.arg(0).text() + "` without locking and without "
                        + "releasing the old item; it is only safe while filling a container no other thread can "
                        + "see yet, and this one was not created in " + where + " or has already escaped. "
                        + origin.confidenceNote(unparsed, lowConfidenceKinds(), "container")
                        + " " + advice(c);
                ctx.report(fa.tokens().start(c.nameToken()), fa.tokens().end(c.close()))
                        .api(api)
                        .replacement(replacement, convention)
                        .message(message)
                        .confidence(origin.confidence(unparsed, lowConfidenceKinds()))
                        .fixHint(advice(c))
                        .report();
            }
        }
    }
}
