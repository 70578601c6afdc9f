package dev.ftcheck.runtime;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Dealloc;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.thread.ThreadState;
import java.lang.invoke.MethodHandle;

/**
 * The Java functions the bridge calls back (package-private: {@link ProcessStartup} looks them up to install
 * them once). Each catches everything: an exception escaping an upcall kills the JVM.
 */
final class NativeHooks {
    /** Critical-section suspension around a blocking PyMutex wait (bridge functions, bound at start-up). */
    static MethodHandle csSuspendAll;
    static MethodHandle csResumeTop;

    private NativeHooks() {
    }

    /** Upcall target: a declared function with no implementation was called. Raises SystemError naming it. */
    static void nativeMissing(long name) {
        try {
            String n = Mem.cString(name);
            Errors.set(Exceptions.SystemError, "ftcheck: C-API function " + n + " is not implemented");
        } catch (Throwable t) {
            System.err.println("ftcheck: failed to report a missing C-API function: " + t);
        }
    }

    /**
     * Upcall target: fatal API misuse detected natively (unlocking an unlocked PyMutex, negative refcount...).
     * Reported as CPython prints it and recorded; the misused call then does nothing further, so the process
     * survives to write its report.
     */
    static void nativeFatal(long function, long message) {
        try {
            String text = "Fatal Python error: " + Mem.cString(function) + ": " + Mem.cString(message);
            System.err.println(text);
            DiagnosticSink.diagnose("fatal-error", Mem.cString(function), text);
        } catch (Throwable t) {
            System.err.println("ftcheck: failed to report a fatal error: " + t);
        }
    }

    /** Upcall target: a thread is about to wait on a contended PyMutex: detach (drop the GIL, suspend sections). */
    static void nativeBeforeBlocking() {
        try {
            ThreadState ts = ThreadState.current();
            if (ts.attached()) {
                ts.save();
                ts.blockedDetach = true;
            }
            csSuspendAll.invokeExact();
        } catch (Throwable t) {
            DiagnosticSink.internalError("PyMutex_Lock", t);
        }
    }

    static void nativeAfterBlocking() {
        try {
            ThreadState ts = ThreadState.current();
            if (ts.blockedDetach) {
                ts.blockedDetach = false;
                ts.restore();
            }
            csResumeTop.invokeExact();
        } catch (Throwable t) {
            DiagnosticSink.internalError("PyMutex_Lock", t);
        }
    }

    /** The scanner rules that name the hazards of the bridge's own report kinds. */
    private static final java.util.Map<String, String> RULES = java.util.Map.of("buffer-misuse", "FT501",
            "no-thread-state", "FT901");

    /** Upcall target: reports from native code (allocators, PyMutex, ...). Never throws. */
    static void nativeReport(long kind, long cFunction, long message) {
        try {
            String k = Mem.cString(kind);
            dev.ftcheck.runtime.checked.CheckedMode.report(k, RULES.get(k), Mem.cString(cFunction),
                    Mem.cString(message));
        } catch (Throwable t) {
            System.err.println("ftcheck: failed to record a native diagnostic: " + t);
        }
    }

    /** Receives the checked-mode object reports (set at start-up). */
    static dev.ftcheck.runtime.checked.ObjectReports objectReports;

    /** Upcall target: a checked-mode report about an object (use after free, a release too many). Never throws. */
    static void nativeReportObject(long kind, long api, long message, long note, long object, long caller,
            long allocSite, long freeSite, long allocThread, long freeThread, long freeGlobal) {
        try {
            objectReports.report(Mem.cString(kind), Mem.cString(api), Mem.cString(message),
                    note == 0 ? null : Mem.cString(note), object, caller, allocSite, freeSite, allocThread,
                    freeThread, freeGlobal);
        } catch (Throwable t) {
            System.err.println("ftcheck: failed to record a checked-mode report: " + t);
        }
    }

    /** Upcall target: tp_dealloc of built-in types. Never throws (an escaping exception would kill the JVM). */
    static void nativeDealloc(long op) {
        try {
            Dealloc.dealloc(op);
        } catch (Throwable t) {
            DiagnosticSink.internalError("tp_dealloc", t);
        }
    }
}
