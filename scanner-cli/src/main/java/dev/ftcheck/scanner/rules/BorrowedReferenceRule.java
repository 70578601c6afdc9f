package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.BorrowThenIncref;
import dev.ftcheck.scanner.analysis.BorrowedResultUse;
import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.ContainerOrigin;
import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.FunctionInfo;
import dev.ftcheck.scanner.analysis.LockScopes;
import dev.ftcheck.scanner.analysis.Tokens;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import dev.ftcheck.scanner.api.Fix;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The safe rewrite of this call, or null. The default knows none; rules whose replacement keeps the
     * semantics of a borrowed read followed at once by an incref override it (see {@link BorrowThenIncref}).
     */
    Fix fix(Tokens t, CallSite call) {
        return null;
    }

    /** Why a borrowed result from this API can dangle, in one sentence. */
    abstract String hazard(CallSite call);

    /** Whether the rule looks at the container's origin; false for APIs that are hazardous wherever they appear. */
    boolean analysesContainer() {
        return true;
    }

    /** Origins this rule reports with low confidence: its measured precision for them is below 90%. */
    Set<ContainerOrigin.Kind> lowConfidenceKinds() {
        return Set.of();
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
                    if (origin.kind().isPrivate() || knownImmutable(fa, f, c, container)
                            || origin.frozen(fa, container) || BorrowedResultUse.onlyCompared(t, f, c)) {
                        continue;
                    }
                    if (!origin.kind().provenShared() && fa.runsAtInit(f, c.nameToken())) {
                        continue; // the module is still being built: no other thread can see its objects yet
                    }
                    if (origin.aliasOf() != null && locks.lockedOn(c.nameToken(), origin.aliasOf())) {
                        continue;
                    }
                    boolean unparsed = f.isPseudo() && !origin.kind().provenShared();
                    confidence = origin.confidence(unparsed, lowConfidenceKinds());
                    why = " " + origin.confidenceNote(unparsed, lowConfidenceKinds(), "container");
                }
                String message = api + " returns a borrowed reference: " + hazard(c) + "." + why + " Use "
                        + replacement + " instead (" + convention + ").";
                ctx.report(t.start(c.nameToken()), t.end(c.close()))
                        .api(api)
                        .replacement(replacement, convention)
                        .message(message)
                        .confidence(confidence)
                        .fixHint(fixHint(c, api))
                        .fix(fix(t, c))
                        .report();
            }
        }
    }

    /** Replaces the callee's name, deletes the incref that follows and adds the compat include. */
    static Fix renameAndDropIncref(Tokens t, CallSite call, String newName) {
        BorrowThenIncref shape = BorrowThenIncref.find(t, call);
        if (shape == null) {
            return null;
        }
        List<Fix.Edit> edits = new ArrayList<>(BorrowThenIncref.compatInclude(t.source()));
        edits.add(new Fix.Edit(t.start(call.nameToken()), t.end(call.nameToken()), call.name(), newName));
        edits.add(shape.deleteIncref(t.source()));
        return new Fix("use " + newName + " and drop the Py_INCREF that followed", edits);
    }

    /**
     * {@code x = Api(d, k); Py_XINCREF(x);} → {@code <status> = RefApi(d, k, &x);} for the dict lookups, whose
     * strong forms return the item through an out-parameter. {@code onError} is the statement run when the lookup
     * fails (PyErr_Clear() where the borrowed API swallowed errors); null keeps the error set, as the WithError
     * form does. Declarations are left to the user.
     */
    static Fix outParameter(Tokens t, CallSite call, String newName, String onError) {
        return outParameter(t, call, 2, newName, "< 0", onError == null ? null : v -> onError);
    }

    /**
     * {@code x = Api(args); Py_XINCREF(x);} → {@code if (RefApi(args, &x) <test>) { <then(x)> }}, or
     * {@code (void)RefApi(args, &x);} when {@code then} is null: the strong form returns a status and the new
     * reference through its last parameter. Only plain assignments of calls with {@code arity} arguments.
     */
    static Fix outParameter(Tokens t, CallSite call, int arity, String newName, String test,
            java.util.function.UnaryOperator<String> then) {
        BorrowThenIncref shape = BorrowThenIncref.find(t, call);
        if (shape == null || shape.declaration() || call.args().size() != arity) {
            return null;
        }
        String src = t.source();
        int from = t.start(shape.assignToken() - 1);
        int to = t.end(call.close() + 1);
        StringBuilder args = new StringBuilder();
        for (CallSite.Arg a : call.args()) {
            args.append(a.text()).append(", ");
        }
        args.append('&').append(shape.variable());
        String indent = indentOf(src, from);
        String stmt = then == null ? "(void)" + newName + "(" + args + ");"
                : "if (" + newName + "(" + args + ") " + test + ") {\n" + indent + "    "
                        + then.apply(shape.variable()) + "\n" + indent + "}";
        List<Fix.Edit> edits = new ArrayList<>(BorrowThenIncref.compatInclude(src));
        edits.add(new Fix.Edit(from, to, src.substring(from, to), stmt));
        edits.add(shape.deleteIncref(src));
        return new Fix("use " + newName + " (a new reference through the out-parameter) and drop the incref", edits);
    }

    private static String indentOf(String src, int offset) {
        int ls = offset;
        while (ls > 0 && src.charAt(ls - 1) != '\n') {
            ls--;
        }
        int e = ls;
        while (e < offset && (src.charAt(e) == ' ' || src.charAt(e) == '\t')) {
            e++;
        }
        return src.substring(ls, e);
    }

    static String arg(CallSite c, int i, String fallback) {
        CallSite.Arg a = c.arg(i);
        return a == null || a.text().isEmpty() ? fallback : a.text();
    }

    /** True when the code before {@code c} proves the container immutable (a rule that reads items may skip it). */
    boolean knownImmutable(FileAnalysis fa, FunctionInfo f, CallSite c, String container) {
        return false;
    }
}
