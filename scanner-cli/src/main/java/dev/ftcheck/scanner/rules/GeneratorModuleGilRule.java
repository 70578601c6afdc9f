package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileKind;
import dev.ftcheck.scanner.api.ModuleInfo;
import dev.ftcheck.scanner.api.ProjectContext;
import dev.ftcheck.scanner.api.ProjectRule;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import dev.ftcheck.scanner.api.SourceFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleInfo(
        code = "FT404",
        name = "generated-module-gil-not-declared",
        family = Family.MODULE_GIL,
        severity = Severity.WARNING,
        summary = "Cython, pybind11 or nanobind module without its generator's free-threading declaration",
        description = """
                Finds modules written with binding generators and checks their own way of declaring GIL-free \
                support: a Cython `.pyx` needs `# cython: freethreading_compatible = True` in its header (or the \
                directive passed from setup.py, pyproject.toml or meson.build); `PYBIND11_MODULE(name, m, ...)` \
                needs `py::mod_gil_not_used()` among its arguments; `NB_MODULE(name, m)` needs `FREE_THREADED` in \
                the `nanobind_add_module(...)` call of a scanned `CMakeLists.txt`. Every such module is listed in \
                `modules[]`.""",
        rationale = """
                Generated modules are extension modules like any other: without the declaration a free-threaded \
                interpreter re-enables the GIL for the whole process when one of them is imported.""",
        example = """
                PYBIND11_MODULE(greeter, m) {
                    m.def("greet", &greet);
                }""",
        useInstead = """
                Cython: `# cython: freethreading_compatible = True` at the top of the `.pyx` (Cython 3.1+). \
                pybind11: `PYBIND11_MODULE(name, m, py::mod_gil_not_used())` (pybind11 2.13+). nanobind: \
                `nanobind_add_module(name FREE_THREADED ...)` in CMake (nanobind 2.2+). Audit the module's C/C++ \
                code for shared mutable state first.""",
        triggers = {"PYBIND11_MODULE", "NB_MODULE"})
public final class GeneratorModuleGilRule implements ProjectRule {
    private static final Pattern CYTHON_INCLUDE =
            Pattern.compile("(?m)^\\s*include\\s+[\"']([^\"']+\\.pyx)[\"']");
    private static final Pattern PYBIND = Pattern.compile("\\bPYBIND11_MODULE\\s*\\(\\s*(\\w+)");
    private static final Pattern NANOBIND = Pattern.compile("\\bNB_MODULE\\s*\\(\\s*(\\w+)\\s*,");
    private static final Pattern NB_ADD = Pattern.compile("nanobind_add_module\\s*\\(([^)]*)\\)");
    private static final Pattern CYTHON_DIRECTIVE = Pattern.compile(
            "(?m)^\\s*#\\s*cython\\s*:.*\\bfreethreading_compatible\\s*=\\s*True\\b");
    private static final Pattern BUILD_DIRECTIVE = Pattern.compile(
            "freethreading_compatible['\"]?\\s*[:=]\\s*['\"]?True");

