package dev.ftcheck.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why the child died without finishing, from what it left in the scratch directory: the JVM's hs_err file (signal,
 * thread, fault address, memory map, the JVM's own frames) and gdb's backtrace, taken by -XX:OnError while the
 * process was still alive; failing both, the exit status.
 */
final class CrashReport {
    private static final Map<String, Integer> SIGNALS = Map.ofEntries(Map.entry("SIGHUP", 1),
            Map.entry("SIGINT", 2), Map.entry("SIGQUIT", 3), Map.entry("SIGILL", 4), Map.entry("SIGTRAP", 5),
            Map.entry("SIGABRT", 6), Map.entry("SIGBUS", 7), Map.entry("SIGFPE", 8), Map.entry("SIGKILL", 9),
            Map.entry("SIGUSR1", 10), Map.entry("SIGSEGV", 11), Map.entry("SIGUSR2", 12), Map.entry("SIGPIPE", 13),
            Map.entry("SIGALRM", 14), Map.entry("SIGTERM", 15), Map.entry("SIGSYS", 31));

    private final Path extension;
    private final Supervisor.Activity during;
    private final Path scratch;
    private final long pid;
    private final int exitStatus;

    CrashReport(Path extension, Supervisor.Activity during, Path scratch, long pid, int exitStatus) {
        this.extension = extension;
        this.during = during;
        this.scratch = scratch;
        this.pid = pid;
        this.exitStatus = exitStatus;
    }

    Map<String, Object> toJson() {
        HsErrFile hs = read("hs_err_" + pid + ".log").map(HsErrFile::parse).orElse(null);
        String gdbOut = read("gdb_" + pid + ".txt").map(l -> String.join("\n", l)).orElse(null);
        String signal = hs != null && hs.signal() != null ? hs.signal()
                : exitStatus > 128 ? nameOf(exitStatus - 128) : null;
        List<NativeFrame> frames = List.of();
        String source = "none";
        if (hs != null && gdbOut != null && hs.tid() > 0) {
            frames = GdbBacktrace.frames(gdbOut, hs.tid(), hs.memoryMap());
            source = "gdb";
        }
        if (frames.isEmpty() && hs != null) {
            frames = hs.nativeFrames();
            source = frames.isEmpty() ? "none" : "jvm";
        }
        NativeFrame site = site(frames, extension);
        boolean overflow = hs != null && hs.stackOverflow();

        Map<String, Object> j = new LinkedHashMap<>();
        j.put("signal", signal);
        j.put("signalNumber", signal == null ? null : SIGNALS.get(signal));
        j.put("stackOverflow", overflow);
        j.put("faultAddress", hs == null || hs.faultAddress() < 0 ? null : "0x" + Long.toHexString(hs.faultAddress()));
        j.put("exitStatus", exitStatus);
        j.put("during", Supervisor.duringJson(during));
        Map<String, Object> thread = new LinkedHashMap<>();
        thread.put("name", hs == null ? null : hs.threadName());
        thread.put("tid", hs == null || hs.tid() < 0 ? null : hs.tid());
        j.put("thread", thread);
        j.put("site", site == null ? null : site.toJson());
        j.put("backtraceSource", source);
        j.put("backtrace", frames.stream().map(NativeFrame::toJson).toList());
        j.put("message", message(signal, overflow, site));
        return j;
    }

    private String message(String signal, boolean overflow, NativeFrame site) {
        String what = signal == null ? "the extension ended the process (exit status " + exitStatus + ")"
                : overflow ? "the extension crashed with a native stack overflow (" + signal + ")"
                : "the extension crashed with " + signal;
        return "ftcheck: " + what + (site == null ? "" : " in " + site.site())
                + (during == null ? "" : " during " + during.describe());
    }

    /** The innermost frame in the extension itself, else the innermost named frame, else none. */
    static NativeFrame site(List<NativeFrame> frames, Path extension) {
        String name = extension.getFileName().toString();
        for (NativeFrame f : frames) {
            if (name.equals(f.object())) {
                return f;
            }
        }
        return frames.stream().filter(f -> f.function() != null).findFirst().orElse(null);
    }

    private java.util.Optional<List<String>> read(String file) {
        try {
            Path p = scratch.resolve(file);
            return Files.isRegularFile(p)
                    ? java.util.Optional.of(Files.readAllLines(p, java.nio.charset.StandardCharsets.ISO_8859_1))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String nameOf(int number) {
        return SIGNALS.entrySet().stream().filter(e -> e.getValue() == number).map(Map.Entry::getKey).findFirst()
                .orElse("signal " + number);
    }
}
