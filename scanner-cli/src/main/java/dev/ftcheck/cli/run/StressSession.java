package dev.ftcheck.cli.run;

import dev.ftcheck.runtime.ExtensionModule;
import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.PythonException;
import dev.ftcheck.runtime.diag.Diagnostic;
import dev.ftcheck.runtime.script.Script;
import dev.ftcheck.runtime.script.ScriptFailure;
import dev.ftcheck.runtime.script.ScriptSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code ftcheck stress} in the child: imports the extension, runs the script's top level once, then starts N
 * runtime threads that wait on one latch and each call the script's {@code worker(i)} M times or until the
 * deadline. While they run, the parent gets the counts every quarter second (so a crash keeps them) and the age of
 * the oldest call in progress (so --timeout applies to one stuck call, not to the whole run).
 */
public final class StressSession {
    /** What to run: threads, and either repeat (calls per thread) or durationSeconds. */
    public record Plan(int threads, Integer repeat, Double durationSeconds, boolean checked, boolean checkLeaks) {}

    /** How one thread's worker calls raised: count and the first message, by exception type. */
    private record Raised(long count, String firstMessage) {}

    private static final String WORKER = "worker";

    private final ChildHost host;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Plan plan;
    private final AtomicLongArray completed;
    private final AtomicLongArray raised;
    /** nanoTime when each thread's current call started; 0 between calls. */
    private final AtomicLongArray callStart;
    private final List<Map<String, Raised>> exceptions = new ArrayList<>();

    public StressSession(FtRuntime rt, RunEvents events, CrashSignals signals, PrintWriter out, PrintWriter err,
            Plan plan) {
        this.host = new ChildHost(rt, events, signals, err);
        this.out = out;
        this.err = err;
        this.plan = plan;
        this.completed = new AtomicLongArray(plan.threads());
        this.raised = new AtomicLongArray(plan.threads());
        this.callStart = new AtomicLongArray(plan.threads());
        for (int t = 0; t < plan.threads(); t++) {
            exceptions.add(new ConcurrentHashMap<>());
        }
    }

    public void sendStacks() {
        host.sendStacks();
    }

    public int run(Path extension, Script script) throws InterruptedException {
        int[] failure = new int[1];
        ExtensionModule module = host.importExtension(extension, failure);
        if (module == null) {
            return failure[0];
        }
        ScriptSession session = new ScriptSession(host.runtime(), script.file(), out);
        int exit;
        long leakMark = 0;
        try {
            session.importModule(module.name());
            exit = setUp(session, script);
            if (exit == 0) {
                leakMark = plan.checkLeaks() ? host.leakMark() : 0;
                exit = stress(session, script);
                exit = Math.max(exit, finish(session));
            }
        } finally {
            session.close();
        }
        host.runtime().runExitCallbacks();
        if (plan.checkLeaks() && leakMark != 0) {
            host.reportLeaks(leakMark);
        }
        if (!host.runtime().diagnostics().events().isEmpty()) {
            exit = Math.max(exit, 1);
        }
        host.events().emit(Map.of("event", "stress", "stress", summary()));
        return host.finish(exit);
    }

    /** The script's top level, as the report's setup phase; 0, or the exit code when it cannot go on. */
    private int setUp(ScriptSession session, Script script) {
        String text = "script " + script.file();
        host.events().emit(Map.of("event", "callStart", "index", 1, "call", text));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("call", text);
        r.put("threads", 1);
        r.put("repeat", 1);
        int exit = 0;
        host.enterExtensionCode();
        try {
            session.run(script);
            r.put("succeeded", 1);
            r.put("failed", 0);
            r.put("exception", null);
        } catch (ScriptFailure e) {
            err.println(e.hasExtensionFrames() ? e.renderTraceback() : e.render());
            r.put("succeeded", 0);
            r.put("failed", 1);
            r.put("exception", RunSession.exception(e));
            exit = 1;
        } finally {
            host.leaveExtensionCode();
            out.flush();
            err.flush();
        }
        r.put("result", null);
        r.put("distinctResults", 0);
        host.events().emit(Map.of("event", "callDone", "index", 1, "report", r, "state", host.state()));
        if (exit == 0 && !session.hasGlobal(WORKER)) {
            err.println("ftcheck: error: " + script.file() + " defines no worker(i) function for the threads to call");
            err.flush();
            return 2;
        }
        return exit;
    }

