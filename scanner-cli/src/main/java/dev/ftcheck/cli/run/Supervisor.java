package dev.ftcheck.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ftcheck run}'s parent process: runs the extension in a child JVM (same JDK, same class path), follows its
 * progress over a Unix socket, and whatever happens to the child (normal end, crash, time-out, SIGINT to us) writes
 * the report with every call that completed and says in one line what went wrong.
 */
public final class Supervisor {
    /**
     * What the user asked for: the command ({@code run} or {@code stress}, which decides the report's shape) and
     * the arguments the child gets (without --events).
     */
    public record Request(String command, Path extension, List<String> childArguments, Double timeoutSeconds) {}

        /** Lines the JVM prints on its way down that the crash report already covers. */
    private static final java.util.regex.Pattern JVM_NOISE = java.util.regex.Pattern.compile(
            "\\[[0-9.]+s\\]\\[warning\\]\\[os\\] Loading hsdis library failed"
            + "|An irrecoverable stack overflow has occurred\\."
            + "|Please check if any of your loaded \\.so files has enabled executable stack.*"
            + "|\\[thread \\d+ also had an error\\]");

    private final Request request;
    private final ReportFile report; // null without --report
    private final PrintWriter out;
    private final PrintWriter err;
    private final Progress progress = new Progress();
    private final Optional<Path> gdb = GdbBacktrace.find();
    private volatile boolean interrupted;
    private final Object finishLock = new Object();
    private Integer finishedExit; // guarded by finishLock

    public Supervisor(Request request, ReportFile report, PrintWriter out, PrintWriter err) {
        this.request = request;
        this.report = report;
        this.out = out;
        this.err = err;
    }

    /** Runs the child to its end and returns the exit code (0, 1, 2 from the child; 3 crash or time-out; 130). */
    public int run() throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("ftcheck-run-");
        Path socket = scratch.resolve("events.sock");
        Process child = null;
        Thread hook = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            List<String> args = new ArrayList<>(request.childArguments());
            args.add("--events");
            args.add(socket.toString());
            ProcessBuilder pb = new ProcessBuilder(ChildCommand.build(scratch, gdb, args))
                    .redirectInput(ProcessBuilder.Redirect.INHERIT);
            try {
                child = pb.start();
            } catch (IOException e) {
                err.println("ftcheck: error: cannot start the child JVM: " + e.getMessage());
                return finish(2, Map.of("error", "cannot start the child JVM: " + e.getMessage()), null);
            }
            Process proc = child;
            Thread outRelay = relay(proc.getInputStream(), out, "ftcheck-child-stdout");
            Thread errRelay = relay(proc.getErrorStream(), err, "ftcheck-child-stderr");
            CompletableFuture<SocketChannel> connection = new CompletableFuture<>();
            Thread events = new Thread(() -> readEvents(server, connection), "ftcheck-child-events");
            events.setDaemon(true);
            events.start();
            hook = new Thread(() -> onInterrupt(proc, outRelay, errRelay, events, scratch), "ftcheck-sigint");
            Runtime.getRuntime().addShutdownHook(hook);

