package dev.ftcheck.scanner.report;

/**
 * Facts about the run that are not part of the scan result itself.
 *
 * @param toolVersion ftcheck's version
 * @param baselined findings hidden because the baseline lists them
 */
public record ReportInfo(String toolVersion, int baselined) {}
