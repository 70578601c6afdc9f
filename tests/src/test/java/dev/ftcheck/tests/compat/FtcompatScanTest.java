package dev.ftcheck.tests.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Users vendor ftcompat.h into their source trees, so `ftcheck scan` over their project must not report the
 * header's own fallbacks (borrowed reads that only compile for GIL builds, each suppressed inline with why).
 */
class FtcompatScanTest {
    @Test
    void vendoredHeaderScansClean() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"scan", ShimBuild.HEADER.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, code, () -> "ftcheck scan ftcompat.h:\n" + out + err);
        assertTrue(out.toString().contains("0 findings"), () -> "ftcheck scan ftcompat.h:\n" + out + err);
    }
}
