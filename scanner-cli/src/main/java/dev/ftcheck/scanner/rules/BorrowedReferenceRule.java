package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.ContainerOrigin;
import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.FunctionInfo;
import dev.ftcheck.scanner.analysis.LockScopes;
import dev.ftcheck.scanner.analysis.Tokens;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import java.util.Set;

/**
 * Shared logic of the borrowed-reference family: find calls to the rule's APIs, skip the ones whose container no
 * other thread can see (created here and not escaped, a keyword-arguments dict, or locked by a critical section on
 * the same expression), and report the rest with a confidence that says whether the container is proven shared.
 */
abstract class BorrowedReferenceRule implements FileRule {

    private final Set<String> apis;
    private final String replacement;
    private final String convention;

    /**
     * @param apis the borrowed APIs this rule reports
     * @param replacement the strong replacement, the same for each of them
     * @param convention the replacement's return convention
     */
    BorrowedReferenceRule(Set<String> apis, String replacement, String convention) {
        this.apis = apis;
        this.replacement = replacement;
        this.convention = convention;
    }

    /** A concrete rewrite of this call. */
    abstract String fixHint(CallSite call, String api);

    /** Why a borrowed result from this API can dangle, in one sentence. */
    abstract String hazard(CallSite call);

    /** Whether the rule looks at the container's origin; false for APIs that are hazardous wherever they appear. */
    boolean analysesContainer() {
        return true;
    }

    /** Confidence when the rule does not analyse the container. */
    Confidence fixedConfidence() {
        return Confidence.HIGH;
    }

    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        Tokens t = fa.tokens();
        for (FunctionInfo f : fa.functions()) {
            if (f.name().endsWith("_lock_held")) {
                continue; // by convention the caller holds the critical section
            }
            LockScopes locks = null;
            ContainerOrigin origins = null;
            for (CallSite c : fa.callsNamed(f, apis)) {
                String api = c.name();
                Confidence confidence = fixedConfidence();
                String why = "";
                if (analysesContainer()) {
                    if (c.args().isEmpty()) {
                        continue;
                    }
                    String container = c.argNorm(0);
                    if (locks == null) {
                        locks = LockScopes.of(fa, f);
                        origins = new ContainerOrigin(fa, f);
                    }
                    if (locks.lockedOn(c.nameToken(), container)) {
                        continue;
                    }
                    ContainerOrigin.Origin origin = origins.classify(container, c.nameToken());
                    if (origin.kind().isPrivate()) {
                        continue;
                    }
                    if (!origin.kind().provenShared() && fa.runsAtInit(f, c.nameToken())) {
                        continue; // the module is still being built: no other thread can see its objects yet
                    }
                    if (origin.aliasOf() != null && locks.lockedOn(c.nameToken(), origin.aliasOf())) {
                        continue;
                    }
                    confidence = origin.kind().provenShared() ? Confidence.HIGH : Confidence.MEDIUM;
                    why = origin.kind().provenShared()
                            ? " The container is shared: " + origin.explanation() + "."
                            : " Confidence is medium because " + origin.explanation() + ".";
                }
                String message = api + " returns a borrowed reference: " + hazard(c) + "." + why + " Use "
                        + replacement + " instead (" + convention + ").";
                ctx.report(t.start(c.nameToken()), t.end(c.close()))
                        .api(api)
                        .replacement(replacement, convention)
                        .message(message)
                        .confidence(confidence)
                        .fixHint(fixHint(c, api))
                        .report();
            }
        }
    }

    static String arg(CallSite c, int i, String fallback) {
        CallSite.Arg a = c.arg(i);
        return a == null || a.text().isEmpty() ? fallback : a.text();
    }
}
