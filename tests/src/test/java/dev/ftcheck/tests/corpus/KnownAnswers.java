package dev.ftcheck.tests.corpus;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a module did in one interpreter: the import's outcome, the warnings it printed and each call's result.
 * Reference mode writes this as the committed expected values; the other modes produce it to be compared.
 *
 * @param python      the interpreter that produced it ("CPython 3.13.15 free-threaded", "ftcheck")
 * @param importError the exception that stopped the import, or null
 * @param warnings    {@code Category: text} for each warning during the import
 * @param calls       one entry per known-answer call, in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record KnownAnswers(String module, String python, Failure importError, List<String> warnings, List<Answer> calls) {

    /** An exception: the type as {@code module.QualName} ({@code builtins.} left out) and {@code str(e)}. */
    record Failure(String type, String message) {
        @Override
        public String toString() {
            return message.isEmpty() ? type : type + ": " + message;
        }
    }

    /** One call: its repr or its exception. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Answer(String call, String repr, Failure exception) {
        String shown() {
            return exception != null ? "raised " + exception : repr;
        }
    }

    /** Object addresses differ between processes; everything else must match exactly. */
    static String normalize(String s) {
        return s == null ? null : s.replaceAll("0x[0-9a-fA-F]+", "0x…");
    }

    static boolean same(Answer expected, Answer actual) {
        if (expected.exception() != null || actual.exception() != null) {
            return expected.exception() != null && expected.exception().equals(actual.exception());
        }
        return normalize(expected.repr()).equals(normalize(actual.repr()));
    }
}
