package dev.ftcheck.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.scanner.api.Language;
import dev.ftcheck.scanner.api.Node;
import dev.ftcheck.scanner.api.SyntaxTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The copied tree: positions in chars after non-ASCII text, every #if branch present, C++ parses. */
class TreeSitterParserTest {
    @Test
    void positionsAreCharIndexesEvenAfterNonAscii() {
        try (TreeSitterParser p = new TreeSitterParser()) {
            String src = "const char *s = \"caf\u00e9 \ud83d\ude00\"; int target;\n";
            SyntaxTree t = p.parse(src, Language.C);
            Node id = t.root().descendantsOfType("identifier").stream().filter(n -> n.textEquals("target"))
                    .findFirst().orElseThrow();
            assertEquals(src.indexOf("target"), id.startOffset());
            assertEquals(src.indexOf("target") + 1, id.startColumn());
            assertEquals("target", id.text());
            assertEquals(src.indexOf("target") + 1 + "target".length(), id.endColumn());
            assertEquals(1, id.endLine());
            // A node ending after a newline ends at column 1 of the next line.
            Node root = t.root();
            assertEquals(src.length(), root.endOffset());
            assertEquals(2, root.endLine());
            assertEquals(1, root.endColumn());
            assertEquals("\"caf\u00e9 \ud83d\ude00\"", t.root().descendantsOfType("string_literal").get(0).text());
        }
    }

    @Test
    void everyPreprocessorBranchIsInTheTree() {
        try (TreeSitterParser p = new TreeSitterParser()) {
            SyntaxTree t = p.parse("""
                    #if defined(_WIN32)
                    int win(void) { return PyList_GetItem(a, 0) != 0; }
                    #elif defined(__FreeBSD__)
                    int bsd(void) { return PyList_GetItem(b, 0) != 0; }
                    #else
                    int other(void) { return PyList_GetItem(c, 0) != 0; }
                    #endif
                    """, Language.C);
            List<Node> calls = t.root().descendantsOfType("call_expression");
            assertEquals(3, calls.size());
            assertEquals("PyList_GetItem", calls.get(2).field("function").text());
            assertEquals(6, calls.get(2).startLine());
            Node ifNode = t.root().descendantsOfType("preproc_if").get(0);
            assertNotNull(ifNode.field("alternative"));
            assertTrue(ifNode.contains(calls.get(2)));
            assertEquals("arguments", calls.get(0).child(1).fieldName());
            assertEquals(ifNode, calls.get(0).ancestor("preproc_if"));
        }
    }

    @Test
    void cppParses() {
        try (TreeSitterParser p = new TreeSitterParser()) {
            SyntaxTree t = p.parse("namespace n { std::atomic<int> c; template <class T> T f() { return T(); } }",
                    Language.CPP);
            assertEquals("translation_unit", t.root().type());
            assertEquals(1, t.root().descendantsOfType("namespace_definition").size());
            assertEquals(1, t.root().descendantsOfType("template_declaration").size());
            assertTrue(t.root().descendantsOfType("ERROR").isEmpty());
        }
    }

    @Test
    void optimisedBackendIsBuiltAndLoadedOnLinux() {
        // The build compiles libftts.so on Linux; without it parsing is ~5x slower. Fail loudly if it went missing.
        if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            assertTrue(NativeTreeSitter.BACKEND.startsWith("libftts"), NativeTreeSitter.BACKEND);
        }
    }

    @Test
    void nativeCopyRetriesWhenTheBufferIsTooSmall() {
        // Mostly punctuation: far more nodes than text.length() / 2, the first guess of the copy buffer.
        try (TreeSitterParser p = new TreeSitterParser()) {
            String src = "int a[] = {" + "1,".repeat(20_000) + "};\n";
            SyntaxTree t = p.parse(src, Language.C);
            assertTrue(t.size() > src.length() / 2, "size " + t.size());
            assertEquals(20_000, t.root().descendantsOfType("number_literal").size());
            assertEquals(src.length() - 1, t.root().endOffset() - 1);
        }
    }
}
