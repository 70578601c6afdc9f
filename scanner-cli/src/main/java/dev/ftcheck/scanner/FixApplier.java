package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.Fix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the fixes of a scan's findings to their files, or computes what they would change. Each file is read
 * again and decoded as the scanner decoded it; a fix whose edits do not find the text they replace (the file
 * changed since the scan) or that overlaps an earlier fix is skipped and counted. Files are rewritten with the
 * same encoding, byte-order mark and line endings, through a temporary file and a rename.
 */
public final class FixApplier {
    /** One file's planned change. */
    public record FileChange(String file, Path path, String before, String after, List<Finding> fixed) {}

    /** The planned changes, and the fixes that could not be applied with the reason. */
    public record Plan(List<FileChange> changes, List<String> skipped) {
        public int fixedCount() {
            return changes.stream().mapToInt(c -> c.fixed().size()).sum();
        }
    }

    private FixApplier() {}

    /** Plans the safe fixes, and the unsafe ones too when {@code unsafe}. */
    public static Plan plan(List<Finding> findings, boolean unsafe) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.fix() != null && (f.fix().safe() || unsafe)) {
                byFile.computeIfAbsent(f.location().file(), k -> new ArrayList<>()).add(f);
            }
        }
        List<FileChange> changes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (var e : byFile.entrySet()) {
            Path path = Path.of(e.getKey());
            String text;
            try {
                text = Encoded.read(path).text();
            } catch (IOException ex) {
                skipped.add(e.getKey() + ": cannot read it again to fix it: " + ex.getMessage());
                continue;
            }
            List<Fix.Edit> accepted = new ArrayList<>();
            List<Finding> fixed = new ArrayList<>();
            for (Finding f : e.getValue()) {
                String why = check(text, f.fix(), accepted);
                if (why != null) {
                    skipped.add(e.getKey() + ":" + f.location().line() + ": " + f.code() + " not fixed: " + why);
                    continue;
                }
                for (Fix.Edit ed : f.fix().edits()) {
                    if (!(ed.start() == ed.end() && ed.replacement().isEmpty())
                            && accepted.stream().noneMatch(a -> sameInsertion(a, ed))) {
                        accepted.add(ed);
                    }
                }
                fixed.add(f);
            }
            if (fixed.isEmpty()) {
                continue;
            }
            StringBuilder out = new StringBuilder(text);
            accepted.sort(Comparator.comparingInt(Fix.Edit::start).thenComparingInt(Fix.Edit::end).reversed());
            for (Fix.Edit ed : accepted) {
                out.replace(ed.start(), ed.end(), ed.replacement());
            }
            changes.add(new FileChange(e.getKey(), path, text, out.toString(), fixed));
        }
        return new Plan(changes, skipped);
    }

    /** Why this fix cannot join the ones accepted so far, or null. Identical insertions (an include) merge. */
    private static String check(String text, Fix fix, List<Fix.Edit> accepted) {
        for (Fix.Edit ed : fix.edits()) {
            if (ed.end() > text.length() || !text.substring(ed.start(), ed.end()).equals(ed.original())) {
                return "the file changed since it was scanned";
            }
            for (Fix.Edit a : accepted) {
                boolean overlap = ed.start() < a.end() && a.start() < ed.end();
                boolean samePoint = ed.start() == ed.end() && a.start() == a.end() && ed.start() == a.start();
                if ((overlap || samePoint) && !sameInsertion(a, ed)) {
                    return "it overlaps another fix (run --fix again)";
                }
            }
        }
        return null;
    }

    private static boolean sameInsertion(Fix.Edit a, Fix.Edit b) {
        return a.start() == b.start() && a.end() == b.end() && a.replacement().equals(b.replacement());
    }

    public static Plan plan(List<Finding> findings) {
        return plan(findings, false);
    }

    /** Writes each change back, keeping the file's encoding and byte-order mark. */
    public static void write(FileChange change) throws IOException {
        Encoded enc = Encoded.read(change.path());
        byte[] bytes = enc.encode(change.after());
        Path tmp = change.path().resolveSibling("." + change.path().getFileName() + ".ftcheck-fix.tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, change.path(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException ex) {
            Files.move(tmp, change.path(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A file's text and how to turn edited text back into bytes the same way. */
    private record Encoded(String text, boolean bom, boolean latin1) {
        static Encoded read(Path p) throws IOException {
            byte[] b = Files.readAllBytes(p);
            DecodedSource d = DecodedSource.decode(b);
            boolean bom = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
            return new Encoded(d.text(), bom && d.note() == null, d.note() != null);
        }

        byte[] encode(String s) {
            byte[] body = s.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            if (!bom) {
                return body;
            }
            byte[] out = new byte[body.length + 3];
            out[0] = (byte) 0xEF;
            out[1] = (byte) 0xBB;
            out[2] = (byte) 0xBF;
            System.arraycopy(body, 0, out, 3, body.length);
            return out;
        }
    }
}
