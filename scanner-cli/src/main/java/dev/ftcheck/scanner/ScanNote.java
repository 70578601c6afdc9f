package dev.ftcheck.scanner;

/** Something worth knowing about a file that was scanned anyway (e.g. decoded as Latin-1, a rule failed on it). */
public record ScanNote(String path, String message) {
    /** The prefix of a note about a failure of the scanner itself; any such note makes the scan exit 2. */
    public static final String INTERNAL_ERROR = "internal error ";

    public boolean isInternalError() {
        return message.startsWith(INTERNAL_ERROR);
    }
}
