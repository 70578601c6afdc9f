package dev.ftcheck.runtime;

import dev.ftcheck.runtime.capi.ApiBinder;
import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeReady;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.thread.ThreadState;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The once-per-process native set-up: installs the {@link NativeHooks} upcalls in the bridge, then builds the
 * built-in types, exceptions and singletons and binds every C-API slot.
 */
final class ProcessStartup {
    private ProcessStartup() {
    }

    static void init(Bridge bridge, boolean checked, dev.ftcheck.runtime.nat.CodeSites sites) {
        Linker linker = Linker.nativeLinker();
        try {
            var lookup = MethodHandles.lookup();
            if ((int) bridge.fn("ftb_set_checked", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                    false).invokeExact(checked ? 1 : 0) != 0) {
                throw new IllegalStateException("checked mode must be chosen before the bridge allocates anything");
            }
            if (checked) {
                NativeHooks.objectReports = new dev.ftcheck.runtime.checked.ObjectReports(sites,
                        DiagnosticSink::diagnose);
                ValueLayout.OfLong j = ValueLayout.JAVA_LONG;
                installHook(bridge, "ftb_set_object_report_hook", "nativeReportObject",
                        MethodType.methodType(void.class, long.class, long.class, long.class, long.class, long.class,
                                long.class, long.class, long.class, long.class, long.class, long.class),
                        FunctionDescriptor.ofVoid(j, j, j, j, j, j, j, j, j, j, j));
                dev.ftcheck.runtime.checked.CheckedMode.enable(bridge, sites);
            }
            long reportHook = linker.upcallStub(
                    lookup.findStatic(NativeHooks.class, "nativeReport",
                            MethodType.methodType(void.class, long.class, long.class, long.class)),
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                    Arena.global()).address();
            bridge.fn("ftb_set_report_hook", FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG), false)
                    .invokeExact(reportHook);
            long deallocStub = linker.upcallStub(
                    lookup.findStatic(NativeHooks.class, "nativeDealloc", MethodType.methodType(void.class, long.class)),
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG), Arena.global()).address();
            installHook(bridge, "ftb_set_missing_handler", "nativeMissing",
                    MethodType.methodType(void.class, long.class), FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG));
            installHook(bridge, "ftb_set_fatal_handler", "nativeFatal",
                    MethodType.methodType(void.class, long.class, long.class),
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
            long before = upcall("nativeBeforeBlocking", MethodType.methodType(void.class), FunctionDescriptor.ofVoid());
            long after = upcall("nativeAfterBlocking", MethodType.methodType(void.class), FunctionDescriptor.ofVoid());
            bridge.fn("ftb_set_block_hooks", FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                    false).invokeExact(before, after);
            NativeHooks.csSuspendAll = bridge.fn("ftb_cs_suspend_all", FunctionDescriptor.ofVoid(), false);
            NativeHooks.csResumeTop = bridge.fn("ftb_cs_resume_top", FunctionDescriptor.ofVoid(), false);
            ThreadState ts = ThreadState.current();
            ts.attach();
            try {
                Types.init(bridge, deallocStub);
                Exceptions.init(bridge, deallocStub);
                Singletons.init(bridge);
                Ints.init();
                Tuples.init();
                TypeReady.init(bridge.require("PyType_GenericAlloc"), bridge.require("PyType_GenericNew"),
                        bridge.require("PyObject_Free"), bridge.require("PyObject_GC_Del"),
                        bridge.require("PyObject_GenericGetAttr"), bridge.require("PyObject_GenericSetAttr"),
                        deallocStub);
                Attributes.init(bridge.require("PyObject_GenericGetAttr"), bridge.require("PyObject_GenericSetAttr"));
                ApiBinder.bindAll(bridge);
                dev.ftcheck.runtime.obj.builtins.BuiltinTypes.installAll();
                TypeReady.ready(bridge.require("ftb_FreedType"));
            } finally {
                ts.detach();
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("runtime start failed: " + t, t);
        }
    }

    private static long upcall(String method, MethodType type, FunctionDescriptor fd) throws ReflectiveOperationException {
        return Linker.nativeLinker().upcallStub(MethodHandles.lookup().findStatic(NativeHooks.class, method, type), fd,
                Arena.global()).address();
    }

    private static void installHook(Bridge bridge, String setter, String method, MethodType type, FunctionDescriptor fd)
            throws Throwable {
        long stub = upcall(method, type, fd);
        bridge.fn(setter, FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG), false).invokeExact(stub);
    }
}
