package dev.ftcheck.cli.run;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Makes the JVM's own fatal-error handler (which writes the hs_err file and runs -XX:OnError) see the crashes it
 * would otherwise miss, in the supervised child only:
 * <ul>
 *   <li>SIGABRT: the JVM installs no handler for it, so {@code abort()} would kill the process silently; it gets
 *       the JVM's SIGSEGV handler, which treats any signal it does not recognise as fatal and reports it;</li>
 *   <li>native stack overflow: the handler runs on the faulting stack, which has no room left, so the kernel kills
 *       the process; threads that run extension code get an alternate signal stack and the JVM's handlers get
 *       SA_ONSTACK.</li>
 * </ul>
 * Linux x86-64 / glibc layouts: struct sigaction is 152 bytes with sa_flags at 136; stack_t is 24 bytes.
 */
public final class CrashSignals {
    static final int SIGILL = 4;
    static final int SIGABRT = 6;
    static final int SIGBUS = 7;
    static final int SIGFPE = 8;
    static final int SIGSEGV = 11;
    private static final int SA_ONSTACK = 0x08000000;
    private static final long SIGACTION_SIZE = 152;
    private static final long SA_FLAGS_OFFSET = 136;
    private static final long ALT_STACK_SIZE = 1 << 20; // room for the JVM's error reporting
    private static final long SYS_GETTID = 186;

    private final MethodHandle sigaction;
    private final MethodHandle sigaltstack;
    private final MethodHandle syscall;

    public CrashSignals() {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        sigaction = linker.downcallHandle(libc.find("sigaction").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        sigaltstack = linker.downcallHandle(libc.find("sigaltstack").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        syscall = linker.downcallHandle(libc.find("syscall").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
    }

    /** Routes SIGABRT to the JVM's crash handler and lets the fatal-signal handlers run on an alternate stack. */
    public void install() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segv = arena.allocate(SIGACTION_SIZE, 8);
            check((int) sigaction.invokeExact(SIGSEGV, MemorySegment.NULL, segv), "sigaction(SIGSEGV)");
            for (int sig : new int[] {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) {
                MemorySegment act = arena.allocate(SIGACTION_SIZE, 8);
                check((int) sigaction.invokeExact(sig, MemorySegment.NULL, act), "sigaction");
                act.set(JAVA_INT, SA_FLAGS_OFFSET, act.get(JAVA_INT, SA_FLAGS_OFFSET) | SA_ONSTACK);
                check((int) sigaction.invokeExact(sig, act, MemorySegment.NULL), "sigaction");
            }
            segv.set(JAVA_INT, SA_FLAGS_OFFSET, segv.get(JAVA_INT, SA_FLAGS_OFFSET) | SA_ONSTACK);
            check((int) sigaction.invokeExact(SIGABRT, segv, MemorySegment.NULL), "sigaction(SIGABRT)");
        } catch (Throwable t) {
            throw new IllegalStateException("cannot install the crash signal handlers: " + t.getMessage(), t);
        }
    }

    /** Gives the calling thread an alternate signal stack (kept for the life of the process). */
    public void altStackForCurrentThread() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stack = Arena.global().allocate(ALT_STACK_SIZE, 16);
            MemorySegment st = arena.allocate(24, 8);
            st.set(ADDRESS, 0, stack);
            st.set(JAVA_INT, 8, 0);
            st.set(JAVA_LONG, 16, ALT_STACK_SIZE);
            check((int) sigaltstack.invokeExact(st, MemorySegment.NULL), "sigaltstack");
        } catch (Throwable t) {
            throw new IllegalStateException("cannot set an alternate signal stack: " + t.getMessage(), t);
        }
    }

    /** The calling thread's kernel thread id (what gdb calls the LWP). */
    public long nativeThreadId() {
        try {
            return (long) syscall.invokeExact(SYS_GETTID);
        } catch (Throwable t) {
            return -1;
        }
    }

    private static void check(int rc, String what) {
        if (rc != 0) {
            throw new IllegalStateException(what + " failed");
        }
    }
}
