package dev.ftcheck.cli.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Native backtraces from {@code gdb -batch}: gdb unwinds through frames without frame pointers (DWARF CFI) and
 * reads .symtab, so static functions are named. Used on the crashing child (through the JVM's -XX:OnError, while
 * the process is still alive) and on a stuck child (attached by the supervisor).
 */
public final class GdbBacktrace {
    static final int DEPTH = 48;
    private static final Pattern THREAD =
            Pattern.compile("^Thread \\d+ \\(.*\\(LWP (\\d+)\\)(?: \"([^\"]*)\")?\\):.*$");
    private static final Pattern FRAME = Pattern.compile(
            "^#(\\d+)\\s+(?:(0x[0-9a-f]+) in )?(\\S+) \\(.*?\\)(?: at (\\S+:\\d+))?(?: from (\\S+))?\\s*$");

    private GdbBacktrace() {}

    /** gdb on the PATH, if any. */
    public static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, "gdb");
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** The gdb command line (after the executable) that prints every thread's innermost frames of pid. */
    static List<String> arguments(String pid) {
        return List.of("-batch", "-nx", "-p", pid, "-ex", "set print frame-info location-and-address",
                "-ex", "set print frame-arguments none", "-ex", "thread apply all bt " + DEPTH);
    }

    /** Attaches to a live process and returns gdb's output, or an explanation of why there is none. */
    static String attach(Path gdb, long pid, Path scratch) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(gdb.toString());
        cmd.addAll(arguments(Long.toString(pid)));
        Path out = scratch.resolve("gdb-attach.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("gdb did not finish within 60 s");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /**
     * The frames of thread {@code tid} in gdb's output, innermost first; frames up to a
     * {@code <signal handler called>} line belong to the handler and are dropped. Empty if the thread is absent.
     */
    static List<NativeFrame> frames(String gdbOutput, long tid, MemoryMap map) {
        List<NativeFrame> frames = new ArrayList<>();
        boolean inThread = false;
        for (String line : gdbOutput.split("\n")) {
            Matcher t = THREAD.matcher(line);
            if (t.matches()) {
                if (inThread) {
                    break;
                }
                inThread = Long.parseLong(t.group(1)) == tid;
                continue;
            }
            if (!inThread) {
                continue;
            }
            if (line.contains("<signal handler called>")) {
                frames.clear();
                continue;
            }
            Matcher f = FRAME.matcher(line);
            if (!f.matches()) {
                continue;
            }
            String fn = f.group(3).equals("??") ? null : f.group(3);
            if (fn == null && f.group(5) == null && map.objectAt(f.group(2)) == null) {
                continue; // JIT-compiled or interpreted Java: no object, no symbol
            }
            if (f.group(2) == null) {
                frames.add(new NativeFrame(null, null, -1, fn, -1, f.group(4)));
                continue;
            }
            long pc = Long.parseUnsignedLong(f.group(2).substring(2), 16);
            // Only the innermost frame holds the pc itself; the others hold return addresses.
            frames.add(map.symbolize(pc, !frames.isEmpty(), fn, f.group(4)));
        }
        return frames;
    }

    /** Thread names by LWP, as gdb printed them. */
    static Map<Long, String> threadNames(String gdbOutput) {
        Map<Long, String> names = new java.util.LinkedHashMap<>();
        for (String line : gdbOutput.split("\n")) {
            Matcher t = THREAD.matcher(line);
            if (t.matches()) {
                names.put(Long.parseLong(t.group(1)), t.group(2));
            }
        }
        return names;
    }
}