    @Override
    public void check(ProjectContext project) {
        boolean buildDirective = false;
        Map<String, Boolean> nanobindTargets = new HashMap<>();
        for (SourceFile f : project.files()) {
            if (!f.kind().isBuildFile()) {
                continue;
            }
            buildDirective |= BUILD_DIRECTIVE.matcher(f.text()).find();
            if (f.kind() == FileKind.CMAKE_LISTS) {
                Matcher m = NB_ADD.matcher(stripHashComments(f.text()));
                while (m.find()) {
                    String[] words = m.group(1).trim().split("\\s+");
                    if (words.length > 0 && !words[0].isEmpty()) {
                        nanobindTargets.put(words[0], List.of(words).contains("FREE_THREADED"));
                    }
                }
            }
        }
        Set<String> included = new HashSet<>();
        for (SourceFile f : project.files(FileKind.CYTHON)) {
            Matcher inc = CYTHON_INCLUDE.matcher(f.text());
            while (inc.find()) {
                included.add(Path.of(inc.group(1)).getFileName().toString());
            }
        }
        for (SourceFile f : project.files(FileKind.CYTHON)) {
            if (!f.displayPath().endsWith(".pyx") || included.contains(f.path().getFileName().toString())) {
                continue; // an include file is part of the module that includes it
            }
            String name = f.path().getFileName().toString().replaceFirst("\\.pyx$", "");
            boolean inFile = CYTHON_DIRECTIVE.matcher(f.text()).find();
            boolean declared = inFile || buildDirective;
            project.reportModule(new ModuleInfo(name, f.displayPath(), 1, ModuleInfo.InitStyle.MULTI_PHASE,
                    declared ? ModuleInfo.GilDeclaration.NOT_USED : ModuleInfo.GilDeclaration.MISSING,
                    inFile ? "# cython: freethreading_compatible = True"
                            : declared ? "freethreading_compatible in build configuration" : null));
            if (!declared) {
                project.reportLine(f, 1)
                        .api("freethreading_compatible")
                        .replacement("# cython: freethreading_compatible = True",
                                "Cython directive (Cython 3.1+); the generated module declares Py_MOD_GIL_NOT_USED")
                        .message("Cython module `" + name + "` does not set the freethreading_compatible directive "
                                + "(neither in its header nor in a scanned build file), so importing it re-enables "
                                + "the GIL in a free-threaded interpreter. Add "
                                + "`# cython: freethreading_compatible = True` at the top once it is thread-safe.")
                        .fixHint("# cython: freethreading_compatible = True")
                        .report();
            }
        }
        for (SourceFile f : project.files(FileKind.CPP_SOURCE, FileKind.C_SOURCE)) {
            String code = stripCComments(f.text());
            Matcher pb = PYBIND.matcher(code);
            while (pb.find()) {
                if (onDirectiveLine(code, pb.start())) {
                    continue; // #define PYBIND11_MODULE(name, variable): pybind11's own header
                }
                int close = matchingParen(code, code.indexOf('(', pb.start()));
                String macroArgs = code.substring(pb.end(), close);
                boolean declared = macroArgs.contains("mod_gil_not_used");
                int line = f.lineOf(pb.start());
                project.reportModule(new ModuleInfo(pb.group(1), f.displayPath(), line,
                        ModuleInfo.InitStyle.SINGLE_PHASE,
                        declared ? ModuleInfo.GilDeclaration.NOT_USED : ModuleInfo.GilDeclaration.MISSING,
                        declared ? "py::mod_gil_not_used()" : null));
                if (!declared) {
                    project.report(f, pb.start(), Math.min(code.length(), close + 1))
                            .api("PYBIND11_MODULE")
                            .replacement("PYBIND11_MODULE(" + pb.group(1) + ", m, py::mod_gil_not_used())",
                                    "module tag (pybind11 2.13+)")
                            .message("pybind11 module `" + pb.group(1) + "` is declared without "
                                    + "py::mod_gil_not_used(), so importing it re-enables the GIL in a "
                                    + "free-threaded interpreter.")
                            .fixHint("PYBIND11_MODULE(" + pb.group(1) + ", m, py::mod_gil_not_used()) { ... }")
                            .report();
                }
            }
            Matcher nb = NANOBIND.matcher(code);
            while (nb.find()) {
                String name = nb.group(1);
                Boolean ft = nanobindTargets.get(name);
                boolean declared = ft != null ? ft
                        : !nanobindTargets.isEmpty() && !nanobindTargets.containsValue(false);
                int line = f.lineOf(nb.start());
                project.reportModule(new ModuleInfo(name, f.displayPath(), line, ModuleInfo.InitStyle.SINGLE_PHASE,
                        declared ? ModuleInfo.GilDeclaration.NOT_USED : ModuleInfo.GilDeclaration.MISSING,
                        declared ? "nanobind_add_module(... FREE_THREADED ...)" : null));
                if (!declared) {
                    boolean noCmake = nanobindTargets.isEmpty();
                    project.report(f, nb.start(), nb.end())
                            .api("NB_MODULE")
                            .replacement("nanobind_add_module(" + name + " FREE_THREADED ...)",
                                    "CMake option (nanobind 2.2+)")
                            .message("nanobind module `" + name + "` is not built with FREE_THREADED, so importing "
                                    + "it re-enables the GIL in a free-threaded interpreter."
                                    + (noCmake ? " Confidence is medium: no nanobind_add_module() call was found in "
                                            + "the scanned CMakeLists.txt files." : ""))
                            .confidence(noCmake ? Confidence.MEDIUM : Confidence.HIGH)
                            .fixHint("nanobind_add_module(" + name + " FREE_THREADED <sources>)")
                            .report();
                }
            }
        }
    }

    /** Index of the parenthesis closing the one at {@code open} (depth counting), or the text length. */
    private static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return s.length();
    }

    /** Blanks out C/C++ comments and string contents, keeping offsets (so line numbers stay right). */
    static String stripCComments(String s) {
        StringBuilder b = new StringBuilder(s);
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    b.setCharAt(i++, ' ');
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                while (i < n && !(s.charAt(i) == '*' && i + 1 < n && s.charAt(i + 1) == '/')) {
                    if (s.charAt(i) != '\n') {
                        b.setCharAt(i, ' ');
                    }
                    i++;
                }
                if (i < n) {
                    b.setCharAt(i++, ' ');
                    if (i < n) {
                        b.setCharAt(i++, ' ');
                    }
                }
            } else if (c == '"') {
                i++;
                while (i < n && s.charAt(i) != '"' && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\') {
                        b.setCharAt(i++, ' ');
                    }
                    if (i < n) {
                        b.setCharAt(i++, ' ');
                    }
                }
                i++;
            } else {
                i++;
            }
        }
        return b.toString();
    }

    private static String stripHashComments(String s) {
        return s.replaceAll("(?m)#.*$", "");
    }

    private static boolean onDirectiveLine(String code, int at) {
        int lineStart = code.lastIndexOf('\n', at) + 1;
        while (lineStart > 1 && code.charAt(lineStart - 2) == '\\') {
            lineStart = code.lastIndexOf('\n', lineStart - 2) + 1;
        }
        return code.substring(lineStart, at).stripLeading().startsWith("#");
    }
}
