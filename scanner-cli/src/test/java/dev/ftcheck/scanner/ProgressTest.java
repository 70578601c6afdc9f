package dev.ftcheck.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void drawsOnlyAfterTheScanHasRunAWhileAndClearsAtTheEnd() {
        StringWriter sw = new StringWriter();
        AtomicLong now = new AtomicLong(1_000_000_000L);
        Progress p = new Progress(new PrintWriter(sw), 10, now::get);
        p.tick(1);
        now.addAndGet(1_000_000_000L);
        p.tick(2);
        assertEquals("", sw.toString(), "short scans draw nothing");
        now.addAndGet(1_000_000_000L);
        p.tick(5);
        assertEquals("\rftcheck: scanned 5/10 files", sw.toString());
        p.tick(6); // within the redraw interval: no new frame
        assertEquals("\rftcheck: scanned 5/10 files", sw.toString());
        p.finish();
        assertEquals("\rftcheck: scanned 5/10 files\r\033[K", sw.toString());
    }

    @Test
    void noStreamMeansNoOutput() {
        Progress p = new Progress(null, 3, () -> 10_000_000_000L);
        p.tick(3);
        p.finish();
    }
}
