package dev.ftcheck.cli;

import dev.ftcheck.cli.run.CrashSignals;
import dev.ftcheck.cli.run.ReportFile;
import dev.ftcheck.cli.run.RunEvents;
import dev.ftcheck.cli.run.Supervisor;
import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.GilSetting;
import dev.ftcheck.runtime.RuntimeOptions;
import dev.ftcheck.runtime.abi.Abi;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What {@code ftcheck run} and {@code ftcheck stress} share: the runtime options (--gil, --path, --stub-module,
 * --stand-in), the supervision options (--report, --timeout), their checks, and both halves of the supervised
 * child JVM: the parent that starts it and the child that starts the runtime.
 */
final class ExtensionOptions {
    @Option(names = "--gil", paramLabel = "0|1",
            description = "Force the GIL off (0) or on (1), like PYTHON_GIL; default: modules decide.")
    String gil;

    @Option(names = "--abi", paramLabel = "3.13|3.14",
            description = "The free-threaded CPython ABI to serve; default: what the extension's file name says"
                    + " (.cpython-314t-…so), else " + Abi.DEFAULT_VERSION + ". One process serves one ABI.")
    String abi;

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

    /** The checked settings as a GilSetting; ParameterException (exit 2) for anything invalid. */
    GilSetting validate(CommandSpec spec) {
        CommandLine cl = spec.commandLine();
        if (timeout != null && !(timeout > 0)) {
            throw new CommandLine.ParameterException(cl, "--timeout must be a positive number");
        }
        GilSetting setting;
        try {
            setting = gil != null ? GilSetting.parse(gil) : GilSetting.fromEnvironment();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl,
                    gil != null ? "--gil must be 0 or 1, not '" + gil + "'" : e.getMessage());
        }
        if (gil != null && setting == GilSetting.DEFAULT) {
            throw new CommandLine.ParameterException(cl, "--gil must be 0 or 1");
        }
        if (abi != null && Abi.parse(abi).isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--abi must be one of " + Abi.versions() + ", not '" + abi
                    + "'");
        }
        if (checkLeaks && !checked) {
            throw new CommandLine.ParameterException(cl, "--check-leaks needs checked mode");
        }
        for (Path dir : path) {
            if (!Files.isDirectory(dir)) {
                throw new CommandLine.ParameterException(cl, "--path " + dir + ": no such directory");
            }
        }
        for (Path jar : standInJars) {
            if (!Files.isRegularFile(jar)) {
                throw new CommandLine.ParameterException(cl, "--stand-in " + jar + ": no such file");
            }
        }
        try {
            StandInJars.load(standInJars); // the services must be there before anything runs
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        for (String name : stubModules) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                throw new CommandLine.ParameterException(cl, "--stub-module '" + name + "' is not a module name");
            }
        }
        return setting;
    }

    /** --abi, else the ABI the extension's file name says it was built for, else the default. */
    Abi abiFor(Path extension) {
        if (abi != null) {
            return Abi.parse(abi).orElseThrow();
        }
        Path name = extension.getFileName();
        return name == null ? Abi.DEFAULT : Abi.ofFileName(name.toString()).orElse(Abi.DEFAULT);
    }

    boolean isChild() {
        return events != null;
    }

    /**
     * The parent: opens --report (exit 2 if it cannot), starts the child with {@code commandArguments} plus these
     * options, supervises it and returns its exit code.
     */
    int supervise(String command, Path extension, List<String> commandArguments, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        ReportFile file = null;
        if (report != null) {
            try {
                file = ReportFile.open(report);
            } catch (IOException e) {
                err.println("ftcheck: error: cannot write report " + report + ": " + describe(e));
                return ExitCodes.USAGE;
            }
        }
        List<String> args = new ArrayList<>(List.of(command, extension.toString()));
        args.addAll(commandArguments);
        args.add("--abi");
        args.add(abiFor(extension).version());
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
            return new Supervisor(new Supervisor.Request(command, extension, args, timeout), file, out, err).run();
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

    /** The child's runtime, crash hooks and event channel. */
    record Child(FtRuntime rt, CrashSignals signals, RunEvents events, PrintStream errStream) {}

    /** The child: crash hooks on, the runtime started, the channel to the parent open. */
    Child startChild(GilSetting setting, PrintWriter err, Consumer<String> requests) {
        CrashSignals signals = new CrashSignals();
        signals.install();
        signals.altStackForCurrentThread();
        PrintStream errStream = new PrintStream(new WriterOutputStream(err), true, StandardCharsets.UTF_8);
        FtRuntime rt = FtRuntime.start(RuntimeOptions.defaults().withGil(setting).withStderr(errStream)
                .withSearchPath(path).withStubModules(new LinkedHashSet<>(stubModules))
                .withStandIns(StandInJars.load(standInJars)).withChecked(checked)
                .withAbi(abi != null ? Abi.parse(abi).orElseThrow() : Abi.DEFAULT));
        return new Child(rt, signals, RunEvents.connect(events, requests), errStream);
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
