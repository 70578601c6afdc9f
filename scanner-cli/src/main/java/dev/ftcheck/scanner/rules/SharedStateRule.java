package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.GlobalState;
import dev.ftcheck.scanner.analysis.TypeText;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import java.util.ArrayList;
import java.util.List;

/** Shared logic of the global-state family; subclasses choose file-scope or function-static variables. */
abstract class SharedStateRule implements FileRule {

    abstract boolean functionStatic();

    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        for (GlobalState.Hazard h : GlobalState.find(fa)) {
            GlobalState.Variable v = h.variable();
            if (v.functionStatic() != functionStatic()) {
                continue;
            }
            java.util.LinkedHashSet<String> unique = new java.util.LinkedHashSet<>();
            for (GlobalState.Write w : h.writes()) {
                unique.add(w.function().name() + "() line " + ctx.tree().lineOf(fa.tokens().start(w.token()))
                        + " (" + w.kind() + ")");
            }
            // list the first sites; generated or huge functions can write a variable thousands of times
            List<String> sites = new ArrayList<>(unique.stream().limit(12).toList());
            if (unique.size() > sites.size()) {
                sites.add("and " + (unique.size() - sites.size()) + " more");
            }
            String what = describe(h);
            String where = v.functionStatic() ? "function-level static in " + v.owner().name() + "()"
                    : "file-scope variable";
            String message = "`" + v.name() + "` is a " + where + " (" + what + ") written while the module is in "
                    + "use, with no lock, critical section or atomic: " + String.join("; ", sites) + ". Threads "
                    + "running these functions at the same time race on it"
                    + (h.lazyInit() ? " (two threads can both see it unset and both initialise it, leaking or "
                            + "freeing one result)" : "")
                    + ". Move it to module state or make it thread-local, initialise it in module exec, or guard "
                    + "it with a PyMutex or atomics."
                    + (h.internedStringCache() ? " Confidence is low: it only caches an interned string, which is "
                            + "immortal on 3.13+, so racing threads store the same pointer; it is still a C data "
                            + "race, and other state initialised alongside it is not covered by this exemption."
                            : "");
            ctx.report(v.nameNode())
                    .confidence(h.internedStringCache() ? Confidence.LOW : Confidence.HIGH)
                    .api(v.name())
                    .replacement(h.lazyInit() ? "initialise in Py_mod_exec / module state, or PyMutex-guarded"
                                    : "module state, thread-local, atomic, or a PyMutex",
                            "PyMutex_Lock(&m) / PyMutex_Unlock(&m) (3.13+); _Thread_local; _Atomic")
                    .message(message)
                    .fixHint(h.lazyInit()
                            ? "Create the object in the module's exec function and keep it in module state "
                                    + "(PyModule_GetState), or guard the check-and-set with a static PyMutex."
                            : "static PyMutex " + v.name() + "_mutex; PyMutex_Lock(&" + v.name() + "_mutex); ... "
                                    + "PyMutex_Unlock(&" + v.name() + "_mutex);")
                    .report();
        }
    }

    private static String describe(GlobalState.Hazard h) {
        String type = h.variable().type().replaceAll("(?s)\\{.*\\}", "").replaceAll("\\s+", " ").trim();
        if (h.lazyInit()) {
            return "a lazily initialised " + (type.contains("PyObject") ? "object cache" : "value");
        }
        boolean counter = h.writes().stream().allMatch(w -> w.kind().equals("incremented"));
        if (counter) {
            return "a counter";
        }
        if (type.endsWith("[]") || h.writes().stream().anyMatch(w -> w.kind().startsWith("written by"))) {
            return "a shared buffer";
        }
        if (TypeText.baseName(type) != null && TypeText.baseName(type).equals("PyObject")) {
            return "a cached object";
        }
        if (type.equals("int") || type.equals("bool") || type.equals("_Bool") || type.equals("char")) {
            return "a flag or setting";
        }
        return "mutable state of type `" + type + "`";
    }
}
