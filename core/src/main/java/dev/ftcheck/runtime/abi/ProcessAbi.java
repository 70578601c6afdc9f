package dev.ftcheck.runtime.abi;

/**
 * The ABI this process's objects are laid out in. Native objects are shared by every module a process loads and
 * their layouts differ between ABIs, so the first runtime fixes it (or the first layout read, with the default);
 * asking for another one afterwards is an error, not a silent mix of layouts.
 */
public final class ProcessAbi {
    private static volatile Abi fixed;

    private ProcessAbi() {}

    /** Fixes the process's ABI; a no-op when it is already {@code abi}. */
    public static synchronized void fix(Abi abi) {
        if (fixed == null) {
            fixed = abi;
        } else if (fixed != abi) {
            throw new IllegalStateException("this process already serves the " + fixed.version() + " ABI ("
                    + fixed.tag() + "): its objects have that version's layout, so a " + abi.version()
                    + " runtime needs a process of its own");
        }
    }

    /** The process's ABI, fixing the default when nothing chose one yet. */
    public static Abi get() {
        Abi a = fixed;
        if (a == null) {
            synchronized (ProcessAbi.class) {
                if (fixed == null) {
                    fixed = Abi.DEFAULT;
                }
                a = fixed;
            }
        }
        return a;
    }

    public static boolean is314() {
        return get() == Abi.V3_14;
    }
}
