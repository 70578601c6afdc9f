package dev.ftcheck.cli.run;

import dev.ftcheck.runtime.ExtensionModule;
import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.PythonException;
import dev.ftcheck.runtime.script.Script;
import dev.ftcheck.runtime.script.ScriptFailure;
import dev.ftcheck.runtime.script.ScriptSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@code ftcheck run} in the child: imports the extension, runs the --script, then each --call (threads × repeat
 * evaluations, all threads released together, before the next call), printing one line per call. The script and
 * the calls share one namespace, so a call can use what an earlier one bound.
 */
public final class RunSession {
    /** One --call: its text as typed and the parsed expression or statements. */
    public record Call(String text, Script script) {}

    private final ChildHost host;
    private final PrintWriter out;
    private final PrintWriter err;
    private final int threads;
    private final int repeat;
    private final boolean checkLeaks;

    public RunSession(FtRuntime rt, RunEvents events, CrashSignals signals, PrintWriter out, PrintWriter err,
            int threads, int repeat, boolean checkLeaks) {
        this.host = new ChildHost(rt, events, signals, err);
        this.out = out;
        this.err = err;
        this.threads = threads;
        this.repeat = repeat;
        this.checkLeaks = checkLeaks;
    }

    public void sendStacks() {
        host.sendStacks();
    }

    /** Runs the import, the script (if any) and every call; returns the exit code (0, 1 or 2 as documented). */
    public int run(Path extension, Script script, List<Call> calls) throws InterruptedException {
        int[] failure = new int[1];
        ExtensionModule module = host.importExtension(extension, failure);
        if (module == null) {
            return failure[0];
        }
        int exit = 0;
        long leakMark = checkLeaks ? host.leakMark() : 0;
        ScriptSession session = new ScriptSession(host.runtime(), script != null ? script.file() : "--call", out);
        try {
            session.importModule(module.name());
            int index = 0;
            if (script != null) {
                index++;
                String text = "script " + script.file();
                host.events().emit(Map.of("event", "callStart", "index", index, "call", text));
                Map<String, Object> r = report(text, 1, 1);
                host.enterExtensionCode();
                try {
                    session.run(script);
                    r.put("succeeded", 1);
                } catch (ScriptFailure e) {
                    err.println(e.hasExtensionFrames() ? e.renderTraceback() : e.render());
                    err.flush();
                    r.put("failed", 1);
                    r.put("exception", exception(e));
                    exit = 1;
                } finally {
                    host.leaveExtensionCode();
                    out.flush();
                }
                host.events().emit(Map.of("event", "callDone", "index", index, "report", r, "state", host.state()));
            }
            session.resolveNamesIn(module.name());
            for (Call c : calls) {
                index++;
                host.events().emit(Map.of("event", "callStart", "index", index, "call", c.text()));
                Map<String, Object> r = runCall(session, c);
                String exceptionText = (String) r.remove("exceptionText");
                Object result = r.get("result");
                out.println(c.text() + (exceptionText != null ? " -> " + exceptionText
                        : result != null ? " -> " + result : ""));
                out.flush();
                if (exceptionText != null) {
                    exit = 1;
                }
                host.events().emit(Map.of("event", "callDone", "index", index, "report", r, "state", host.state()));
            }
        } finally {
            session.close();
        }
        host.runtime().runExitCallbacks();
        if (checkLeaks) {
            host.reportLeaks(leakMark);
        }
        if (!host.runtime().diagnostics().events().isEmpty()) {
            exit = 1;
        }
        return host.finish(exit);
    }

    /** A report's exception: type, message and traceback (entries {file, line, function}, outermost first). */
    static Map<String, Object> exception(ScriptFailure f) {
        List<Map<String, Object>> tb = new ArrayList<>();
        for (ScriptFailure.TracebackEntry t : f.traceback()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", t.file());
            entry.put("line", t.line());
            entry.put("function", t.function());
            tb.add(entry);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", f.pythonType());
        m.put("message", f.pythonMessage());
        m.put("traceback", tb);
        return m;
    }

    private static Map<String, Object> report(String text, int threads, int repeat) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("call", text);
        r.put("threads", threads);
        r.put("repeat", repeat);
        r.put("succeeded", 0);
        r.put("failed", 0);
        r.put("result", null);
        r.put("distinctResults", 0);
        r.put("exception", null);
        return r;
    }

    private Map<String, Object> runCall(ScriptSession session, Call c) throws InterruptedException {
        AtomicReference<String> last = new AtomicReference<>();
        AtomicReference<RuntimeException> lastError = new AtomicReference<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Set<String> distinct = ConcurrentHashMap.newKeySet();
        Runnable body = () -> {
            host.enterExtensionCode();
            try {
                for (int i = 0; i < repeat; i++) {
                    try {
                        Optional<String> r = session.evaluate(c.script());
                        r.ifPresent(repr -> {
                            last.set(repr);
                            distinct.add(repr);
                        });
                        ok.incrementAndGet();
                    } catch (ScriptFailure | PythonException e) {
                        lastError.set(e);
                        failed.incrementAndGet();
                    }
                }
            } finally {
                host.leaveExtensionCode();
            }
        };
        if (threads == 1) {
            body.run();
        } else {
            // each worker starts in a copy of this thread's context variables, as CPython 3.14t's threads do
            ExecutorService pool = Executors.newFixedThreadPool(threads, host::newWorker);
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
        Map<String, Object> r = report(c.text(), threads, repeat);
        r.put("succeeded", ok.get());
        r.put("failed", failed.get());
        r.put("result", last.get());
        r.put("distinctResults", distinct.size());
        RuntimeException e = lastError.get();
        if (e instanceof ScriptFailure f) {
            r.put("exception", exception(f));
            r.put("exceptionText", f.exceptionText());
            if (f.hasExtensionFrames()) {
                // once per call, however many workers and repetitions failed: the last failure's traceback
                err.println(f.renderTraceback());
                err.flush();
            }
        } else if (e instanceof PythonException p) {
            r.put("exception", Map.of("type", p.pythonType(), "message", p.pythonMessage(), "traceback", List.of()));
            r.put("exceptionText", p.pythonType() + (p.pythonMessage().isEmpty() ? "" : ": " + p.pythonMessage()));
        }
        return r;
    }
}
