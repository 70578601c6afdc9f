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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The supervised child's side shared by run and stress: imports the extension, tells {@link RunEvents} what starts
 * and ends, knows which threads are in extension code (for the parent's stack requests), and describes the
 * runtime's state (GIL, modules, imports, warnings, diagnostics) for the report.
 */
public final class ChildHost {
    private final FtRuntime rt;
    private final RunEvents events;
    private final CrashSignals signals; // null: no crash hooks (in-process use)
    private final PrintWriter err;
    /** The leak check's result once it ran (null before, or without --check-leaks). */
    private volatile LeakCheck.Result leaks;
    /** Threads now running extension code, with their kernel thread ids, for stack requests. */
    private final Map<Thread, Long> busy = new ConcurrentHashMap<>();

    public ChildHost(FtRuntime rt, RunEvents events, CrashSignals signals, PrintWriter err) {
        this.rt = rt;
        this.events = events;
        this.signals = signals;
        this.err = err;
    }

    FtRuntime runtime() {
        return rt;
    }

    RunEvents events() {
        return events;
    }

    CrashSignals signals() {
        return signals;
    }

    /** Imports the extension; null after reporting why it failed (exit code in {@code failure[0]}). */
    ExtensionModule importExtension(Path extension, int[] failure) {
        events.emit(Map.of("event", "state", "state", state()));
        String init = "PyInit_" + extension.getFileName().toString().split("\\.", 2)[0];
        events.emit(Map.of("event", "importStart", "tid", enterExtensionCode(), "init", init));
        try {
            ExtensionModule module = rt.load(extension);
            events.emit(Map.of("event", "importDone", "state", state()));
            return module;
        } catch (ExtensionLoadException e) {
            err.println("ftcheck: error: " + e.getMessage());
            err.flush();
            events.emit(Map.of("event", "loadError", "message", e.getMessage()));
            failure[0] = finish(2);
        } catch (PythonException e) {
            err.println("ftcheck: importing " + extension.getFileName() + " failed: " + e.getMessage());
            err.flush();
            events.emit(Map.of("event", "importError", "type", e.pythonType(), "message", e.pythonMessage(),
                    "state", state()));
            failure[0] = finish(1);
        } finally {
            leaveExtensionCode();
        }
        return null;
    }

    int finish(int exit) {
        events.emit(Map.of("event", "finished", "exitCode", exit, "state", state()));
        return exit;
    }

    /** Marks the calling thread as running extension code; returns its kernel thread id (-1 if unknown). */
    long enterExtensionCode() {
        long tid = signals == null ? -1 : signals.nativeThreadId();
        busy.put(Thread.currentThread(), tid);
        return tid;
    }

    void leaveExtensionCode() {
        busy.remove(Thread.currentThread());
    }

    /** A runtime thread for workers, with the crash hooks' alternate signal stack. */
    Thread newWorker(Runnable body) {
        return rt.newThread(() -> {
            if (signals != null) {
                signals.altStackForCurrentThread();
            }
            body.run();
        });
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

    /** The runtime-wide part of the report as it stands: GIL, modules, warnings, diagnostics. */
    Map<String, Object> state() {
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
            dj.put("message", d.message());
            dj.put("thread", d.thread());
            dj.put("cFunction", d.cFunction());
            dj.put("file", d.file());
            dj.put("line", d.file() != null ? d.line() : null);
            dj.put("time", d.time().toString());
            dj.put("rule", d.rule());
            dj.put("occurrences", rt.diagnostics().occurrences(d));
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

    /** The allocation mark after which objects count for --check-leaks (0 without checked mode). */
    long leakMark() {
        return rt.checked() ? rt.leakCheck().mark() : 0;
    }

    /** --check-leaks: each group of objects still alive, and each shape of cycle among them, is a diagnostic. */
    void reportLeaks(long mark) {
        LeakCheck.Result r = rt.withThreadState("leak check", () -> rt.leakCheck().since(mark));
        leaks = r;
        for (LeakCheck.Group g : r.groups()) {
            rt.diagnostics().report("leak", null, g.site(), g.file(), g.line(), g.count() + " " + g.type()
                    + " object" + (g.count() == 1 ? "" : "s") + " allocated by " + g.site() + " during the calls "
                    + (g.count() == 1 ? "is" : "are") + " still alive after them");
        }
        for (LeakCheck.Cycles c : r.cycles()) {
            rt.diagnostics().report("reference-cycle", null, c.count() + " unreachable reference cycle"
                    + (c.count() == 1 ? "" : "s") + " of " + c.shape() + " among them: only a cycle collector frees"
                    + " these (CPython's, if every type in the cycle supports GC; ftcheck's runtime has none)");
        }
    }
}
