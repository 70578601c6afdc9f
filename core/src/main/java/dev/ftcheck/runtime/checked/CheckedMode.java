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

    private CheckedMode(Bridge bridge, CodeSites sites) {
        this.sites = sites;
        this.currentCaller = bridge.fn("ftb_current_caller", FunctionDescriptor.of(ValueLayout.JAVA_LONG), true);
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
        CheckedMode m = current;
        if (m == null) {
            return api;
        }
        try {
            return m.sites.describe((long) m.currentCaller.invokeExact(), api);
        } catch (Throwable t) {
            return api;
        }
    }
}
