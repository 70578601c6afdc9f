package dev.ftcheck.runtime.capi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lists every declared C-API function that has neither a Java nor a native implementation into
 * target/capi-coverage.txt and prints the summary. Unimplemented functions do not fail the build (their stubs
 * raise SystemError naming themselves); an unreadable table, a Java method with no declaration or a signature
 * that does not match its declaration does.
 */
class CApiCoverageTest {
    @Test
    void writesCoverageReport() throws IOException {
        List<SlotTable.Slot> slots = SlotTable.read(); // throws if the generated table is missing or unreadable
        assertTrue(slots.size() > 100, "the table has only " + slots.size() + " slots");
        ApiBinder.Coverage c = ApiBinder.coverage(slots);
        assertEquals(List.of(), c.undeclared(), "@CApi methods without a declaration");
        Map<String, java.lang.reflect.Method> impls = ApiBinder.implementations();
        List<String> mismatched = new ArrayList<>();
        for (SlotTable.Slot s : slots) {
            var m = impls.get(s.name());
            if (m != null) {
                var type = java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes());
                if (!type.equals(s.descriptor().toMethodType())) {
                    mismatched.add(s.name() + ": " + type + " vs " + s.descriptor().toMethodType());
                }
            }
        }
        assertEquals(List.of(), mismatched, "Java signatures that do not match their declarations");
        List<String> nativeMissing = SlotTable.nativeMissingFunctions();
        int natives = SlotTable.nativeFunctions().size();
        StringBuilder sb = new StringBuilder();
        sb.append("# C-API coverage: declared functions without an implementation (their stubs raise SystemError)\n");
        sb.append("# java: ").append(c.bound().size()).append(", native: ").append(natives)
                .append(", missing upcalls: ").append(c.missing().size()).append(", missing native-only: ")
                .append(nativeMissing.size()).append('\n');
        for (String name : c.missing()) {
            sb.append(name).append('\n');
        }
        for (String name : nativeMissing) {
            sb.append(name).append("\t(variadic: needs a native implementation)\n");
        }
        Path out = Path.of("target", "capi-coverage.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb.toString());
        System.out.println("C-API coverage: " + c.bound().size() + " Java, " + natives + " native, "
                + c.missing().size() + " missing upcalls, " + nativeMissing.size() + " missing native-only; see "
                + out.toAbsolutePath());
    }
}
