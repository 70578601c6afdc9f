package dev.ftcheck.tests.corpus;

import dev.ftcheck.tests.corpus.KnownAnswers.Answer;
import java.util.List;

/**
 * One module in one mode: passed, failed with the first reason, or not measurable here.
 *
 * @param status PASS, FAIL, or SKIP (the mode could not run: no expected values, a download not served)
 * @param reason the first failure or the skip's cause; empty on PASS
 */
record Verdict(Status status, String reason) {
    enum Status { PASS, FAIL, SKIP }

    static Verdict pass() {
        return new Verdict(Status.PASS, "");
    }

    static Verdict fail(String reason) {
        return new Verdict(Status.FAIL, reason);
    }

    static Verdict skip(String reason) {
        return new Verdict(Status.SKIP, reason);
    }

    /** Compares what a mode did with the reference's answers; the first difference is the reason. */
    static Verdict compare(KnownAnswers expected, KnownAnswers actual) {
        if (actual.importError() != null) {
            return fail(actual.importError().type().equals(FtcheckRunner.STOPPED)
                    ? "the run stopped early: " + actual.importError().message()
                    : "import failed: " + actual.importError());
        }
        if (!expected.warnings().equals(actual.warnings())) {
            return fail("warnings differ: expected " + expected.warnings() + ", got " + actual.warnings());
        }
        List<Answer> want = expected.calls();
        List<Answer> got = actual.calls();
        for (int i = 0; i < want.size(); i++) {
            if (i >= got.size()) {
                return fail("call " + want.get(i).call() + " did not run");
            }
            if (!KnownAnswers.same(want.get(i), got.get(i))) {
                return fail("call " + want.get(i).call() + ": expected " + want.get(i).shown() + ", got "
                        + got.get(i).shown());
            }
        }
        return pass();
    }

    String cell() {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
