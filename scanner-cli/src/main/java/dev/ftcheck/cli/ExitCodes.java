package dev.ftcheck.cli;

/** The documented process exit codes (README, "Exit codes"). */
public final class ExitCodes {
    /** Success: nothing at or above the failure threshold. */
    public static final int OK = 0;
    /** Findings at or above {@code --fail-on}, or a check that failed. */
    public static final int FINDINGS = 1;
    /** Usage error, bad input the tool cannot act on, or an internal error. */
    public static final int USAGE = 2;
    /** {@code ftcheck run}: the extension crashed (a fatal signal) or a call ran past {@code --timeout}. */
    public static final int CRASHED = 3;
    /** {@code ftcheck run}: interrupted by SIGINT (128 + 2, the shell's convention); the report is still written. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
