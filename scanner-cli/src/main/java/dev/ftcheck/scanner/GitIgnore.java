package dev.ftcheck.scanner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Git's ignore rules for one work tree: {@code .git/info/exclude} and every {@code .gitignore} from the top of the
 * work tree down to a path's folder, with git's pattern syntax (negation with {@code !}, {@code /} anchoring, a
 * trailing {@code /} for folders only, {@code *}, {@code ?}, {@code [...]} and {@code **}). A deeper file overrides
 * a shallower one and, within a file, the last matching line wins. Ignored folders are never entered, so a file
 * below one cannot be re-included, as in git.
 */
final class GitIgnore {
    private record Line(Pattern regex, boolean negated, boolean dirOnly, boolean anchored) {}

    private final Path top;
    private final List<Line> infoExclude;
    private final Map<Path, List<Line>> byDir = new HashMap<>();

    private GitIgnore(Path top, List<Line> infoExclude) {
        this.top = top;
        this.infoExclude = infoExclude;
    }

    /** The rules of the git work tree holding {@code path}, or null when it is not in one. */
    static GitIgnore of(Path path) {
        for (Path d = path.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path git = d.resolve(".git");
            if (Files.exists(git)) {
                List<Line> exclude = Files.isDirectory(git) ? read(git.resolve("info/exclude")) : List.of();
                return new GitIgnore(d, exclude);
            }
        }
        return null;
    }

    /** True when git would ignore {@code path} (absolute, inside the work tree); a folder when {@code dir}. */
    boolean ignored(Path path, boolean dir) {
        Path abs = path.toAbsolutePath().normalize();
        if (!abs.startsWith(top) || abs.equals(top)) {
            return false;
        }
        Boolean verdict = decide(infoExclude, top.relativize(abs), dir, null);
        for (Path d = top; !d.equals(abs); d = d.resolve(abs.getName(d.getNameCount()))) {
            verdict = decide(byDir.computeIfAbsent(d, x -> read(x.resolve(".gitignore"))), d.relativize(abs), dir,
                    verdict);
        }
        return verdict != null && verdict;
    }

    private static Boolean decide(List<Line> lines, Path rel, boolean dir, Boolean before) {
        String relText = rel.toString().replace('\\', '/');
        String name = rel.getFileName().toString();
        Boolean verdict = before;
        for (Line l : lines) {
            if (l.dirOnly && !dir) {
                continue;
            }
            if (l.regex.matcher(l.anchored ? relText : name).matches()) {
                verdict = !l.negated;
            }
        }
        return verdict;
    }

    private static List<Line> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // git itself skips an unreadable ignore file
        }
        List<Line> out = new ArrayList<>();
        for (String raw : text) {
            Line l = parse(raw);
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    static Line parse(String raw) {
        String s = stripTrailingSpaces(raw);
        if (s.isEmpty() || s.startsWith("#")) {
            return null;
        }
        boolean negated = false;
        if (s.startsWith("!")) {
            negated = true;
            s = s.substring(1);
        } else if (s.startsWith("\\!") || s.startsWith("\\#")) {
            s = s.substring(1);
        }
        boolean dirOnly = s.endsWith("/");
        if (dirOnly) {
            s = s.substring(0, s.length() - 1);
        }
        boolean anchored = s.contains("/");
        if (s.startsWith("/")) {
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            return null;
        }
        return new Line(Pattern.compile(regex(s)), negated, dirOnly, anchored);
    }

    /** Trailing spaces are dropped unless escaped with a backslash. */
    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ' && !(end > 1 && s.charAt(end - 2) == '\\')) {
            end--;
        }
        return s.substring(0, end);
    }

    static String regex(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            boolean atSegmentStart = i == 0 || glob.charAt(i - 1) == '/';
            if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*' && atSegmentStart
                    && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                if (i + 2 == n) {
                    re.append(".*"); // trailing "**": everything inside
                } else {
                    re.append("(?:.*/)?"); // "**/": any number of folders, none included
                    i++;
                }
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 2);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    String body = glob.substring(i + 1, close);
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = close;
                }
            } else if (c == '\\' && i + 1 < n) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
