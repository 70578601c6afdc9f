package dev.ftcheck.cli;

import dev.ftcheck.runtime.script.Literals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ftcheck.runtime.PyTuple;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The --call literal parser: Python literal syntax in, the runtime's Java values out, clear errors otherwise. */
class PyLiteralParserTest {
    @Test
    void parsesScalars() {
        assertEquals(42L, Literals.parseLiteral("42"));
        assertEquals(-7L, Literals.parseLiteral("-7"));
        assertEquals(1_000_000L, Literals.parseLiteral("1_000_000"));
        assertEquals(255L, Literals.parseLiteral("0xff"));
        assertEquals(8L, Literals.parseLiteral("0o10"));
        assertEquals(5L, Literals.parseLiteral("0b101"));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                Literals.parseLiteral("123456789012345678901234567890"));
        assertEquals(2.5, Literals.parseLiteral("2.5"));
        assertEquals(1e-3, Literals.parseLiteral("1e-3"));
        assertNull(Literals.parseLiteral("None"));
        assertEquals(Boolean.TRUE, Literals.parseLiteral("True"));
        assertEquals("it's \u00e9\n", Literals.parseLiteral("\"it's \\xe9\\n\""));
        assertArrayEquals(new byte[] {'a', 0, (byte) 0xff}, (byte[]) Literals.parseLiteral("b'a\\x00\\xff'"));
    }

    @Test
    void followsPythonsEscapeRules() {
        assertEquals("\uD800", Literals.parseLiteral("'\\ud800'"), "a lone surrogate stays one char");
        assertEquals("\uD83D\uDE00", Literals.parseLiteral("'\\U0001F600'"));
        assertEquals("A", Literals.parseLiteral("'\\101'"));
        assertEquals("\u2022", Literals.parseLiteral("'\\N{BULLET}'"));
        assertArrayEquals("\\u0041".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                (byte[]) Literals.parseLiteral("b'\\u0041'"), "\\u is no escape in bytes");
        assertEquals("\\n", Literals.parseLiteral("r'\\n'"));
        assertEquals("ab", Literals.parseLiteral("'a' \"b\""));
        assertEquals("invalid --call ''\\x4'': (unicode error) truncated \\xXX escape at column 2",
                assertThrows(IllegalArgumentException.class, () -> Literals.parseLiteral("'\\x4'"))
                        .getMessage());
    }

    @Test
    void parsesContainersNested() {
        assertEquals(List.of(1L, List.of(2L, "x")), Literals.parseLiteral("[1, [2, 'x'],]"));
        assertEquals(PyTuple.of(1L), Literals.parseLiteral("(1,)"));
        assertEquals(1L, Literals.parseLiteral("(1)"), "parentheses alone do not make a tuple");
        assertEquals(PyTuple.of(), Literals.parseLiteral("()"));
        assertEquals(Map.of("k", PyTuple.of(1L, 2L)), Literals.parseLiteral("{'k': (1, 2)}"));
        assertEquals(Set.of(1L, 2L), Literals.parseLiteral("{1, 2}"));
        assertEquals(Map.of(), Literals.parseLiteral("{}"));
    }

    @Test
    void parsesCalls() {
        Literals.Call c = Literals.parseCall(" f(1, 'a', [None]) ");
        assertEquals("f", c.name());
        assertEquals("f(1, 'a', [None])", c.text());
        assertEquals(List.of(1L, "a", java.util.Arrays.asList((Object) null)), c.args());
        assertEquals(List.of(), Literals.parseCall("g()").args());
    }

    @Test
    void rejectsWhatIsNotALiteral() {
        assertEquals("invalid --call 'f(x)': 'x' is not a literal (only None, True, False, set()) at column 3",
                assertThrows(IllegalArgumentException.class, () -> Literals.parseCall("f(x)")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Literals.parseCall("f(1"));
        assertThrows(IllegalArgumentException.class, () -> Literals.parseCall("f(1) extra"));
        assertThrows(IllegalArgumentException.class, () -> Literals.parseCall("(1)"));
        assertThrows(IllegalArgumentException.class, () -> Literals.parseLiteral("'open"));
        assertThrows(IllegalArgumentException.class, () -> Literals.parseLiteral("{[1]: 2}"));
    }
}
