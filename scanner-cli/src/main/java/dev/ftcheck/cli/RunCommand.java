package dev.ftcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ftcheck.runtime.ExtensionLoadException;
import dev.ftcheck.runtime.ExtensionModule;
import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.GilSetting;
import dev.ftcheck.runtime.PythonException;
import dev.ftcheck.runtime.RuntimeOptions;
import dev.ftcheck.runtime.diag.Diagnostic;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ftcheck run}: loads an extension into the free-threaded C-API runtime and calls its functions, from
 * several threads if asked. Each --call runs to completion (threads × repeat invocations) before the next one.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Load a C extension (.so) into ftcheck's free-threaded C-API runtime and call its functions.",
        footerHeading = "%nExamples:%n",
        footer = {"  ftcheck run mod.cpython-313t-x86_64-linux-gnu.so --call 'add(1, 2)'",
            "  ftcheck run mod.so --call 'append(1)' --threads 8 --repeat 1000 --call 'length()' --report run.json"})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXT.so", description = "The extension module file.")
    Path extension;

    @Option(names = "--call", paramLabel = "'name(args)'",
            description = "Call a module-level function; args are Python literals. Repeatable, run in order.")
    List<String> calls = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Threads that run each call concurrently (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--repeat", paramLabel = "M", defaultValue = "1",
            description = "Times each thread repeats each call (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--gil", paramLabel = "0|1",
            description = "Force the GIL off (0) or on (1), like PYTHON_GIL; default: modules decide.")
    String gil;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report to FILE.")
    Path report;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads < 1 || repeat < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads and --repeat must be at least 1");
        }
        GilSetting setting;
        try {
            setting = gil != null ? GilSetting.parse(gil) : GilSetting.fromEnvironment();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    gil != null ? "--gil must be 0 or 1, not '" + gil + "'" : e.getMessage());
        }
        if (gil != null && setting == GilSetting.DEFAULT) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--gil must be 0 or 1");
        }
        List<PyLiteralParser.Call> parsed = new ArrayList<>();
        for (String c : calls) {
            try {
                parsed.add(PyLiteralParser.parseCall(c));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        PrintStream errStream = new PrintStream(new WriterOutputStream(err), true, StandardCharsets.UTF_8);
        FtRuntime rt = FtRuntime.start(RuntimeOptions.defaults().withGil(setting).withStderr(errStream));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("extension", extension.toString());
        List<Map<String, Object>> callReports = new ArrayList<>();
        int exit = ExitCodes.OK;
        ExtensionModule module;
        try {
            module = rt.load(extension);
        } catch (ExtensionLoadException e) {
            err.println("ftcheck: error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (PythonException e) {
            err.println("ftcheck: importing " + extension.getFileName() + " failed: " + e.getMessage());
            json.put("importError", Map.of("type", e.pythonType(), "message", e.pythonMessage()));
            writeReport(rt, json, callReports, err);
            return ExitCodes.FINDINGS;
        }
        for (PyLiteralParser.Call c : parsed) {
            Map<String, Object> r = runCall(module, c);
            callReports.add(r);
            if (r.get("exception") != null) {
                out.println(c.text() + " -> " + r.get("exceptionText"));
                exit = ExitCodes.FINDINGS;
            } else {
                out.println(c.text() + " -> " + r.get("result"));
            }
            r.remove("exceptionText");
            out.flush();
        }
        if (!rt.diagnostics().events().isEmpty()) {
            exit = ExitCodes.FINDINGS;
        }
        errStream.flush();
        writeReport(rt, json, callReports, err);
        return exit;
    }

    private Map<String, Object> runCall(ExtensionModule module, PyLiteralParser.Call c) throws InterruptedException {
        AtomicReference<FtRuntime.CallResult> last = new AtomicReference<>();
        AtomicReference<PythonException> lastError = new AtomicReference<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        java.util.Set<String> distinct = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Runnable body = () -> {
            for (int i = 0; i < repeat; i++) {
                try {
                    FtRuntime.CallResult r = module.invoke(c.name(), c.args().toArray());
                    last.set(r);
                    distinct.add(r.repr());
                    ok.incrementAndGet();
                } catch (PythonException e) {
                    lastError.set(e);
                    failed.incrementAndGet();
                }
            }
        };
        if (threads == 1) {
            body.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    fs.add(pool.submit(() -> {
                        go.await();
                        body.run();
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : fs) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("call " + c.text() + " failed: " + e.getCause(), e.getCause());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("call", c.text());
        r.put("threads", threads);
        r.put("repeat", repeat);
        r.put("succeeded", ok.get());
        r.put("failed", failed.get());
        FtRuntime.CallResult res = last.get();
        r.put("result", res == null ? null : res.repr());
        r.put("distinctResults", distinct.size());
        PythonException e = lastError.get();
        if (e != null) {
            r.put("exception", Map.of("type", e.pythonType(), "message", e.pythonMessage()));
            r.put("exceptionText", e.pythonType() + (e.pythonMessage().isEmpty() ? "" : ": " + e.pythonMessage()));
        } else {
            r.put("exception", null);
        }
        return r;
    }

    private void writeReport(FtRuntime rt, Map<String, Object> json, List<Map<String, Object>> calls, PrintWriter err)
            throws IOException {
        if (report == null) {
            return;
        }
        Map<String, Object> gilJson = new LinkedHashMap<>();
        gilJson.put("enabled", rt.gilEnabled());
        gilJson.put("setting", switch (rt.gilPolicy().setting()) {
            case DEFAULT -> "default";
            case FORCE_OFF -> "0";
            case FORCE_ON -> "1";
        });
        gilJson.put("reason", rt.gilPolicy().reason());
        json.put("gil", gilJson);
        List<Map<String, Object>> mods = new ArrayList<>();
        for (ExtensionModule m : rt.modules()) {
            Map<String, Object> mj = new LinkedHashMap<>();
            mj.put("name", m.name());
            mj.put("path", m.path().toString());
            mj.put("initStyle", m.initStyle().label);
            mj.put("gilDeclaration", m.gilDeclaration());
            mods.add(mj);
        }
        json.put("modules", mods);
        json.put("warnings", rt.diagnostics().warnings());
        List<Map<String, Object>> diags = new ArrayList<>();
        for (Diagnostic d : rt.diagnostics().events()) {
            Map<String, Object> dj = new LinkedHashMap<>();
            dj.put("kind", d.kind());
            dj.put("message", d.message());
            dj.put("thread", d.thread());
            dj.put("cFunction", d.cFunction());
            dj.put("time", d.time().toString());
            diags.add(dj);
        }
        json.put("diagnostics", diags);
        json.put("calls", calls);
        try {
            Path parent = report.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(), json);
        } catch (IOException e) {
            err.println("ftcheck: error: cannot write report " + report + ": " + e.getMessage());
            throw e;
        }
    }

    /** Bridges the runtime's PrintStream-based echo to picocli's writer. */
    private static final class WriterOutputStream extends OutputStream {
        private final PrintWriter w;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        WriterOutputStream(PrintWriter w) {
            this.w = w;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            w.print(pending.toString(StandardCharsets.UTF_8));
            w.flush();
            pending.reset();
        }
    }
}
