package dev.ftcheck.cli.run;

import dev.ftcheck.runtime.ExtensionLoadException;
import dev.ftcheck.runtime.ExtensionModule;
import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.PythonException;
import dev.ftcheck.runtime.checked.LeakCheck;
import dev.ftcheck.runtime.diag.Diagnostic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads the extension and runs the calls in this process, printing one line per call and telling {@link RunEvents}
 * what starts and what completes. In the supervised child this is the whole job; the parent assembles the report.
 * Each call runs to completion (threads × repeat invocations) before the next one.
 */
public final class RunSession {
    /** One --call: its text as typed, the function name, the converted arguments. */
    public record Call(String text, String name, List<Object> args) {}

    private final FtRuntime rt;
    private final RunEvents events;
    private final CrashSignals signals; // null: no crash hooks (in-process use)
    private final PrintWriter out;
    private final PrintWriter err;
    private final int threads;
    private final int repeat;
    private final boolean checkLeaks;
    /** The leak check's result once it ran (null before, or without --check-leaks). */
    private volatile LeakCheck.Result leaks;
    /** Threads now running extension code, with their kernel thread ids, for stack requests. */
    private final Map<Thread, Long> busy = new ConcurrentHashMap<>();

    public RunSession(FtRuntime rt, RunEvents events, CrashSignals signals, PrintWriter out, PrintWriter err,
            int threads, int repeat, boolean checkLeaks) {
        this.rt = rt;
        this.events = events;
        this.signals = signals;
        this.out = out;
        this.err = err;
        this.threads = threads;
        this.repeat = repeat;
        this.checkLeaks = checkLeaks;
    }

    /** Runs the import and every call; returns the exit code (0, 1 or 2 as documented). */
    public int run(Path extension, List<Call> calls) throws InterruptedException {
        events.emit(Map.of("event", "state", "state", state()));
        ExtensionModule module;
        String init = "PyInit_" + extension.getFileName().toString().split("\\.", 2)[0];
        events.emit(Map.of("event", "importStart", "tid", enterExtensionCode(), "init", init));
        try {
            module = rt.load(extension);
        } catch (ExtensionLoadException e) {
            err.println("ftcheck: error: " + e.getMessage());
            err.flush();
            events.emit(Map.of("event", "loadError", "message", e.getMessage()));
            return finish(2);
        } catch (PythonException e) {
            err.println("ftcheck: importing " + extension.getFileName() + " failed: " + e.getMessage());
            err.flush();
            events.emit(Map.of("event", "importError", "type", e.pythonType(), "message", e.pythonMessage(),
                    "state", state()));
            return finish(1);
        } finally {
            busy.remove(Thread.currentThread());
        }
        events.emit(Map.of("event", "importDone", "state", state()));
        long leakMark = checkLeaks ? rt.leakCheck().mark() : 0;
        int exit = 0;
        for (int i = 0; i < calls.size(); i++) {
            Call c = calls.get(i);
            events.emit(Map.of("event", "callStart", "index", i + 1, "call", c.text()));
            Map<String, Object> r = runCall(module, c);
            String exceptionText = (String) r.remove("exceptionText");
            out.println(c.text() + " -> " + (exceptionText != null ? exceptionText : r.get("result")));
            out.flush();
            if (exceptionText != null) {
                exit = 1;
            }
            events.emit(Map.of("event", "callDone", "index", i + 1, "report", r, "state", state()));
        }
        rt.runExitCallbacks();
        if (checkLeaks) {
            reportLeaks(rt.withThreadState("leak check", () -> rt.leakCheck().since(leakMark)));
        }
        if (!rt.diagnostics().events().isEmpty()) {
            exit = 1;
        }
        return finish(exit);
    }

    /** Each group of objects still alive, and each shape of cycle among them, becomes a diagnostic. */
    private void reportLeaks(LeakCheck.Result r) {
        leaks = r;
        for (LeakCheck.Group g : r.groups()) {
            rt.diagnostics().report("leak", null, g.site(), g.file(), g.line(), g.count() + " " + g.type() + " object" + (g.count() == 1 ? "" : "s")
                    + " allocated by " + g.site() + " during the calls " + (g.count() == 1 ? "is" : "are")
                    + " still alive after them");
        }
        for (LeakCheck.Cycles c : r.cycles()) {
            rt.diagnostics().report("reference-cycle", null, c.count() + " unreachable reference cycle"
                    + (c.count() == 1 ? "" : "s") + " of " + c.shape() + " among them: only a cycle collector frees"
                    + " these (CPython's, if every type in the cycle supports GC; ftcheck's runtime has none)");
        }
    }

