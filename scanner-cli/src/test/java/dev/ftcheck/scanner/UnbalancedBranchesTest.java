package dev.ftcheck.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.scanner.api.Language;
import dev.ftcheck.scanner.api.SyntaxTree;
import org.junit.jupiter.api.Test;

/** Which #if branches tree-sitter is shown, and that offsets never move. */
class UnbalancedBranchesTest {
    @Test
    void balancedChainsAreLeftAlone() {
        String src = "int f(void) {\n#ifdef A\n  return 1;\n#else\n  return 2;\n#endif\n}\n";
        assertSame(src, UnbalancedBranches.blank(src));
    }

    @Test
    void aBraceInEachBranchKeepsTheFirstAsPlainCode() {
        String src = "void f(int x) {\n#if A\n  if (x) {\n#else\n  if (!x) {\n#endif\n    g();\n  }\n}\n";
        String out = UnbalancedBranches.blank(src);
        assertEquals(src.length(), out.length());
        assertEquals(src.chars().filter(c -> c == '\n').count(), out.chars().filter(c -> c == '\n').count());
        assertTrue(out.contains("if (x) {"));
        assertFalse(out.contains("if (!x)"));
        assertFalse(out.contains("#if"), "the chain's directives are blanked too: " + out);
        assertEquals(src.indexOf("g();"), out.indexOf("g();"));
    }

    @Test
    void aLoneBranchOpeningABraceTakesTheEmptyElse() {
        String src = "void f(void) {\n#ifdef M\n  if (m()) {\n#endif\n  g();\n#ifdef M\n  } else { h(); }\n#endif\n}\n";
        String out = UnbalancedBranches.blank(src);
        assertFalse(out.contains("m()"));
        assertFalse(out.contains("h()"));
        assertTrue(out.contains("g();"));
    }

    @Test
    void directivesInsideArgumentsAndElseClausesBecomeOneBranch() {
        String args = "void f(void) {\n  call(a,\n#ifdef W\n    b\n#else\n    c\n#endif\n  );\n}\n";
        String out = UnbalancedBranches.blank(args);
        assertTrue(out.contains("b"));
        assertFalse(out.contains("    c"));
        String clause = "void f(int x) {\n  if (x == 1) { g(); }\n#ifdef T\n  else if (x == 2) { h(); }\n#endif\n"
                + "  else { k(); }\n}\n";
        String out2 = UnbalancedBranches.blank(clause);
        assertTrue(out2.contains("else if (x == 2)"));
        assertFalse(out2.contains("#ifdef"));
    }

    @Test
    void bracesInCommentsStringsAndDefinesDoNotCount() {
        String src = "#define BEGIN {\nvoid f(void) {\n#ifdef A\n  s = \"{\"; /* { */ c = '{'; // {\n#endif\n}\n";
        assertSame(src, UnbalancedBranches.blank(src));
    }

    @Test
    void theTreeOfAChainWithABraceInEachBranchHasNoError() {
        String src = "int f(int x) {\n#if A\n  if (x > 0) {\n#else\n  if (x >= 0) {\n#endif\n    return 1;\n  }\n"
                + "  return 0;\n}\n";
        try (TreeSitterParser p = new TreeSitterParser()) {
            SyntaxTree t = p.parse(src, Language.C);
            assertFalse(t.root().isError());
            assertTrue(t.root().descendantsOfType("ERROR").isEmpty());
            assertEquals(src, t.source(), "the tree keeps the original text");
        }
    }
}
