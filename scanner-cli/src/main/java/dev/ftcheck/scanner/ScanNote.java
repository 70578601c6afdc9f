package dev.ftcheck.scanner;

/** Something worth knowing about a file that was scanned anyway (e.g. decoded as Latin-1, a rule failed on it). */
public record ScanNote(String path, String message) {}