    private int finish(int exit) {
        events.emit(Map.of("event", "finished", "exitCode", exit, "state", state()));
        return exit;
    }

    /** Marks the calling thread as running extension code; returns its kernel thread id (-1 if unknown). */
    private long enterExtensionCode() {
        long tid = signals == null ? -1 : signals.nativeThreadId();
        busy.put(Thread.currentThread(), tid);
        return tid;
    }

    /** The Java stacks of the threads now in extension code (answer to the parent's "stacks" request). */
    public void sendStacks() {
        List<Map<String, Object>> ts = new ArrayList<>();
        busy.forEach((t, tid) -> {
            Map<String, Object> tj = new LinkedHashMap<>();
            tj.put("name", t.getName());
            tj.put("tid", tid);
            List<String> frames = new ArrayList<>();
            for (StackTraceElement e : t.getStackTrace()) {
                frames.add(e.toString());
            }
            tj.put("javaStack", frames);
            ts.add(tj);
        });
        events.emit(Map.of("event", "stacks", "threads", ts));
    }

    private Map<String, Object> runCall(ExtensionModule module, Call c) throws InterruptedException {
        AtomicReference<FtRuntime.CallResult> last = new AtomicReference<>();
        AtomicReference<PythonException> lastError = new AtomicReference<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Set<String> distinct = ConcurrentHashMap.newKeySet();
        Runnable body = () -> {
            enterExtensionCode();
            try {
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
            } finally {
                busy.remove(Thread.currentThread());
            }
        };
        if (threads == 1) {
            body.run();
        } else {
            // each worker starts in a copy of this thread's context variables, as CPython 3.14t's threads do
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> rt.newThread(() -> {
                if (signals != null) {
                    signals.altStackForCurrentThread();
                }
                r.run();
            }));
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
                    } catch (ExecutionException e) {
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

    /** The runtime-wide part of the report as it stands: GIL, modules, warnings, diagnostics. */
    public Map<String, Object> state() {
        Map<String, Object> json = new LinkedHashMap<>();
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
        List<Map<String, Object>> imports = new ArrayList<>();
        for (dev.ftcheck.runtime.Importer.Imported i : rt.importer().imported()) {
            Map<String, Object> ij = new LinkedHashMap<>();
            ij.put("name", i.name());
            ij.put("kind", i.kind());
            ij.put("path", i.path() != null ? i.path().toString() : null);
            ij.put("note", i.note());
            imports.add(ij);
        }
        json.put("imports", imports);
        json.put("warnings", rt.diagnostics().warnings());
        List<Map<String, Object>> diags = new ArrayList<>();
        for (Diagnostic d : rt.diagnostics().events()) {
            Map<String, Object> dj = new LinkedHashMap<>();
            dj.put("kind", d.kind());
            dj.put("rule", d.rule());
            dj.put("message", d.message());
            dj.put("thread", d.thread());
            dj.put("cFunction", d.cFunction());
            dj.put("file", d.file());
            dj.put("line", d.file() != null ? d.line() : null);
            dj.put("time", d.time().toString());
            diags.add(dj);
        }
        json.put("diagnostics", diags);
        json.put("checked", rt.checked());
        LeakCheck.Result r = leaks;
        if (r != null) {
            Map<String, Object> lj = new LinkedHashMap<>();
            lj.put("total", r.total());
            lj.put("groups", r.groups().stream().map(g -> {
                Map<String, Object> gj = new LinkedHashMap<>();
                gj.put("type", g.type());
                gj.put("site", g.site());
                gj.put("file", g.file());
                gj.put("line", g.file() != null ? g.line() : null);
                gj.put("count", g.count());
                return gj;
            }).toList());
            lj.put("cycles", r.cycles().stream().map(c -> Map.of("shape", c.shape(), "count", c.count())).toList());
            json.put("leaks", lj);
        }
        return json;
    }
}
