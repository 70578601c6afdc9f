package dev.ftcheck.scanner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefilterTest {
    static boolean[] run(Prefilter p, String text) {
        return p.rulesFor(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void selectsExactlyTheRulesWhoseTriggersOccur() {
        Prefilter p = new Prefilter(List.of(List.of("PyList_GetItem", "PyList_GET_ITEM"), List.of("PyDict_Next"),
                List.of("Py_BEGIN_ALLOW_THREADS")));
        assertArrayEquals(new boolean[] {false, false, false}, run(p, "int main(void) { return Py; }"));
        assertArrayEquals(new boolean[] {true, false, false}, run(p, "x = PyList_GET_ITEM(l, 0);"));
        assertArrayEquals(new boolean[] {false, true, false}, run(p, "PyDict_Next"));
        assertArrayEquals(new boolean[] {false, false, false}, run(p, "PyDict_Nex"));
        assertArrayEquals(new boolean[] {true, true, true},
                run(p, "/*PyDict_Next*/ Py_BEGIN_ALLOW_THREADS PyList_GetItem"));
    }

    @Test
    void ruleWithoutTriggersRunsEverywhere() {
        Prefilter p = new Prefilter(List.of(List.of("PyDict_Next"), List.of()));
        assertArrayEquals(new boolean[] {true, true}, run(p, "int x;"));
    }

    @Test
    void sharedPrefixesAreAllChecked() {
        Prefilter p = new Prefilter(List.of(List.of("PyA_x"), List.of("PyB_y"), List.of("Py")));
        assertArrayEquals(new boolean[] {false, true, true}, run(p, "..PyB_y"));
        assertArrayEquals(new boolean[] {false, false, true}, run(p, "Py"));
        assertArrayEquals(new boolean[] {false, false, false}, run(p, "P"));
    }
}
