package dev.ftcheck.runtime.capi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.runtime.capi.gen.CApiTable;
import dev.ftcheck.runtime.home.RuntimeHome;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java C-API classes follow the headers (docs/capi-abi.md, "Java layout: one class per header"): every
 * {@link CApi} method lives in the class named after the header that declares it, so a function's declaration and
 * its Java code are found from the header name alone. The headers are read through the generated table, which
 * records each upcall's declaring header.
 */
class CApiLayoutTest {
    private static final String PACKAGE = CApiLayoutTest.class.getPackageName();

    /**
     * The naming rule: the header's file name without directory and {@code .h}; a leading {@code py} and a trailing
     * {@code object} dropped (except for pythonrun.h and object.h, which would lose their meaning); each
     * {@code _}-separated word capitalized; {@code Api} appended.
     */
    static String classFor(String header) {
        String base = header.substring(header.lastIndexOf('/') + 1).replaceFirst("\\.h$", "");
        if (base.startsWith("py") && !base.equals("pythonrun")) {
            base = base.substring(2);
        }
        if (base.endsWith("object") && !base.equals("object")) {
            base = base.substring(0, base.length() - "object".length());
        }
        StringBuilder name = new StringBuilder();
        for (String word : base.split("_")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.append("Api").toString();
    }

    @Test
    void namingRuleGivesTheDocumentedNames() {
        assertEquals("ListApi", classFor("listobject.h"));
        assertEquals("ObjectApi", classFor("object.h"));
        assertEquals("ObjectApi", classFor("cpython/object.h"));
        assertEquals("ErrorsApi", classFor("pyerrors.h"));
        assertEquals("CevalApi", classFor("ceval.h"));
        assertEquals("FrameApi", classFor("pyframe.h"));
        assertEquals("FrameApi", classFor("frameobject.h"));
        assertEquals("PythonrunApi", classFor("pythonrun.h"));
        assertEquals("GenericaliasApi", classFor("genericaliasobject.h"));
        assertEquals("CriticalSectionApi", classFor("critical_section.h"));
    }

    @Test
    void everyCApiMethodLivesInTheClassOfItsHeader() {
        Map<String, String> headerOf = new HashMap<>();
        for (CApiTable.Slot s : CApiTable.slots()) {
            headerOf.put(s.name(), s.header());
        }
        List<String> misplaced = new ArrayList<>();
        for (Method m : ApiBinder.implementations().values()) {
            String actual = m.getDeclaringClass().getSimpleName();
            String header = headerOf.get(m.getName());
            if (header == null) {
                misplaced.add(m.getName() + " in " + actual + ": no upcall declaration in capi-headers");
                continue;
            }
            String expected = classFor(header);
            if (!actual.equals(expected)) {
                misplaced.add(m.getName() + " is declared in " + header + ", so it belongs in " + expected
                        + ", not in " + actual);
            }
        }
        assertEquals(List.of(), misplaced, "@CApi methods outside their header's class");
    }

    @Test
    void onlyRegisteredClassesCarryHeaderClassNames() throws IOException {
        Set<String> headerClasses = new TreeSet<>();
        Path include = RuntimeHome.get().includeDir();
        try (Stream<Path> headers = Files.walk(include)) {
            headers.map(p -> include.relativize(p).toString().replace('\\', '/'))
                    .filter(h -> h.endsWith(".h") && !h.startsWith("internal/"))
                    .forEach(h -> headerClasses.add(classFor(h)));
        }
        assertTrue(headerClasses.size() > 50, "found only " + headerClasses.size() + " headers under " + include);

        Set<String> registered = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        for (Class<?> c : ApiRegistry.CLASSES) {
            registered.add(c.getSimpleName());
            if (!headerClasses.contains(c.getSimpleName())) {
                wrong.add(c.getSimpleName() + " is registered but no header maps to it");
            }
            if (Stream.of(c.getDeclaredMethods()).noneMatch(m -> m.isAnnotationPresent(CApi.class))) {
                wrong.add(c.getSimpleName() + " is registered but implements no C-API function");
            }
        }
        // A helper named like a header class would send readers to the wrong place.
        for (String name : headerClasses) {
            if (!registered.contains(name) && exists(PACKAGE + "." + name)) {
                wrong.add(PACKAGE + "." + name + " is named after a header but is not a registered C-API class");
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className, false, CApiLayoutTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
