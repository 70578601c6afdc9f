package dev.ftcheck.scanner;

/** An input the scan did not read, or could not, with the reason (listed in every report). */
public record SkippedPath(String path, String reason) {}
