package dev.ftcheck.tests.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/compat.md's table and compat-shims/ftcompat.h name the same shims, with the right "real from" release. */
class CompatDocsTest {
    private static final Path DOC = ShimBuild.REPO.resolve("docs/compat.md");

    /** Names the header guards with #ifndef, except its own include guard and the Python.h check. */
    static Set<String> headerShims() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*#\\s*ifndef\\s+(\\w+)").matcher(Files.readString(ShimBuild.HEADER));
        while (m.find()) {
            names.add(m.group(1));
        }
        names.removeAll(Set.of("FTCOMPAT_H", "PY_VERSION_HEX"));
        return names;
    }

    /** First column name -> second column ("Real API") of the shim table. */
    static Map<String, String> docRows() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `(\\w+)` \\| ([^|]+) \\| ([^|]+) \\| (.+) \\|$");
        for (String line : Files.readAllLines(DOC)) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                String previous = rows.put(m.group(1), m.group(2).strip());
                assertEquals(null, previous, "docs/compat.md lists " + m.group(1) + " twice");
                assertFalse(m.group(4).isBlank(), "no guarantee written for " + m.group(1));
            }
        }
        return rows;
    }

    /** First column name -> third column ("ftcompat.h supplies it") of the shim table. */
    static Map<String, String> docSuppliedColumn() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `(\\w+)` \\| ([^|]+) \\| ([^|]+) \\| (.+) \\|$");
        for (String line : Files.readAllLines(DOC)) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                rows.put(m.group(1), m.group(3).strip());
            }
        }
        return rows;
    }

    @Test
    void tableAndHeaderListTheSameShims() throws IOException {
        Set<String> header = headerShims();
        Set<String> doc = new TreeSet<>(docRows().keySet());
        assertTrue(header.size() >= 19, "suspiciously few shims parsed from the header: " + header);
        Set<String> undocumented = new TreeSet<>(header);
        undocumented.removeAll(doc);
        Set<String> notInHeader = new TreeSet<>(doc);
        notInHeader.removeAll(header);
        assertTrue(undocumented.isEmpty(), "in ftcompat.h but not in docs/compat.md: " + undocumented);
        assertTrue(notInHeader.isEmpty(), "in docs/compat.md but not in ftcompat.h: " + notInHeader);
    }

    @Test
    void realApiColumnMatchesTheHeadersVersionGates() throws IOException {
        Map<String, String> rows = docRows();
        for (String name : ShimBuild.FUNCTION_SHIMS) {
            assertEquals("3.13", rows.get(name), name);
        }
        for (String name : List.of("PyMutex", "Py_BEGIN_CRITICAL_SECTION", "Py_END_CRITICAL_SECTION",
                "Py_BEGIN_CRITICAL_SECTION2", "Py_END_CRITICAL_SECTION2")) {
            assertEquals("3.13", rows.get(name), name);
        }
        List<String> since314 = new java.util.ArrayList<>(ShimBuild.FUNCTION_SHIMS_314);
        since314.addAll(ShimBuild.SECTION_SHIMS_314);
        since314.addAll(ShimBuild.MACRO_SHIMS_314);
        for (String name : since314) {
            assertEquals("3.14", rows.get(name), name);
        }
        // The header must gate them the same way: the 3.14 names below 3.14, the rest below 3.13.
        String header = Files.readString(ShimBuild.HEADER);
        int mutexGate = header.indexOf("#if FTCOMPAT_PY_LT_314");
        assertTrue(mutexGate > 0 && header.indexOf("Py_BEGIN_CRITICAL_SECTION_MUTEX", mutexGate) > mutexGate,
                "the _MUTEX forms should sit under the FTCOMPAT_PY_LT_314 gate");
        int gate314 = header.indexOf("#if FTCOMPAT_PY_LT_314", mutexGate + 1);
        int end314 = header.indexOf("#endif /* FTCOMPAT_PY_LT_314: 3.14 additions */");
        assertTrue(gate314 > mutexGate && end314 > gate314, "the 3.14 additions should have their own gate");
        for (String name : since314) {
            if (name.contains("CRITICAL_SECTION")) {
                continue;
            }
            int at = header.indexOf("#ifndef " + name + "\n");
            if (at < 0) {
                at = header.indexOf("#  ifndef " + name + "\n");
            }
            int where = at;
            assertTrue(where > gate314 && where < end314, () -> name + " should be guarded inside the 3.14 gate");
        }
        assertTrue(header.contains("#define FTCOMPAT_PY_LT_313 (PY_VERSION_HEX < 0x030D0000)"));
        assertTrue(header.contains("#define FTCOMPAT_PY_LT_314 (PY_VERSION_HEX < 0x030E0000)"));
    }
}
