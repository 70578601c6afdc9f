package dev.ftcheck.tests.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composite action in {@code action.yml}, run the way the runner runs it: each {@code run} step through bash
 * with its {@code env} (inputs substituted) and {@code GITHUB_ACTION_PATH} at this checkout. The {@code uses} steps
 * (setup-java, upload-sarif) need GitHub and are only checked for what they are given.
 */
class GithubActionTest {
    private static final Pattern INPUT = Pattern.compile("\\$\\{\\{\\s*inputs\\.([a-z-]+)\\s*}}");

    private static String substitute(String text, Map<String, String> inputs) {
        Matcher m = INPUT.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(inputs.getOrDefault(m.group(1), "")));
        }
        return m.appendTail(sb).toString();
    }

    private record StepRun(String name, int exit, String out) {}

    private static List<StepRun> runAction(Path workspace, Map<String, String> given) throws Exception {
        JsonNode action = new YAMLMapper().readTree(Cli.repo().resolve("action.yml").toFile());
        Map<String, String> inputs = new HashMap<>();
        action.get("inputs").properties().forEach(e -> inputs.put(e.getKey(),
                e.getValue().path("default").asText("")));
        inputs.putAll(given);
        assertEquals("composite", action.at("/runs/using").asText());
        List<StepRun> runs = new ArrayList<>();
        for (JsonNode step : action.at("/runs/steps")) {
            String name = step.path("name").asText();
            if (step.has("uses")) {
                String uses = step.get("uses").asText();
                if (uses.startsWith("github/codeql-action/upload-sarif")) {
                    assertEquals(inputs.get("sarif-file"), substitute(step.at("/with/sarif_file").asText(), inputs));
                    assertTrue(Files.isRegularFile(workspace.resolve(inputs.get("sarif-file"))),
                            "the SARIF file exists before it is uploaded");
                } else {
                    assertTrue(uses.startsWith("actions/setup-java@"), uses);
                }
                continue;
            }
            assertEquals("bash", step.get("shell").asText(), name);
            Map<String, String> env = new HashMap<>();
            step.path("env").properties().forEach(e -> env.put(e.getKey(),
                    substitute(e.getValue().asText(), inputs)));
            env.put("GITHUB_ACTION_PATH", Cli.repo().toString());
            env.put("GITHUB_WORKSPACE", workspace.toString());
            // The runner's bash for `shell: bash`: --noprofile --norc -eo pipefail.
            Processes.Run r = Processes.run(workspace, List.of("bash", "--noprofile", "--norc", "-eo", "pipefail",
                    "-c", step.get("run").asText()), env, false, Duration.ofMinutes(5));
            runs.add(new StepRun(name, r.exitCode(), r.out() + r.err()));
            if (r.exitCode() != 0) {
                break; // a failing step ends the job, as on the runner
            }
        }
        return runs;
    }

    @Test
    void actionWritesSarifAnnotatesAndFailsOnAHazard(@TempDir Path ws) throws Exception {
        Files.writeString(ws.resolve("spam.c"), """
                #include <Python.h>
                PyObject *first(PyObject *list) {
                    PyObject *item = PyList_GetItem(list, 0);
                    Py_XINCREF(item);
                    return item;
                }
                """);
        Files.writeString(ws.resolve("clean.c"), "int add(int a, int b) { return a + b; }\n");
        List<StepRun> runs = runAction(ws, Map.of("path", "spam.c clean.c"));
        assertEquals(2, runs.size(), runs.toString());
        assertEquals(0, runs.get(0).exit(), runs.get(0).out());
        JsonNode sarif = new ObjectMapper().readTree(ws.resolve("ftcheck.sarif").toFile());
        assertEquals("2.1.0", sarif.get("version").asText());
        assertEquals("FT101", sarif.at("/runs/0/results/0/ruleId").asText());
        StepRun annotate = runs.get(1);
        assertEquals(1, annotate.exit(), annotate.out());
        assertTrue(annotate.out().contains("::warning file=spam.c,line=3,col=22,"), annotate.out());
        assertTrue(annotate.out().contains("title=FT101 list-get-item-borrowed::"), annotate.out());
    }

    @Test
    void failOnNoneAndExtraArgumentsReachTheScan(@TempDir Path ws) throws Exception {
        Files.writeString(ws.resolve("spam.c"), """
                #include <Python.h>
                PyObject *first(PyObject *list) { return PyList_GetItem(list, 0); }
                """);
        List<StepRun> runs = runAction(ws, Map.of("fail-on", "none", "args", "--select FT1",
                "sarif-file", "out/report.sarif"));
        assertEquals(2, runs.size(), runs.toString());
        assertEquals(0, runs.get(1).exit(), runs.get(1).out());
        assertTrue(runs.get(1).out().contains("::warning file=spam.c"), runs.get(1).out());
        assertTrue(Files.isRegularFile(ws.resolve("out/report.sarif")));
    }
}
