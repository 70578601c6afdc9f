package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.runtime.ExtensionModule;
import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.GilSetting;
import dev.ftcheck.runtime.RuntimeOptions;
import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dir() of the built-in types, through PyObject_Dir in a small C module ({@code builtindir.c}), against what
 * CPython 3.13 shows ({@code builtin-dir.json}, written by {@code builtin-dir.py}). Every type's missing and extra
 * names are printed, with the total of names present; the types listed in {@code builtin-dir-complete.txt} must
 * match exactly, and a type that matches but is not listed fails too, so the list is kept current.
 */
class BuiltinDirTest {
    @Test
    void dirMatchesCPython(@TempDir Path tmp) throws Exception {
        Path res = Cli.repo().resolve("tests/src/test/resources/runtime");
        JsonNode types = new ObjectMapper().readTree(res.resolve("builtin-dir.json").toFile()).get("types");
        List<String> complete = Files.readAllLines(res.resolve("builtin-dir-complete.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        String suffix = Cli.run("config", "--extension-suffix").out().strip();
        Path so = tmp.resolve("builtindir" + suffix);
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-O1", "-g", "-Wall", "-Werror"));
        cc.addAll(Arrays.asList(Cli.run("config", "--cflags").out().strip().split("\\s+")));
        cc.addAll(List.of(res.resolve("builtindir.c").toString(), "-o", so.toString()));
        Processes.Run built = Processes.run(null, cc, Map.of(), true, Duration.ofMinutes(2));
        assertEquals(0, built.exitCode(), built.describe());

        FtRuntime rt = FtRuntime.start(RuntimeOptions.defaults().withGil(GilSetting.DEFAULT).withStderr(null));
        ExtensionModule m = rt.load(so);
        int total = 0, present = 0, equalTypes = 0;
        Map<String, String> wrong = new LinkedHashMap<>();
        List<String> equalButUnlisted = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = types.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            TreeSet<String> expected = new TreeSet<>();
            e.getValue().get("dir").forEach(n -> expected.add(n.asText()));
            Object ours = m.call("dir_of", e.getKey());
            TreeSet<String> actual = new TreeSet<>();
            if (ours != null) {
                for (Object o : (List<?>) ours) {
                    actual.add((String) o);
                }
            }
            TreeSet<String> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            TreeSet<String> extra = new TreeSet<>(actual);
            extra.removeAll(expected);
            total += expected.size();
            present += expected.size() - missing.size();
            boolean equal = ours != null && missing.isEmpty() && extra.isEmpty();
            if (equal) {
                equalTypes++;
                if (!complete.contains(e.getKey())) {
                    equalButUnlisted.add(e.getKey());
                }
            } else if (complete.contains(e.getKey())) {
                wrong.put(e.getKey(), "missing " + missing + ", extra " + extra);
            }
            report.append(String.format("%-28s %3d/%3d%s%s%n", e.getKey(), expected.size() - missing.size(),
                    expected.size(), ours == null ? "  (type not provided)" : missing.isEmpty() ? ""
                            : "  missing " + missing, extra.isEmpty() ? "" : "  extra " + extra));
        }
        report.append(String.format("dir() of %d types: %d equal to CPython 3.13, %d of %d names present%n",
                types.size(), equalTypes, present, total));
        System.out.print(report);
        assertTrue(wrong.isEmpty(), "types listed as complete differ from CPython: " + wrong);
        assertTrue(equalButUnlisted.isEmpty(), "add to builtin-dir-complete.txt: " + equalButUnlisted);
    }
}
