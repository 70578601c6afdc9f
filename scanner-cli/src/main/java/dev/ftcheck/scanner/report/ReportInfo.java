package dev.ftcheck.scanner.report;

import java.util.List;

/**
 * Facts about the run that are not part of the scan result itself.
 *
 * @param toolVersion ftcheck's version
 * @param baselined findings hidden because the baseline lists them
 * @param evidence what {@code --evidence} reports of run/stress saw, joined to the findings it confirms
 */
public record ReportInfo(String toolVersion, int baselined, List<RuntimeEvidence.Match> evidence) {
    public ReportInfo {
        evidence = List.copyOf(evidence);
    }

    public ReportInfo(String toolVersion, int baselined) {
        this(toolVersion, baselined, List.of());
    }
}
