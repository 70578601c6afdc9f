package dev.ftcheck.scanner.api;

import java.util.List;

/**
 * A mechanical rewrite that removes a finding: text edits in the finding's file, each naming the text it replaces
 * so a file changed since the scan is never edited blindly. Only rewrites that keep the code's meaning are fixes;
 * anything needing judgement stays a {@link Finding#fixHint()}.
 *
 * @param description what the fix does, one line
 * @param edits non-overlapping edits; offsets are char indexes into the decoded source, end exclusive
 * @param safe false for a rewrite that is mechanical but makes a claim only a person can make (declaring a module
 *     free of the GIL): applied only with {@code --unsafe-fixes}
 */
public record Fix(String description, List<Edit> edits, boolean safe) {
    public Fix(String description, List<Edit> edits) {
        this(description, edits, true);
    }

    public record Edit(int start, int end, String original, String replacement) {
        public Edit {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad edit range " + start + ".." + end);
            }
        }
    }

    public Fix {
        edits = List.copyOf(edits);
    }
}
