package dev.ftcheck.cli;

import dev.ftcheck.runtime.script.Literals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.runtime.PyComplex;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The --call parser against CPython 3.13's own verdicts (literals/cpython-reprs.json, made by generate.py beside
 * it): what CPython rejects, ftcheck rejects; complex numbers get CPython's repr here (the runtime has no complex
 * type, so the end-to-end comparison of the other values is tests/.../runtime/LiteralReprTest).
 */
class PyLiteralTableTest {
    static JsonNode table() throws IOException {
        try (InputStream in = PyLiteralTableTest.class.getResourceAsStream("/literals/cpython-reprs.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void tableComesFromCPython313AndIsLargeEnough() throws IOException {
        JsonNode t = table();
        assertTrue(t.at("/python").asText().startsWith("3.13"), t.at("/python").asText());
        assertTrue(t.at("/cases").size() >= 40);
    }

    @Test
    void rejectsExactlyWhatCPythonRejects() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (JsonNode c : table().at("/cases")) {
            String lit = c.at("/literal").asText();
            if (c.has("error")) {
                try {
                    Object v = Literals.parseLiteral(lit);
                    wrong.add(lit + " parsed as " + v + " but CPython raises " + c.at("/error").asText());
                } catch (IllegalArgumentException expected) {
                    // as CPython
                }
            } else {
                try {
                    Literals.parseLiteral(lit);
                } catch (IllegalArgumentException e) {
                    wrong.add(lit + " rejected (" + e.getMessage() + ") but CPython gives " + c.at("/repr").asText());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void complexNumbersHaveCPythonsRepr() throws IOException {
        int seen = 0;
        for (JsonNode c : table().at("/cases")) {
            String repr = c.path("repr").asText("");
            if (repr.endsWith("j") || repr.endsWith("j)")) {
                Object v = Literals.parseLiteral(c.at("/literal").asText());
                assertEquals(repr, Literals.repr(assertInstanceOf(PyComplex.class, v)), c.toString());
                seen++;
            }
        }
        assertTrue(seen >= 8, "complex rows: " + seen);
    }
}
