package dev.ftcheck.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.scanner.ScanNote;
import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.ScanStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scan command's exit rule: an internal-error note means exit 2, other notes do not. */
class InternalErrorExitTest {
    private static ScanResult withNotes(ScanNote... notes) {
        return new ScanResult(List.of("."), List.of(), List.of(), List.of(), List.of(notes),
                new ScanStats(0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void internalErrorNotesFailTheScan() {
        assertTrue(ScanCommand.hadInternalError(withNotes(new ScanNote("a.c", ScanNote.INTERNAL_ERROR
                + "(out of memory) while scanning this file"))));
        assertFalse(ScanCommand.hadInternalError(withNotes(new ScanNote("a.c", "decoded as Latin-1"),
                new ScanNote("b.c", "rule FT101 gave up: nesting too deep to analyse"))));
    }
}
