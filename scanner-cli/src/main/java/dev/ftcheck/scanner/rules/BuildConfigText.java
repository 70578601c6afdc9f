package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.FileKind;
import dev.ftcheck.scanner.api.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line-level reading of build files (setup.py, setup.cfg, pyproject.toml, meson.build, CMakeLists.txt) for the
 * limited-api and build-config rules: comments removed, sections tracked, regex matches with offsets. Build files
 * are small and their relevant settings are one-liners, so a line view is precise enough and never fails on syntax
 * a full parser would reject.
 */
final class BuildConfigText {
    private BuildConfigText() {}

    /** One non-comment line: 1-based number, start offset in the file, text without its comment. */
    record Line(int number, int offset, String code, String section) {}

    /** A regex match: offsets in the file, the line, and the captured groups. */
    record Hit(int start, int end, Line line, java.util.regex.MatchResult matcher) {}

    /** The lines of a build file with comments blanked; {@code section} is the current [table] for TOML/cfg. */
    static List<Line> lines(SourceFile file) {
        String text = file.text();
        List<Line> out = new ArrayList<>();
        String section = "";
        int offset = 0;
        int number = 1;
        boolean sections = file.kind() == FileKind.PYPROJECT_TOML || file.kind() == FileKind.SETUP_CFG;
        while (offset <= text.length()) {
            int nl = text.indexOf('\n', offset);
            int end = nl < 0 ? text.length() : nl;
            String code = stripComment(text.substring(offset, end), file.kind());
            if (sections) {
                String t = code.strip();
                if (t.startsWith("[") && t.endsWith("]")) {
                    section = t.replaceAll("^\\[+|\\]+$", "").strip();
                }
            }
            out.add(new Line(number, offset, code, section));
            if (nl < 0) {
                break;
            }
            offset = nl + 1;
            number++;
        }
        return out;
    }

    /** Every match of {@code pattern} within single lines (comments excluded). */
    static List<Hit> find(SourceFile file, Pattern pattern) {
        List<Hit> hits = new ArrayList<>();
        for (Line l : lines(file)) {
            Matcher m = pattern.matcher(l.code());
            while (m.find()) {
                hits.add(new Hit(l.offset() + m.start(), l.offset() + m.end(), l, m.toMatchResult()));
            }
        }
        return hits;
    }

    /** True when the file's code (not only its comments) mentions {@code Py_GIL_DISABLED}. */
    static boolean mentionsGilDisabled(SourceFile file) {
        return lines(file).stream().anyMatch(l -> l.code().contains("Py_GIL_DISABLED"));
    }

    /** True when one of the {@code window} lines before {@code line} (or the line itself) mentions the guard. */
    static boolean guardedNearby(SourceFile file, int line, int window) {
        for (Line l : lines(file)) {
            if (l.number() <= line && l.number() >= line - window && l.code().contains("Py_GIL_DISABLED")) {
                return true;
            }
        }
        return false;
    }

    /** Removes a trailing comment ({@code #} for Python/TOML/meson/CMake/cfg) outside string literals. */
    /**
     * The conditions of the {@code if}/{@code elif} lines that enclose a 1-based line of a Python build file,
     * innermost first, found by indentation.
     */
    static List<String> enclosingConditions(SourceFile file, int line) {
        String[] lines = file.text().split("\n", -1);
        List<String> found = new java.util.ArrayList<>();
        if (line < 1 || line > lines.length) {
            return found;
        }
        int indent = indentOf(lines[line - 1]);
        for (int k = line - 2; k >= 0 && indent > 0; k--) {
            String code = lines[k].strip();
            if (code.isEmpty() || code.startsWith("#") || indentOf(lines[k]) >= indent) {
                continue;
            }
            indent = indentOf(lines[k]);
            if (code.startsWith("if ") || code.startsWith("elif ")) {
                String cond = code.substring(code.indexOf(' ') + 1).strip();
                found.add(cond.endsWith(":") ? cond.substring(0, cond.length() - 1).strip() : cond);
            }
        }
        return found;
    }

    /** Leading spaces and tabs of a line. */
    static int indentOf(String l) {
        int i = 0;
        while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    static String stripComment(String line, FileKind kind) {
        if (kind == FileKind.SETUP_CFG) {
            String t = line.stripLeading();
            return t.startsWith("#") || t.startsWith(";") ? "" : line;
        }
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && kind != FileKind.MESON_BUILD) {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
