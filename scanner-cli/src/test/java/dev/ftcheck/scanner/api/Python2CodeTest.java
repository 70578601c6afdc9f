package dev.ftcheck.scanner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.scanner.ScanOptions;
import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.Scanner;
import dev.ftcheck.scanner.rules.RuleRegistry;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class Python2CodeTest {

    private static boolean dead(String src, String marker) {
        return Python2Code.of(src).contains(src.indexOf(marker));
    }

    @Test
    void python2OnlyBranchesAreDead() {
        String src = """
                #if PY_MAJOR_VERSION < 3
                a2();
                #else
                a3();
                #endif
                #if PY_MAJOR_VERSION >= 3
                b3();
                #elif defined(X)
                b2x();
                #else
                b2();
                #endif
                #if PY_VERSION_HEX < 0x03000000 && defined(Y)
                c2();
                #endif
                #if PY_VERSION_HEX >= 0x030D0000
                d313();
                #else
                dold();
                #endif
                #if PY_MAJOR_VERSION < 3 || defined(Z)
                e();
                #endif
                #ifdef Py_GIL_DISABLED
                #if PY_MAJOR_VERSION == 2
                f2();
                #endif
                f3();
                #endif
                """;
        assertTrue(dead(src, "a2()"));
        assertFalse(dead(src, "a3()"));
        assertFalse(dead(src, "b3()"));
        assertTrue(dead(src, "b2x()"));
        assertTrue(dead(src, "b2()"));
        assertTrue(dead(src, "c2()"));
        assertFalse(dead(src, "d313()"), "a 3.13 check says nothing about Python 2");
        assertFalse(dead(src, "dold()"), "the #else of a 3.13 check is older Python 3 too");
        assertFalse(dead(src, "e()"), "a disjunction can hold on Python 3");
        assertTrue(dead(src, "f2()"));
        assertFalse(dead(src, "f3()"));
    }

    @Test
    void deadPython2WritesDoNotDefeatTheInternedStringException() throws Exception {
        Path fixture = fixture("global-state/python2_dead_branches.c");
        ScanResult r = new Scanner(RuleRegistry.all(), ScanOptions.defaults().withJobs(1))
                .scan(List.of(fixture.toString()));
        List<Finding> caches = r.findings().stream()
                .filter(f -> f.code().equals("FT601") && (f.location().line() == 5 || f.location().line() == 6))
                .toList();
        assertEquals(2, caches.size(), r.findings().toString());
        for (Finding f : caches) {
            assertEquals(Confidence.LOW, f.confidence(), f.message());
        }
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(Python2CodeTest.class.getResource("/fixtures/" + name).toURI());
    }
}
