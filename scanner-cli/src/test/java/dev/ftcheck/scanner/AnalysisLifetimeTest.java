package dev.ftcheck.scanner;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.api.Language;
import dev.ftcheck.scanner.api.Python2Code;
import dev.ftcheck.scanner.api.SyntaxTree;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * A file's analyses live as long as its tree and no longer: a long fuzzing run (tens of thousands of scans in one
 * JVM) ran out of memory while a static cache keyed by the tree kept every analysis, and through it every tree.
 */
class AnalysisLifetimeTest {
    @Test
    void analysesAreCachedPerTreeAndFreedWithIt() throws InterruptedException {
        WeakReference<SyntaxTree> ref;
        try (TreeSitterParser p = new TreeSitterParser()) {
            SyntaxTree tree = p.parse("static int n;\nstatic void f(void) { n++; }\n", Language.C);
            assertSame(FileAnalysis.of(tree), FileAnalysis.of(tree));
            assertSame(Python2Code.of(tree), Python2Code.of(tree));
            ref = new WeakReference<>(tree);
        }
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            byte[][] pressure = new byte[16][];
            for (int k = 0; k < pressure.length; k++) {
                pressure[k] = new byte[1 << 16];
            }
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the tree (and its analyses) should be collectable once the scan drops it");
    }
}
