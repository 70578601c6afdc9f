package dev.ftcheck.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftcheck.scanner.analysis.Tokens;
import dev.ftcheck.scanner.api.Language;
import org.junit.jupiter.api.Test;

/** Block depth from the tokens: what decides file scope where the tree has an error region. */
class BlockDepthTest {
    @Test
    void functionAndClassBodiesCountNamespacesAndExternCDoNot() {
        String src = """
                namespace outer { namespace a::b {
                extern "C" {
                int top;
                struct s { int member; };
                void f() { int local; if (1) { int inner; } }
                }
                } }
                int after;
                """;
        try (TreeSitterParser p = new TreeSitterParser()) {
            Tokens t = Tokens.of(p.parse(src, Language.CPP));
            assertEquals(0, t.blockDepthAt(src.indexOf("int top")));
            assertEquals(1, t.blockDepthAt(src.indexOf("int member")));
            assertEquals(1, t.blockDepthAt(src.indexOf("int local")));
            assertEquals(2, t.blockDepthAt(src.indexOf("int inner")));
            assertEquals(0, t.blockDepthAt(src.indexOf("int after")));
        }
    }
}
