package dev.ftcheck.scanner.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** A rule's {@link RuleInfo}, read once from its class and checked for consistency. */
public record RuleMetadata(
        String code,
        String name,
        Family family,
        Severity severity,
        String summary,
        String description,
        String rationale,
        String example,
        String useInstead,
        List<String> triggers) {

    private static final Pattern CODE = Pattern.compile("FT\\d{3}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Map<Class<?>, RuleMetadata> CACHE = new ConcurrentHashMap<>();

    /** Reads and validates the {@link RuleInfo} on {@code ruleClass}; throws when it is missing or inconsistent. */
    public static RuleMetadata of(Class<?> ruleClass) {
        return CACHE.computeIfAbsent(ruleClass, RuleMetadata::read);
    }

    private static RuleMetadata read(Class<?> c) {
        RuleInfo info = c.getAnnotation(RuleInfo.class);
        if (info == null) {
            throw new IllegalStateException("rule class " + c.getName() + " has no @RuleInfo annotation");
        }
        String where = "rule " + c.getName() + ": ";
        if (!CODE.matcher(info.code()).matches()) {
            throw new IllegalStateException(where + "code '" + info.code() + "' is not FT plus three digits");
        }
        if (info.code().charAt(2) - '0' != info.family().codeDigit()) {
            throw new IllegalStateException(where + "code " + info.code() + " does not belong to family "
                    + info.family().id() + " (FT" + info.family().codeDigit() + "xx)");
        }
        if (!NAME.matcher(info.name()).matches()) {
            throw new IllegalStateException(where + "name '" + info.name() + "' is not kebab-case");
        }
        for (String[] field : new String[][] {
                {"summary", info.summary()}, {"description", info.description()}, {"rationale", info.rationale()},
                {"example", info.example()}, {"useInstead", info.useInstead()}}) {
            if (field[1].isBlank()) {
                throw new IllegalStateException(where + field[0] + " is empty");
            }
        }
        for (String t : info.triggers()) {
            if (t.length() < 2 || !t.chars().allMatch(ch -> ch > 32 && ch < 127)) {
                throw new IllegalStateException(where + "trigger '" + t + "' must be printable ASCII, 2+ chars");
            }
        }
        return new RuleMetadata(info.code(), info.name(), info.family(), info.severity(), info.summary().strip(),
                info.description().strip(), info.rationale().strip(), info.example().strip(),
                info.useInstead().strip(), List.of(info.triggers()));
    }

    /** The full Markdown documentation: the text of {@code ftcheck explain}, SARIF help and {@code docs/rules/}. */
    public String markdown() {
        boolean looksLikeC = example.contains(";") || example.contains("#define") || example.contains("#include")
                || example.contains("{");
        String fence = looksLikeC && !example.contains("[tool") ? "c" : "";
        return "# " + code + " " + name + "\n\n"
                + "Family: `" + family.id() + "` · Severity: `" + severity.id() + "`\n\n"
                + summary + "\n\n"
                + "## What it does\n\n" + description + "\n\n"
                + "## Why is this bad?\n\n" + rationale + "\n\n"
                + "## Example\n\n```" + fence + "\n" + example + "\n```\n\n"
                + "## Use instead\n\n" + useInstead + "\n";
    }
}
