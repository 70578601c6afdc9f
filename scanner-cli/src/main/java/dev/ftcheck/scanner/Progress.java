package dev.ftcheck.scanner;

import java.io.PrintWriter;

/**
 * A one-line progress indicator on stderr, drawn only when the caller passes a stream (the CLI does so when stderr is
 * a terminal) and only once the scan has run for a while, so short scans and CI logs stay clean.
 */
final class Progress {
    private static final long SHOW_AFTER_NANOS = 1_500_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;
    private final PrintWriter out;
    private final int total;
    private final java.util.function.LongSupplier clock;
    private final long start;
    private long lastDraw;
    private boolean drawn;

    Progress(PrintWriter out, int total) {
        this(out, total, System::nanoTime);
    }

    Progress(PrintWriter out, int total, java.util.function.LongSupplier clock) {
        this.out = out;
        this.total = total;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDraw = start - REDRAW_NANOS;
    }

    synchronized void tick(int done) {
        if (out == null) {
            return;
        }
        long now = clock.getAsLong();
        if (now - start < SHOW_AFTER_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        out.print("\rftcheck: scanned " + done + "/" + total + " files");
        out.flush();
    }

    synchronized void finish() {
        if (drawn) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
