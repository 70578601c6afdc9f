package dev.ftcheck.scanner.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lowest Python version a project supports, from the nearest build configuration at or above a source file:
 * {@code requires-python} in pyproject.toml's {@code [project]}, {@code python_requires} in setup.py or setup.cfg.
 * Rules use it to stay quiet about compatibility guards a project that only supports new Pythons does not need.
 */
public final class MinimumPython {
    private static final Pattern PYPROJECT = Pattern.compile("(?m)^\\s*requires-python\\s*=\\s*[\"']([^\"']*)[\"']");
    private static final Pattern SETUP_PY = Pattern.compile("python_requires\\s*=\\s*[\"']([^\"']*)[\"']");
    private static final Pattern SETUP_CFG = Pattern.compile("(?m)^\\s*python_requires\\s*=\\s*(.+)$");
    private static final Pattern LOWER = Pattern.compile("(>=|~=|==|>)\\s*(\\d+)\\.(\\d+)");

    private MinimumPython() {
    }

    /** {major, minor} of the lowest supported version, or null when no build file states one. */
    public static int[] of(Path sourceFile) {
        Path dir = sourceFile.toAbsolutePath().normalize().getParent();
        for (int depth = 0; dir != null && depth < 12; depth++, dir = dir.getParent()) {
            boolean any = false;
            for (String name : new String[] {"pyproject.toml", "setup.py", "setup.cfg"}) {
                Path p = dir.resolve(name);
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                any = true;
                String spec = spec(p, name);
                if (spec != null) {
                    return lowerBound(spec);
                }
            }
            if (any) {
                return null; // the project's own build files say nothing: do not look at an enclosing project
            }
        }
        return null;
    }

    private static String spec(Path p, String name) {
        String text;
        try {
            if (Files.size(p) > 4L * 1024 * 1024) {
                return null;
            }
            text = Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Matcher m = (name.equals("pyproject.toml") ? PYPROJECT : name.equals("setup.py") ? SETUP_PY : SETUP_CFG)
                .matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** The lower bound of a specifier such as {@code >=3.13}, {@code >=3.13,<4}, {@code ~=3.13}; null if none. */
    static int[] lowerBound(String spec) {
        int[] best = null;
        for (String clause : spec.split(",")) {
            Matcher m = LOWER.matcher(clause.trim());
            if (m.lookingAt()) {
                int[] v = {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)) + (m.group(1).equals(">") ? 1 : 0)};
                if (best == null || compare(v, best) > 0) {
                    best = v;
                }
            }
        }
        return best;
    }

    static boolean atLeast(int[] v, int major, int minor) {
        return v != null && compare(v, new int[] {major, minor}) >= 0;
    }

    private static int compare(int[] a, int[] b) {
        return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
    }
}
