package dev.ftcheck.cli;

import dev.ftcheck.cli.run.CrashSignals;
import dev.ftcheck.cli.run.ReportFile;
import dev.ftcheck.cli.run.RunEvents;
import dev.ftcheck.cli.run.RunSession;
import dev.ftcheck.cli.run.Supervisor;
import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.GilSetting;
import dev.ftcheck.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ftcheck run}: loads an extension into the free-threaded C-API runtime and calls its functions, from
 * several threads if asked. The extension runs in a supervised child JVM, so a crash or a hang in native code
 * still ends with a report; the child is this same command with the hidden {@code --events} option.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Load a C extension (.so) into ftcheck's free-threaded C-API runtime and call its functions.",
        footerHeading = "%nExamples:%n",
        footer = {"  ftcheck run mod.cpython-313t-x86_64-linux-gnu.so --call 'add(1, 2)'",
            "  ftcheck run mod.so --call 'append(1)' --threads 8 --repeat 1000 --call 'length()' --report run.json",
            "  ftcheck run mod.so --call 'solve(10**6)' --timeout 30 --report run.json",
            "  ftcheck run pkg/_speedups.so --path vendor --stub-module numpy --call 'escape(\"<a>\")'"})
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

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write a JSON report to FILE (written on every exit, crash and time-out included).")
    Path report;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Give up on the import or a call that runs longer than SECONDS (exit 3, stacks in the"
                    + " report).")
    Double timeout;

    @Option(names = "--path", paramLabel = "DIR",
            description = "A directory on sys.path, where imports find extension modules and packages. Repeatable;"
                    + " the extension's own directory is searched first.")
    List<Path> path = new ArrayList<>();

    @Option(names = "--stub-module", paramLabel = "NAME",
            description = "Import NAME as an empty stub (reading its attributes raises AttributeError), for a"
                    + " module the runtime cannot provide. Repeatable.")
    List<String> stubModules = new ArrayList<>();

    @Option(names = "--stand-in", paramLabel = "JAR",
            description = "A jar of Java modules extensions can import (dev.ftcheck.runtime.stdlib.StandInModule"
                    + " services; see docs/runtime.md). Repeatable.")
    List<Path> standInJars = new ArrayList<>();

    @Option(names = "--checked", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Checked mode (default: on): quarantined frees, use-after-free and refcount-underflow"
                    + " reports naming the C function, borrowed-reference races. --no-checked runs at full speed.")
    boolean checked;

    @Option(names = "--check-leaks",
            description = "After the calls, report the objects they allocated that are still alive, by type and"
                    + " allocation site, and the reference cycles among them (exit 1 if any). Needs checked mode.")
    boolean checkLeaks;

    /** Set only in the supervised child: the parent's event socket. */
    @Option(names = "--events", hidden = true)
    Path events;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads < 1 || repeat < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads and --repeat must be at least 1");
        }
        if (timeout != null && !(timeout > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be a positive number");
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
        for (Path dir : path) {
            if (!java.nio.file.Files.isDirectory(dir)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--path " + dir + ": no such directory");
            }
        }
        for (Path jar : standInJars) {
            if (!java.nio.file.Files.isRegularFile(jar)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--stand-in " + jar + ": no such file");
            }
        }
        try {
            StandInJars.load(standInJars); // the services must be there before anything runs
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        for (String name : stubModules) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--stub-module '" + name + "' is not a module name");
            }
        }
        if (checkLeaks && !checked) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--check-leaks needs checked mode");
        }
        List<RunSession.Call> parsed = new ArrayList<>();
        for (String c : calls) {
            try {
                PyLiteralParser.Call p = PyLiteralParser.parseCall(c);
                parsed.add(new RunSession.Call(p.text(), p.name(), p.args()));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return events != null ? child(setting, parsed, out, err) : supervise(out, err);
    }

    private int supervise(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        ReportFile file = null;
        if (report != null) {
            try {
                file = ReportFile.open(report);
            } catch (IOException e) {
                err.println("ftcheck: error: cannot write report " + report + ": " + describe(e));
                return ExitCodes.USAGE;
            }
        }
        List<String> args = new ArrayList<>(List.of("run", extension.toString(), "--threads",
                Integer.toString(threads), "--repeat", Integer.toString(repeat)));
        for (String c : calls) {
            args.add("--call");
            args.add(c);
        }
        if (gil != null) {
            args.add("--gil");
            args.add(gil);
        }
        for (Path dir : path) {
            args.add("--path");
            args.add(dir.toAbsolutePath().toString());
        }
        for (String name : stubModules) {
            args.add("--stub-module");
            args.add(name);
        }
        for (Path jar : standInJars) {
            args.add("--stand-in");
            args.add(jar.toAbsolutePath().toString());
        }
        args.add(checked ? "--checked" : "--no-checked");
        if (checkLeaks) {
            args.add("--check-leaks");
        }
        try {
            return new Supervisor(new Supervisor.Request(extension, args, timeout), file, out, err).run();
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.NoSuchFileException ? "no such directory"
                : e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : m != null ? m : e.getClass().getSimpleName();
    }

    private int child(GilSetting setting, List<RunSession.Call> parsed, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        CrashSignals signals = new CrashSignals();
        signals.install();
        signals.altStackForCurrentThread();
        PrintStream errStream = new PrintStream(new WriterOutputStream(err), true, StandardCharsets.UTF_8);
        FtRuntime rt = FtRuntime.start(RuntimeOptions.defaults().withGil(setting).withStderr(errStream)
                .withSearchPath(path).withStubModules(new java.util.LinkedHashSet<>(stubModules))
                .withStandIns(StandInJars.load(standInJars)).withChecked(checked));
        RunSession[] session = new RunSession[1];
        RunEvents channel = RunEvents.connect(events, line -> {
            if (line.equals("stacks") && session[0] != null) {
                session[0].sendStacks();
            }
        });
        session[0] = new RunSession(rt, channel, signals, out, err, threads, repeat, checkLeaks);
        int exit = session[0].run(extension, parsed);
        errStream.flush();
        return exit;
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
