package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.DetachedRegions;
import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.FunctionInfo;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;

/** Shared logic of the thread-state family; subclasses pick the detaching API they report. */
abstract class DetachedCallRule implements FileRule {

    private final String detachedBy;
    private final String regionDescription;

    /**
     * @param detachedBy the detaching API this rule is about
     * @param regionDescription where the reported calls stand, for the message ("between ... and ...")
     */
    DetachedCallRule(String detachedBy, String regionDescription) {
        this.detachedBy = detachedBy;
        this.regionDescription = regionDescription;
    }

    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        java.util.List<DetachedRegions.DetachedCall> all = fa.memo("DetachedCalls", () -> {
            java.util.List<DetachedRegions.DetachedCall> out = new java.util.ArrayList<>();
            for (FunctionInfo f : fa.functions()) {
                out.addAll(DetachedRegions.find(fa, f));
            }
            return out;
        });
        for (DetachedRegions.DetachedCall d : all) {
            if (!detachedBy.equals(d.detachedBy())) {
                continue;
            }
            String api = d.call().name();
            int line = ctx.tree().lineOf(fa.tokens().start(d.detachedAtToken()));
            ctx.report(fa.tokens().start(d.call().nameToken()), fa.tokens().end(d.call().close()))
                    .api(api)
                    .replacement("move the call after " + (d.detachedBy().equals("PyEval_SaveThread")
                                    ? "PyEval_RestoreThread()" : "Py_END_ALLOW_THREADS"),
                            "or re-attach around it with Py_BLOCK_THREADS ... Py_UNBLOCK_THREADS")
                    .message(api + " is called " + regionDescription + " (detached at line " + line
                            + "), without an attached thread state. C-API calls need one: in a free-threaded "
                            + "build this can run concurrently with a stop-the-world garbage collection or "
                            + "touch objects being freed, and with the GIL it is a data race. Keep only plain C "
                            + "work inside the region and make Python API calls after it.")
                    .fixHint("Record the result in C variables inside the region and call " + api
                            + " after the thread state is restored (or wrap it in Py_BLOCK_THREADS / "
                            + "Py_UNBLOCK_THREADS).")
                    .report();
        }
    }
}
