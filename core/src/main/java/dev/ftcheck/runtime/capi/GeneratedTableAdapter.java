package dev.ftcheck.runtime.capi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the generated CApiTable by reflection, so the core compiles (and reports clearly) even when the
 * generator has not produced it. Shape: {@code slots()} → records with index(), name(), descriptor(),
 * errorValue(); {@code nativeFunctions()} → names defined in C.
 */
final class GeneratedTableAdapter {
    private GeneratedTableAdapter() {}

    static List<SlotTable.Slot> slots(Class<?> table) throws ReflectiveOperationException {
        List<?> raw = (List<?>) table.getMethod("slots").invoke(null);
        List<SlotTable.Slot> out = new ArrayList<>(raw.size());
        for (Object s : raw) {
            Class<?> c = s.getClass();
            int index = (int) accessor(c, "index").invoke(s);
            String name = (String) accessor(c, "name").invoke(s);
            FunctionDescriptor fd = (FunctionDescriptor) accessor(c, "descriptor").invoke(s);
            String err = String.valueOf(accessor(c, "errorValue").invoke(s));
            out.add(new SlotTable.Slot(index, name, fd, err.equals("NULL_POINTER")));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<String> nativeFunctions(Class<?> table) throws ReflectiveOperationException {
        return (List<String>) table.getMethod("nativeFunctions").invoke(null);
    }

    @SuppressWarnings("unchecked")
    static List<String> nativeMissingFunctions(Class<?> table) throws ReflectiveOperationException {
        return (List<String>) table.getMethod("nativeMissingFunctions").invoke(null);
    }

    private static Method accessor(Class<?> c, String name) throws NoSuchMethodException {
        Method m = c.getMethod(name);
        m.setAccessible(true);
        return m;
    }
}