    private int stress(ScriptSession session, Script script) throws InterruptedException {
        int n = plan.threads();
        host.events().emit(Map.of("event", "callStart", "index", 2, "call", "worker(i) on " + n + " thread"
                + (n == 1 ? "" : "s")));
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int index = t;
            Thread w = host.newWorker(() -> work(session, index, go, deadline));
            w.setName("ftcheck-stress-" + t);
            workers.add(w);
            w.start();
        }
        long start = System.nanoTime();
        deadline[0] = plan.durationSeconds() == null ? Long.MAX_VALUE
                : start + (long) (plan.durationSeconds() * 1e9);
        go.countDown();
        for (Thread w : workers) {
            while (w.isAlive()) {
                w.join(250);
                heartbeat();
            }
        }
        Map<String, Object> s = summary();
        long ops = (Long) s.get("operations");
        long failed = (Long) s.get("raised");
        out.println("stress: " + n + " thread" + (n == 1 ? "" : "s") + " called worker(i) " + ops
                + " time" + (ops == 1 ? "" : "s") + (failed == 0 ? "" : ", " + failed + " raised"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> byType = (List<Map<String, Object>>) s.get("exceptions");
        for (Map<String, Object> e : byType) {
            out.println("  " + e.get("type") + " x " + e.get("count") + ": " + e.get("firstMessage"));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> diags = (List<Map<String, Object>>) s.get("diagnostics");
        for (Map<String, Object> d : diags) {
            out.println("  diagnostic " + d.get("kind") + (d.get("rule") != null ? " " + d.get("rule") : "")
                    + " x " + d.get("count"));
        }
        out.flush();
        return failed > 0 ? 1 : 0;
    }

    /** The script's optional finish(), run once after the workers (to check totals); 1 if it raised. */
    private int finish(ScriptSession session) {
        if (!session.hasGlobal("finish")) {
            return 0;
        }
        try {
            session.callNoArguments("finish");
            return 0;
        } catch (ScriptFailure e) {
            err.println(e.render());
            err.flush();
            return 1;
        } finally {
            out.flush();
        }
    }

    private void work(ScriptSession session, int index, CountDownLatch go, long[] deadline) {
        try {
            go.await();
        } catch (InterruptedException e) {
            return;
        }
        host.enterExtensionCode();
        try {
            for (long i = 0; plan.repeat() == null ? System.nanoTime() < deadline[0] : i < plan.repeat(); i++) {
                callStart.set(index, System.nanoTime());
                try {
                    session.callWithIndex(WORKER, index);
                    completed.incrementAndGet(index);
                } catch (ScriptFailure e) {
                    failed(index, e.pythonType(), e.pythonMessage());
                } catch (PythonException e) {
                    failed(index, e.pythonType(), e.pythonMessage());
                } finally {
                    callStart.set(index, 0);
                }
            }
        } finally {
            host.leaveExtensionCode();
        }
    }

    private void failed(int index, String type, String message) {
        raised.incrementAndGet(index);
        exceptions.get(index).merge(type, new Raised(1, message),
                (a, b) -> new Raised(a.count() + 1, a.firstMessage()));
    }

    private void heartbeat() {
        long now = System.nanoTime();
        long oldest = 0;
        for (int t = 0; t < callStart.length(); t++) {
            long s = callStart.get(t);
            if (s != 0) {
                oldest = Math.max(oldest, now - s);
            }
        }
        host.events().emit(Map.of("event", "stress", "stress", summary(), "oldestCallNanos", oldest));
    }

    /** The report's stress section as it stands. */
    private Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("threads", plan.threads());
        s.put("repeat", plan.repeat());
        s.put("durationSeconds", plan.durationSeconds());
        s.put("checked", plan.checked());
        long ops = 0;
        long failed = 0;
        List<Map<String, Object>> perThread = new ArrayList<>();
        Map<String, Raised> all = new LinkedHashMap<>();
        for (int t = 0; t < plan.threads(); t++) {
            Map<String, Object> tj = new LinkedHashMap<>();
            tj.put("thread", t);
            tj.put("operations", completed.get(t));
            tj.put("raised", raised.get(t));
            perThread.add(tj);
            ops += completed.get(t);
            failed += raised.get(t);
            exceptions.get(t).forEach((type, r) -> all.merge(type, r,
                    (a, b) -> new Raised(a.count() + b.count(), a.firstMessage())));
        }
        s.put("operations", ops);
        s.put("raised", failed);
        s.put("perThread", perThread);
        List<Map<String, Object>> byType = new ArrayList<>();
        all.forEach((type, r) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", type);
            e.put("count", r.count());
            e.put("firstMessage", r.firstMessage());
            byType.add(e);
        });
        s.put("exceptions", byType);
        s.put("diagnostics", diagnosticsByKind());
        return s;
    }

    /** Diagnostics grouped by kind and rule code (null where a diagnostic has none), in order of appearance. */
    private List<Map<String, Object>> diagnosticsByKind() {
        Map<List<String>, Map<String, Object>> groups = new LinkedHashMap<>();
        for (Diagnostic d : host.runtime().diagnostics().events()) {
            String rule = d.rule();
            Map<String, Object> g = groups.computeIfAbsent(java.util.Arrays.asList(d.kind(), rule), k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", d.kind());
                m.put("rule", rule);
                m.put("count", 0L);
                m.put("firstMessage", d.message());
                return m;
            });
            g.put("count", (Long) g.get("count") + host.runtime().diagnostics().occurrences(d));
        }
        return new ArrayList<>(groups.values());
    }
}
