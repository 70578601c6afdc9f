package dev.ftcheck.tests.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.tests.corpus.CorpusManifest.ExtensionModule;
import dev.ftcheck.tests.corpus.KnownAnswers.Answer;
import dev.ftcheck.tests.corpus.KnownAnswers.Failure;
import dev.ftcheck.tests.corpus.standins.CorpusStandIns;
import dev.ftcheck.tests.support.Processes;
import dev.ftcheck.tests.support.StandInJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a built module's known-answer calls through {@code ftcheck run} (the packaged jar, in a child JVM). */
final class FtcheckRunner {
    /** The run ended without a report: a crash or a hang, with what stderr said last. */
    static final class NoReport extends Exception {
        NoReport(String message) {
            super(message);
        }
    }

    /** The failure type of a run that ended before its calls did (not an exception the module raised). */
    static final String STOPPED = "stopped";

    private final List<String> ftcheck;
    private final ObjectMapper json = new ObjectMapper();

    /** @param ftcheck the command that starts the CLI, e.g. {@code java -jar ftcheck.jar} */
    FtcheckRunner(List<String> ftcheck) {
        this.ftcheck = List.copyOf(ftcheck);
    }

    /** Runs in the runtime of ABI {@code abi} ("3.13", "3.14"), named explicitly though the file suffix says it too. */
    KnownAnswers run(ExtensionModule mod, Path so, Path scratch, String abi) throws IOException, NoReport {
        Files.createDirectories(scratch);
        Path report = scratch.resolve(mod.name() + ".run.json");
        Files.deleteIfExists(report);
        List<String> cmd = new ArrayList<>(ftcheck);
        cmd.addAll(List.of("run", so.toString(), "--abi", abi, "--report", report.toString()));
        if (!mod.standIns().isEmpty()) {
            cmd.add("--stand-in");
            cmd.add(standInJar(mod, scratch).toString());
        }
        for (String c : mod.calls()) {
            cmd.add("--call");
            cmd.add(c);
        }
        Map<String, String> env = new HashMap<>();
        env.put("PYTHON_GIL", null);
        Processes.Run r = Processes.run(scratch, cmd, env, false, Duration.ofMinutes(2));
        if (!Files.isRegularFile(report)) {
            String why = r.problem() != null ? r.problem() : "exit " + r.exitCode();
            throw new NoReport("no report (" + why + "): " + lastLine(r.err().isBlank() ? r.out() : r.err()));
        }
        JsonNode rep = json.readTree(report.toFile());
        List<String> warnings = new ArrayList<>();
        rep.path("warnings").forEach(w -> warnings.add(w.asText()));
        Failure importError = failure(rep.get("importError"));
        for (String end : new String[] {"crash", "timeout"}) {
            if (importError == null && rep.hasNonNull(end)) {
                // the run ended early: a crash or hang during the import or a call, in the report's own words
                importError = new Failure(STOPPED, end + ": " + rep.get(end).path("message").asText(rep.get(end)
                        .toString()));
            }
        }
        List<Answer> answers = new ArrayList<>();
        for (JsonNode c : rep.path("calls")) {
            Failure f = failure(c.get("exception"));
            answers.add(new Answer(c.path("call").asText(), f == null ? c.path("result").asText(null) : null, f));
        }
        if (importError == null && answers.size() < mod.calls().size()) {
            importError = new Failure(STOPPED, answers.size() + " of " + mod.calls().size() + " calls ran; "
                    + lastLine(r.err()));
        }
        return new KnownAnswers(mod.name(), "ftcheck", importError, warnings, answers);
    }

    /** A jar of the tests' stand-in classes whose services entry lists the modules the manifest names. */
    private static Path standInJar(ExtensionModule mod, Path scratch) throws IOException {
        List<String> providers = mod.standIns().stream().map(n -> CorpusStandIns.provider(n).getName()).toList();
        Path testClasses;
        try {
            testClasses = Path.of(CorpusStandIns.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        return StandInJar.write(scratch.resolve(mod.name() + ".stand-ins.jar"), testClasses,
                CorpusStandIns.PACKAGE_DIR, providers);
    }

    private static Failure failure(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return new Failure(n.path("type").asText(), n.path("message").asText(""));
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines[lines.length - 1];
    }
}
