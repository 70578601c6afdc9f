package dev.ftcheck.scanner.rules;

import dev.ftcheck.compat.FtcompatShims;
import dev.ftcheck.scanner.analysis.BorrowThenIncref;
import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.FunctionInfo;
import dev.ftcheck.scanner.analysis.Preprocessor;
import dev.ftcheck.scanner.analysis.Tokens;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import dev.ftcheck.scanner.api.Fix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Shared logic of the rules about private CPython functions that have a public replacement: report each call, except
 * where the code is already the compatibility branch for old versions (compiled only below the release that brought
 * the public API), where the file defines the name itself, and inside a function that implements the public
 * replacement (a compat shim).
 */
abstract class PrivateApiRule implements FileRule {

    /**
     * One private name.
     *
     * @param name the private function or macro
     * @param replacement the public API to use, as written in advice (starts with its name)
     * @param convention the replacement's return convention
     * @param status what happened to the private name, completing "X is private: ..."
     * @param publicSince PY_VERSION_HEX of the release from which code should use the replacement; a call compiled
     *     only below it is a compat branch and is not reported
     * @param arity report only calls with this many arguments (-1: any)
     * @param requires report only in files that {@code #include} a header of this name ("" for every file)
     * @param rename true when renaming the call to the replacement keeps its meaning (offered as a fix when
     *     ftcompat.h supplies the replacement on older versions)
     * @param kind what happened to the name, as CPython's headers show it (checked against them by a test)
     */
    record PrivateApi(String name, String replacement, String convention, String status, long publicSince,
            int arity, String requires, boolean rename, Kind kind) {

        /** The public name the advice starts with. */
        String replacementName() {
            int end = 0;
            while (end < replacement.length() && (Character.isLetterOrDigit(replacement.charAt(end))
                    || replacement.charAt(end) == '_')) {
                end++;
            }
            return replacement.substring(0, end);
        }
    }

    /** What CPython did to a private name; PrivateApiFactsTest checks each against the real headers. */
    enum Kind {
        /** Declared deprecated (for extensions) in 3.14's headers; present and not deprecated in 3.13's. */
        DEPRECATED_314,
        /** Public in 3.12's headers, absent from 3.13's and 3.14's public headers. */
        HIDDEN_313,
        /** Declared by 3.12's headers, by neither 3.13's nor 3.14's. */
        REMOVED_313,
        /** Declared by 3.12's and 3.13's headers with different parameter counts. */
        SIGNATURE_313,
        /** Not in 3.13's public headers (internal headers only there). */
        INTERNAL,
        /** The inline body behind a 3.14 public macro: in 3.14's public headers, not in 3.13's. */
        IMPLEMENTATION_314,
        /** A macro in 3.14's public headers that expands to deprecated functions. */
        MACRO_OF_DEPRECATED_314
    }

    private final Map<String, PrivateApi> table = new LinkedHashMap<>();

    PrivateApiRule(List<PrivateApi> apis) {
        for (PrivateApi a : apis) {
            table.put(a.name(), a);
        }
    }

    /** The rule's table, for documentation tests. */
    Map<String, PrivateApi> table() {
        return table;
    }

    /** The message for one call, before the compat advice the report adds. */
    String message(PrivateApi api, CallSite call) {
        return "`" + api.name() + "` is private: " + api.status() + ". Use " + api.replacement() + " ("
                + api.convention() + ").";
    }

    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        Tokens t = fa.tokens();
        String source = t.source();
        Set<String> names = table.keySet();
        Set<String> shims = new java.util.HashSet<>();
        table.values().forEach(a -> shims.add(a.replacementName()));
        for (FunctionInfo f : fa.functions()) {
            if (shims.contains(f.name()) || names.contains(f.name()) || f.name().startsWith("ftcompat_")) {
                continue; // implements the public name (or the private one) itself: a compat shim
            }
            for (CallSite c : fa.callsNamed(f, names)) {
                PrivateApi api = table.get(c.name());
                if (api.arity() >= 0 && c.args().size() != api.arity()) {
                    continue;
                }
                if (!api.requires().isEmpty() && !includes(source, api.requires())) {
                    continue;
                }
                if (definesItself(fa, source, api.name())) {
                    continue;
                }
                List<String> conditions = Preprocessor.conditionsAt(ctx.tree(), t.start(c.nameToken()));
                if (Preprocessor.compiledOnlyBelow(conditions, api.publicSince())) {
                    continue;
                }
                ctx.report(t.start(c.nameToken()), t.end(c.close()))
                        .api(api.name())
                        .replacement(api.replacement(), api.convention())
                        .message(message(api, c))
                        .fixHint(fixHint(api, c))
                        .fix(api.rename() ? renameFix(t, c, api.replacementName()) : null)
                        .report();
            }
        }
    }

    private static String fixHint(PrivateApi api, CallSite c) {
        if (!api.rename()) {
            return "Rewrite with " + api.replacement() + ".";
        }
        StringBuilder args = new StringBuilder();
        for (CallSite.Arg a : c.args()) {
            args.append(args.length() == 0 ? "" : ", ").append(a.text());
        }
        return api.replacementName() + "(" + args + ")";
    }

    /** The file has {@code #include <.../header>} or {@code #include ".../header"}. */
    private static boolean includes(String source, String header) {
        return Pattern.compile("(?m)^[ \\t]*#[ \\t]*include[ \\t]*[<\"](?:[^>\"\\n]*/)?" + Pattern.quote(header) + "[>\"]")
                .matcher(source).find();
    }

    /** The file defines the private name itself (a function or a macro): calls go to its own code. */
    private static boolean definesItself(FileAnalysis fa, String source, String name) {
        return !fa.functionsNamed(name).isEmpty()
                || Pattern.compile("(?m)^[ \\t]*#[ \\t]*define[ \\t]+" + Pattern.quote(name) + "\\b").matcher(source)
                        .find();
    }

    /** Renames the callee and includes ftcompat.h, when ftcompat.h supplies the public name for older versions. */
    static Fix renameFix(Tokens t, CallSite call, String newName) {
        if (FtcompatShims.lookup(newName).isEmpty()) {
            return null; // renaming would break the build on the versions before the public name
        }
        List<Fix.Edit> edits = new ArrayList<>(BorrowThenIncref.compatInclude(t.source()));
        edits.add(new Fix.Edit(t.start(call.nameToken()), t.end(call.nameToken()), call.name(), newName));
        return new Fix("use " + newName + " (ftcompat.h supplies it before CPython "
                + FtcompatShims.lookup(newName).get().realSince() + ")", edits);
    }
}
