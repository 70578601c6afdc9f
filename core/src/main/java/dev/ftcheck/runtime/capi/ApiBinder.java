package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Bridge;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binds the generated slot table to the {@link CApi} methods: for each declared function with a Java
 * implementation, an upcall stub (global arena) wrapped so every Throwable becomes the C-API error convention is
 * stored into the bridge's table with {@code ftb_install}. Functions without one keep the generated stub that
 * raises SystemError naming them.
 */
public final class ApiBinder {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static volatile Coverage coverage;

    /** What got bound: implemented names, declared-but-missing names, and Java methods with no declaration. */
    public record Coverage(List<String> bound, List<String> missing, List<String> undeclared) {}

    private ApiBinder() {}

    /** All {@code @CApi} methods by C name. */
    public static Map<String, Method> implementations() {
        Map<String, Method> impls = new TreeMap<>();
        for (Class<?> c : ApiRegistry.CLASSES) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(CApi.class)) {
                    if (!Modifier.isStatic(m.getModifiers()) || !Modifier.isPublic(m.getModifiers())) {
                        throw new IllegalStateException("@CApi method " + c.getSimpleName() + "." + m.getName()
                                + " must be public static");
                    }
                    Method prev = impls.put(m.getName(), m);
                    if (prev != null) {
                        throw new IllegalStateException("C-API function " + m.getName() + " implemented twice: in "
                                + prev.getDeclaringClass().getSimpleName() + " and " + c.getSimpleName());
                    }
                }
            }
        }
        return impls;
    }

    /** Compares declarations with implementations without binding anything (used by the coverage test). */
    public static Coverage coverage(List<SlotTable.Slot> slots) {
        Map<String, Method> impls = new LinkedHashMap<>(implementations());
        List<String> bound = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (SlotTable.Slot s : slots) {
            if (impls.remove(s.name()) != null) {
                bound.add(s.name());
            } else {
                missing.add(s.name());
            }
        }
        return new Coverage(bound, missing, new ArrayList<>(impls.keySet()));
    }

    public static Coverage lastCoverage() {
        return coverage;
    }

    public static synchronized void bindAll(Bridge bridge) throws Throwable {
        ThreadStates.init();
        List<SlotTable.Slot> slots = SlotTable.read();
        Map<String, Method> impls = implementations();
        MethodHandle install = bridge.fn("ftb_install",
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.ADDRESS), false);
        Linker linker = Linker.nativeLinker();
        for (SlotTable.Slot s : slots) {
            Method m = impls.get(s.name());
            if (m == null) {
                continue;
            }
            MethodHandle target = LOOKUP.unreflect(m);
            MethodType expected = s.descriptor().toMethodType();
            if (!target.type().equals(expected)) {
                throw new IllegalStateException("C-API function " + s.name() + ": Java signature " + target.type()
                        + " does not match the declaration's upcall type " + expected);
            }
            MethodHandle wrapped = wrap(target, s.name(), m.getAnnotation(CApi.class).needsThreadState(),
                    s.pointerReturn());
            var stub = linker.upcallStub(wrapped, s.descriptor(), Arena.global());
            install.invokeExact(s.index(), stub);
        }
        Coverage c = coverage(slots);
        if (!c.undeclared().isEmpty()) {
            throw new IllegalStateException("@CApi methods with no declaration in capi-headers: " + c.undeclared());
        }
        coverage = c;
    }

    /** target with the thread-state prologue and a catch-all that returns the C error value. */
    static MethodHandle wrap(MethodHandle target, String name, boolean needsThreadState, boolean pointerReturn)
            throws ReflectiveOperationException {
        MethodType type = target.type();
        if (needsThreadState) {
            MethodHandle guard = MethodHandles.insertArguments(LOOKUP.findStatic(ApiGuard.class, "requireThreadState",
                    MethodType.methodType(void.class, String.class)), 0, name);
            target = MethodHandles.foldArguments(target, guard);
        }
        Class<?> ret = type.returnType();
        String handlerName;
        if (ret == long.class) {
            handlerName = pointerReturn ? "failPointer" : "failLong";
        } else if (ret == int.class) {
            handlerName = "failInt";
        } else if (ret == double.class) {
            handlerName = "failDouble";
        } else if (ret == float.class) {
            handlerName = "failFloat";
        } else if (ret == short.class) {
            handlerName = "failShort";
        } else if (ret == byte.class) {
            handlerName = "failByte";
        } else if (ret == void.class) {
            handlerName = "failVoid";
        } else {
            throw new IllegalStateException(name + ": unsupported return type " + ret);
        }
        MethodHandle handler = LOOKUP.findStatic(ApiGuard.class, handlerName,
                MethodType.methodType(ret, Throwable.class, String.class));
        handler = MethodHandles.insertArguments(handler, 1, name);
        handler = MethodHandles.dropArguments(handler, 1, type.parameterList());
        return MethodHandles.catchException(target, Throwable.class, handler);
    }
}