            Map<String, Object> timeout = null;
            while (!proc.waitFor(50, TimeUnit.MILLISECONDS)) {
                Activity a = progress.current();
                if (request.timeoutSeconds() != null && a != null
                        && System.nanoTime() - a.startNanos() > (long) (request.timeoutSeconds() * 1e9)) {
                    timeout = timedOut(proc, a, connection, scratch);
                    break;
                }
            }
            proc.waitFor();
            outRelay.join(5_000);
            errRelay.join(5_000);
            events.join(5_000);
            if (interrupted) {
                return awaitInterruptHandler();
            }
            if (timeout != null) {
                return finish(ExitCodes.CRASHED, Map.of("timeout", timeout), (String) timeout.remove("message"));
            }
            Integer childExit = progress.exitCode();
            if (childExit != null) {
                return finish(childExit, Map.of(), null);
            }
            int status = proc.exitValue();
            if (status == ExitCodes.INTERRUPTED) { // Ctrl-C reaches the whole process group, the child too
                return finish(ExitCodes.INTERRUPTED, Map.of("interrupted", interruptedJson()),
                        interruptMessage());
            }
            Map<String, Object> crash = new CrashReport(request.extension(), progress.current(), scratch,
                    proc.pid(), status).toJson();
            return finish(ExitCodes.CRASHED, Map.of("crash", crash), (String) crash.get("message"));
        } finally {
            if (hook != null && !interrupted) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down already: the hook runs
                }
            }
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
            }
            deleteTree(scratch);
        }
    }

    /** The SIGINT (shutdown) hook: stop the child, keep what it finished, write the report. */
    private void onInterrupt(Process proc, Thread outRelay, Thread errRelay, Thread events, Path scratch) {
        interrupted = true;
        proc.destroy();
        try {
            if (!proc.waitFor(5, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
            }
            outRelay.join(2_000);
            errRelay.join(2_000);
            events.join(2_000);
            finish(ExitCodes.INTERRUPTED, Map.of("interrupted", interruptedJson()), interruptMessage());
        } catch (InterruptedException | IOException e) {
            // the JVM is exiting; nothing more can be saved
        } finally {
            deleteTree(scratch); // run()'s own clean-up never runs once the JVM is shutting down
        }
    }

    private int awaitInterruptHandler() {
        synchronized (finishLock) {
            while (finishedExit == null) {
                try {
                    finishLock.wait();
                } catch (InterruptedException e) {
                    return ExitCodes.INTERRUPTED;
                }
            }
            return finishedExit;
        }
    }

    private Map<String, Object> interruptedJson() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("during", duringJson(progress.current()));
        j.put("completedCalls", progress.calls().size());
        return j;
    }

    private String interruptMessage() {
        Activity a = progress.current();
        int n = progress.calls().size();
        return "ftcheck: interrupted" + (a == null ? "" : " during " + a.describe()) + "; " + n + " call"
                + (n == 1 ? "" : "s") + " completed";
    }

    /** Stacks of the stuck call: Java frames from the child itself, native frames from gdb; then the child dies. */
    private Map<String, Object> timedOut(Process proc, Activity a, CompletableFuture<SocketChannel> connection,
            Path scratch) throws InterruptedException {
        List<Map<String, Object>> threads = new ArrayList<>();
        CompletableFuture<List<Map<String, Object>>> stacks = progress.requestStacks();
        try {
            SocketChannel ch = connection.getNow(null);
            if (ch != null) {
                ch.write(ByteBuffer.wrap("stacks\n".getBytes(StandardCharsets.UTF_8)));
                threads.addAll(stacks.get(5, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            // the child did not answer: report what we have
        }
        String nativeNote = null;
        String gdbOut = null;
        if (gdb.isEmpty()) {
            nativeNote = "gdb is not installed: no native frames (the kernel's /proc/PID/task/*/stack shows kernel"
                    + " frames only)";
        } else {
            try {
                gdbOut = GdbBacktrace.attach(gdb.get(), proc.pid(), scratch);
            } catch (IOException e) {
                nativeNote = "gdb failed: " + e.getMessage();
            }
        }
        MemoryMap map = mapsOf(proc.pid()); // before the process, and its /proc entry, goes
        proc.destroyForcibly();
        NativeFrame site = null;
        for (Map<String, Object> t : threads) {
            long tid = ((Number) t.get("tid")).longValue();
            if (gdbOut != null) {
                List<NativeFrame> frames = GdbBacktrace.frames(gdbOut, tid, map);
                t.put("nativeStack", frames.stream().map(NativeFrame::toJson).toList());
                if (site == null) {
                    site = CrashReport.site(frames, request.extension());
                }
            } else {
                t.put("nativeStack", List.of());
            }
        }
        proc.waitFor();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("seconds", request.timeoutSeconds());
        j.put("during", duringJson(a));
        j.put("threads", threads);
        j.put("nativeStackNote", nativeNote);
        String secs = request.timeoutSeconds() % 1 == 0 ? Long.toString(request.timeoutSeconds().longValue())
                : request.timeoutSeconds().toString();
        j.put("message", "ftcheck: " + a.describe() + " timed out after " + secs + " s"
                + (site == null ? "" : ", stuck in " + site.site()));
        return j;
    }

    private static MemoryMap mapsOf(long pid) {
        try {
            return MemoryMap.parse(Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps")));
        } catch (IOException e) {
            return MemoryMap.parse(List.of());
        }
    }

    static Map<String, Object> duringJson(Activity a) {
        if (a == null) {
            return null;
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("phase", a.index() == 0 ? "import" : "call");
        j.put("index", a.index());
        j.put("call", a.text());
        return j;
    }

    /** Writes the report (once) and prints the one-line message; returns exit. */
    private int finish(int exit, Map<String, Object> outcome, String message) throws IOException {
        synchronized (finishLock) {
            if (finishedExit != null) {
                return finishedExit;
            }
            if (message != null) {
                err.println(message);
                err.flush();
            }
            try {
                if (report != null) {
                    report.writeOnce(assemble(outcome));
                }
            } catch (IOException e) {
                err.println("ftcheck: error: cannot write report " + report.path() + ": " + e.getMessage());
                exit = 2;
            }
            finishedExit = exit;
            finishLock.notifyAll();
            return exit;
        }
    }

    private Map<String, Object> assemble(Map<String, Object> outcome) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("schemaVersion", 1);
        j.put("extension", request.extension().toString());
        String result = outcome.containsKey("crash") ? "crashed" : outcome.containsKey("timeout") ? "timedOut"
                : outcome.containsKey("interrupted") ? "interrupted"
                : outcome.containsKey("error") || progress.loadError() != null ? "error"
                : progress.importError() != null ? "importFailed" : "completed";
        j.put("outcome", result);
        Map<String, Object> state = progress.state();
        j.put("gil", state.get("gil"));
        j.put("modules", state.getOrDefault("modules", List.of()));
        j.put("imports", state.getOrDefault("imports", List.of()));
        j.put("warnings", state.getOrDefault("warnings", List.of()));
        j.put("diagnostics", state.getOrDefault("diagnostics", List.of()));
        j.put("checked", state.getOrDefault("checked", false));
        j.put("leaks", state.get("leaks"));
        j.put("importError", progress.importError());
        j.put("error", outcome.getOrDefault("error", progress.loadError()));
        if (request.command().equals("stress")) {
            j.put("command", "stress");
            List<Object> phases = progress.calls();
            j.put("setup", phases.isEmpty() ? null : phases.get(0));
            j.put("stress", progress.stress());
        } else {
            j.put("calls", progress.calls());
        }
        j.put("crash", outcome.get("crash"));
        j.put("timeout", outcome.get("timeout"));
        j.put("interrupted", outcome.get("interrupted"));
        return j;
    }

    private void readEvents(ServerSocketChannel server, CompletableFuture<SocketChannel> connection) {
        // Built here, while the child JVM starts, rather than before the child is spawned.
        ObjectMapper json = new ObjectMapper();
        try (SocketChannel ch = server.accept()) {
            connection.complete(ch);
            BufferedReader in = new BufferedReader(Channels.newReader(ch, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                @SuppressWarnings("unchecked")
                Map<String, Object> e = json.readValue(line, Map.class);
                progress.apply(e);
            }
        } catch (IOException e) {
            connection.complete(null);
        }
    }

    /**
     * Copies a child stream to ours line by line. The JVM's fatal-error banner (which points at the JVM's bug
     * tracker, and at a file we delete) is ours to summarise, so from its first line on nothing more is copied.
     */
    private static Thread relay(InputStream in, PrintWriter to, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String held = null;
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("# A fatal error has been detected by the Java Runtime Environment")) {
                        held = null;
                        break;
                    }
                    if (JVM_NOISE.matcher(line).matches()) {
                        held = null; // a "#" just before JVM noise is part of it
                        continue;
                    }
                    if (held != null) {
                        to.println(held);
                        held = null;
                    }
                    if (line.equals("#")) {
                        held = line; // maybe the banner's first line: the next one decides
                        continue;
                    }
                    to.println(line);
                    to.flush();
                }
                if (held != null) {
                    to.println(held);
                }
                r.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                // the child is gone
            } finally {
                to.flush();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Both run()'s clean-up and the SIGINT hook may delete at once: an entry the other removed is skipped. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is harmless
        }
    }

    /** What the child is doing now: the import (index 0) or call {@code index}. */
    record Activity(int index, String text, long startNanos) {
        String describe() {
            return index == 0 ? "the import (" + text + ")" : "call " + index + ", '" + text + "'";
        }
    }

    /** The child's progress as its events report it. */
    private static final class Progress {
        private Map<String, Object> state = Map.of();
        private final List<Object> calls = new ArrayList<>();
        private Activity current;
        private Object importError;
        private String loadError;
        private Integer exitCode;
        private Map<String, Object> stress;
        private CompletableFuture<List<Map<String, Object>>> stacks = new CompletableFuture<>();

        @SuppressWarnings("unchecked")
        synchronized void apply(Map<String, Object> e) {
            if (e.get("state") instanceof Map<?, ?> s) {
                state = (Map<String, Object>) s;
            }
            switch ((String) e.get("event")) {
                case "importStart" -> current = new Activity(0, (String) e.get("init"), System.nanoTime());
                case "importDone" -> current = null;
                case "importError" -> {
                    current = null;
                    importError = Map.of("type", e.get("type"), "message", e.get("message"));
                }
                case "loadError" -> {
                    current = null;
                    loadError = (String) e.get("message");
                }
                case "callStart" -> current = new Activity(((Number) e.get("index")).intValue(),
                        (String) e.get("call"), System.nanoTime());
                case "callDone" -> {
                    current = null;
                    calls.add(e.get("report"));
                }
                case "finished" -> exitCode = ((Number) e.get("exitCode")).intValue();
                case "stress" -> {
                    stress = (Map<String, Object>) e.get("stress");
                    // a stress phase is stuck when its oldest call in progress is: restart the clock from that call
                    if (current != null && e.get("oldestCallNanos") instanceof Number age) {
                        current = new Activity(current.index(), current.text(), System.nanoTime() - age.longValue());
                    }
                }
                case "stacks" -> stacks.complete((List<Map<String, Object>>) e.get("threads"));
                default -> { }
            }
        }

        synchronized CompletableFuture<List<Map<String, Object>>> requestStacks() {
            stacks = new CompletableFuture<>();
            return stacks;
        }

        synchronized Map<String, Object> state() {
            return state;
        }

        synchronized List<Object> calls() {
            return new ArrayList<>(calls);
        }

        synchronized Activity current() {
            return current;
        }

        synchronized Object importError() {
            return importError;
        }

        synchronized String loadError() {
            return loadError;
        }

        synchronized Map<String, Object> stress() {
            return stress;
        }

        synchronized Integer exitCode() {
            return exitCode;
        }
    }
}
