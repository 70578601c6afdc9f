package dev.ftcheck.runtime.checked;

import dev.ftcheck.runtime.nat.CodeSites;
import dev.ftcheck.runtime.thread.ThreadState;

/**
 * Turns the bridge's checked-mode object reports (use after free, a release too many) into diagnostics: names the
 * extension code that did it, freed the object and allocated it, the threads involved, and, when the freed object
 * was a borrowed reference that another thread released, the borrowing call with its scanner rule and the strong
 * function to use instead.
 */
public final class ObjectReports {
    /** Where the finished diagnostic goes: kind, rule (or null), C function, message. */
    public interface Sink {
        void report(String kind, String rule, String cFunction, String file, int line, String message);
    }

    private final CodeSites sites;
    private final Sink sink;

    public ObjectReports(CodeSites sites, Sink sink) {
        this.sites = sites;
        this.sink = sink;
    }

    /** One native report; {@code note} says why a container dropped the object (null: a plain release). */
    public void report(String kind, String api, String message, String note, long object, long caller,
            long allocSite, long freeSite, long allocThread, long freeThread, long freeGlobal) {
        StringBuilder m = new StringBuilder(message);
        long self = ThreadState.current().tid();
        String rule = null;
        boolean otherThread = freeThread != 0 && freeThread != self;
        if (kind.equals("use-after-free") || kind.equals("refcount-underflow")) {
            BorrowedResults.Api borrowed = BorrowedResults.lookup(object);
            if (freeGlobal != 0 && otherThread) {
                rule = "FT601";
                m.append("; another thread released it while the global variable ")
                        .append(sites.describeVariable(freeGlobal)).append(" still pointed to it, and this thread"
                                + " was using the object read from that global: an unsynchronised global (guard"
                                + " it with a PyMutex and hand out strong references, or keep it in module state)");
            } else if (borrowed != null && otherThread) {
                rule = borrowed.rule;
                m.append("; this thread got it as a borrowed reference from ").append(borrowed.function)
                        .append(" and another thread released it meanwhile: use ").append(borrowed.replacement)
                        .append(", which returns a strong reference");
            } else if (note != null && otherThread) {
                rule = note.contains("list") ? "FT101" : note.contains("dict") ? "FT102" : null;
                m.append("; another thread ").append(note).append(" while this thread still used it");
                if (rule != null) {
                    m.append(": a borrowed ").append(rule.equals("FT101")
                            ? "list item (PyList_GetItem, PyList_GET_ITEM): use PyList_GetItemRef"
                            : "dict entry: use PyDict_GetItemRef").append(", which returns a strong reference");
                }
            } else if (note != null) {
                m.append("; it was ").append(note);
            }
        }
        if (freeSite != 0 || freeThread != 0) {
            m.append("; freed by ").append(sites.describe(freeSite, "the runtime"))
                    .append(" on ").append(ThreadState.describeOwner(freeThread));
        }
        if (allocSite != 0 || allocThread != 0) {
            m.append("; allocated by ").append(sites.describe(allocSite, "the runtime"))
                    .append(" on ").append(ThreadState.describeOwner(allocThread));
        }
        var site = sites.ofReturnAddress(caller);
        sink.report(kind, rule, site.map(CodeSites.Site::describe).orElse(api), site.map(CodeSites.Site::file)
                .orElse(null), site.map(CodeSites.Site::line).orElse(0), m.toString());
    }
}
