package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.rules.RuleRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fixture corpus under {@code src/test/resources/fixtures/} and its inline markers (see docs/scanner.md,
 * "Fixtures"): a comment {@code expect: FT101} (several codes separated by commas) on the line where a finding must
 * start, and {@code ok: FT101} on a line where that rule must stay silent (a documented negative case).
 *
 * <p>A case is one file, or one directory named {@code *.project} scanned as a whole (for build files and cross-file
 * rules).
 */
final class Fixtures {
    static final Pattern MARKER = Pattern.compile("(?://|/\\*|#)\\s*(expect|ok):\\s*([A-Za-z0-9_-]+(?:\\s*,\\s*[A-Za-z0-9_-]+)*)"
            + "(?:\\s*\\((high|medium|low) confidence)?");

    private Fixtures() {}

    /** A case: the path to scan. */
    record Case(Path path, String name) {}

    /**
     * An expected finding (or a silent line, for {@code ok:}) as "file:line:code"; {@code confidence} is the level an
     * {@code expect: FT301 (low confidence ...)} marker asks for, or null.
     */
    record Marker(String kind, String file, int line, String code, Confidence confidence) {
        Marker(String kind, String file, int line, String code) {
            this(kind, file, line, code, null);
        }
    }

    static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> cases() {
        Path root = root();
        List<Case> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted().forEach(p -> {
                Path rel = root.relativize(p);
                boolean insideProject = false;
                for (int i = 0; i < rel.getNameCount() - 1; i++) {
                    insideProject |= rel.getName(i).toString().endsWith(".project");
                }
                if (insideProject) {
                    return;
                }
                if (Files.isDirectory(p) && p.getFileName().toString().endsWith(".project")) {
                    out.add(new Case(p, rel.toString()));
                } else if (Files.isRegularFile(p)) {
                    out.add(new Case(p, rel.toString()));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Markers in every file of a case, keyed by the display path the scanner will use. */
    static List<Marker> markers(Case c) {
        List<Marker> out = new ArrayList<>();
        String display = c.path().toString().replace('\\', '/');
        try (Stream<Path> s = Files.walk(c.path())) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                String fileDisplay = Files.isDirectory(c.path())
                        ? display + "/" + c.path().relativize(f).toString().replace('\\', '/') : display;
                List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = MARKER.matcher(lines.get(i));
                    while (m.find()) {
                        for (String code : m.group(2).split(",")) {
                            out.add(new Marker(m.group(1), fileDisplay, i + 1, code.strip(),
                                    m.group(3) == null ? null : Confidence.valueOf(m.group(3).toUpperCase())));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Compares findings to expect markers; returns a description of every mismatch, empty when they agree. */
    static List<String> mismatches(List<Finding> findings, List<Marker> markers) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> known = new TreeSet<>();
        RuleRegistry.all().forEach(r -> known.add(r.metadata().code()));
        List<String> expected = new ArrayList<>();
        for (Marker m : markers) {
            if (!known.contains(m.code())) {
                problems.add(m.file() + ":" + m.line() + ": marker names unknown rule code " + m.code());
            }
            if (m.kind().equals("expect")) {
                expected.add(m.file() + ":" + m.line() + ": " + m.code());
            }
        }
        List<String> actual = new ArrayList<>();
        List<String> actualDescribed = new ArrayList<>();
        for (Finding f : findings) {
            actual.add(f.location().file() + ":" + f.location().line() + ": " + f.code());
            actualDescribed.add(f.location().file() + ":" + f.location().line() + ":" + f.location().column() + ": "
                    + f.code() + " " + f.message());
        }
        List<String> missing = new ArrayList<>(expected);
        for (String a : actual) {
            missing.remove(a);
        }
        List<String> remainingExpected = new ArrayList<>(expected);
        for (int i = 0; i < actual.size(); i++) {
            if (!remainingExpected.remove(actual.get(i))) {
                problems.add("unexpected finding " + actualDescribed.get(i));
            }
        }
        for (String m : missing) {
            problems.add("missing finding " + m);
        }
        for (Marker m : markers) {
            for (Finding f : findings) {
                if (m.confidence() != null && m.kind().equals("expect") && f.code().equals(m.code())
                        && f.location().file().equals(m.file()) && f.location().line() == m.line()
                        && f.confidence() != m.confidence()) {
                    problems.add(m.file() + ":" + m.line() + ": " + m.code() + " has confidence "
                            + f.confidence().name().toLowerCase() + ", the marker expects "
                            + m.confidence().name().toLowerCase());
                }
            }
        }
        return problems;
    }
}
