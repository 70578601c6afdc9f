package dev.ftcheck.runtime.checked;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.CodeSites;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The process's checked mode, as the object code reaches it from deep inside C-API functions: whether it is on and
 * which extension function is calling the API right now (for naming the culprit in a report). Set once at start-up.
 */
public final class CheckedMode {
    private static volatile CheckedMode current;

    private final CodeSites sites;
    private final MethodHandle currentCaller;
    private final MethodHandle noteFree;

    private CheckedMode(Bridge bridge, CodeSites sites) {
        this.sites = sites;
        this.currentCaller = bridge.fn("ftb_current_caller", FunctionDescriptor.of(ValueLayout.JAVA_LONG), true);
        this.noteFree = bridge.fn("ftb_note_free", FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG), true);
    }

    /** Why a container drops an item, as checked-mode reports word it (a C string that lives for the process). */
    public static final class DropNote {
        final long text;

        public DropNote(String text) {
            this.text = java.lang.foreign.Arena.global().allocateFrom(text).address();
        }
    }

    /**
     * Releases an item a container dropped (replaced or removed), so that if this frees it, a later use by another
     * thread is reported as the borrowed-item race it is.
     */
    public static void releaseDropped(long item, DropNote why) {
        CheckedMode m = current;
        if (m == null || item == 0) {
            dev.ftcheck.runtime.nat.Native.xdecref(item);
            return;
        }
        try {
            m.noteFree.invokeExact(why.text);
            dev.ftcheck.runtime.nat.Native.decref(item);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            try {
                m.noteFree.invokeExact(0L);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** Switches checked mode on for the process (its bridge already allocates with checked headers). */
    public static void enable(Bridge bridge, CodeSites sites) {
        current = new CheckedMode(bridge, sites);
        BorrowedResults.enable();
    }

    public static boolean on() {
        return current != null;
    }

    /** The extension function now calling into the C-API, as {@code fn() (object+0xoff)}, or {@code api}. */
    public static String caller(String api) {
        return callerSite().map(CodeSites.Site::describe).orElse(api);
    }

    /** Where the extension code now calling into the C-API is (empty outside checked mode or a C caller). */
    public static java.util.Optional<CodeSites.Site> callerSite() {
        CheckedMode m = current;
        if (m == null) {
            return java.util.Optional.empty();
        }
        try {
            return m.sites.ofReturnAddress((long) m.currentCaller.invokeExact());
        } catch (Throwable t) {
            return java.util.Optional.empty();
        }
    }

    /** A diagnostic about the C-API call in progress: named after its extension caller, with file and line. */
    public static void report(String kind, String rule, String api, String message) {
        var site = callerSite();
        dev.ftcheck.runtime.DiagnosticSink.diagnose(kind, rule, site.map(CodeSites.Site::describe).orElse(api),
                site.map(CodeSites.Site::file).orElse(null), site.map(CodeSites.Site::line).orElse(0), message);
    }
}
