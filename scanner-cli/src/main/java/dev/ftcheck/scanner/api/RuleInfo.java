package dev.ftcheck.scanner.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A rule's metadata and documentation, declared once on the rule class (Error Prone style). Everything user-facing
 * about the rule ({@code ftcheck rules}, {@code ftcheck explain}, SARIF rule help, {@code docs/rules/}) is generated
 * from this annotation, so the text lives next to the code that implements it.
 *
 * <p>Documentation fields are Markdown; keep them in your own words.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
    /** Stable code, {@code FT} plus three digits; the hundreds digit is the family's ({@link Family#codeDigit()}). */
    String code();

    /** Short kebab-case name, e.g. {@code list-get-item}; unique across rules. */
    String name();

    Family family();

    Severity severity();

    /** One line: what is reported. Used as the SARIF short description and in {@code ftcheck rules}. */
    String summary();

    /** What the rule detects, in more detail (Markdown). */
    String description();

    /** Why the pattern is a hazard under free threading (Markdown). */
    String rationale();

    /** A short code example the rule reports (C or build-file text, no fences). */
    String example();

    /** What to write instead, with the replacement's return convention (Markdown). */
    String useInstead();

    /**
     * Byte-level prefilter triggers: ASCII tokens at least two characters long. A C/C++ file is parsed for this rule
     * only when its bytes contain at least one trigger. An empty list means the rule must run on every C/C++ file
     * (which disables the prefilter for all files; avoid it). For a project rule, triggers limit the C/C++ files in
     * {@code ProjectContext.files()} to those containing one (build files and Cython sources are always included);
     * no triggers means every C/C++ file.
     */
    String[] triggers() default {};
}
