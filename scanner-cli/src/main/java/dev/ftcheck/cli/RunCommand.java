package dev.ftcheck.cli;

import dev.ftcheck.cli.run.RunSession;
import dev.ftcheck.runtime.GilSetting;
import dev.ftcheck.runtime.script.Script;
import dev.ftcheck.runtime.script.ScriptSyntaxError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ftcheck run}: loads an extension into the free-threaded C-API runtime and runs a script and/or calls in
 * it, from several threads if asked. The extension runs in a supervised child JVM, so a crash or a hang in native
 * code still ends with a report; the child is this same command with the hidden {@code --events} option.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Load a C extension (.so) into ftcheck's free-threaded C-API runtime and call its functions.",
        footerHeading = "%nExamples:%n",
        footer = {"  ftcheck run mod.cpython-313t-x86_64-linux-gnu.so --call 'add(1, 2)'",
            "  ftcheck run mod.so --call 'append(1)' --threads 8 --repeat 1000 --call 'length()' --report run.json",
            "  ftcheck run _map.so --call 'm = _map.Map({\"a\": 1})' --call 'm.set(\"b\", 2)[\"b\"]'",
            "  ftcheck run _map.so --script check_map.py",
            "  ftcheck run mod.so --call 'solve(10**6)' --timeout 30 --report run.json",
            "  ftcheck run pkg/_speedups.so --path vendor --stub-module numpy --call 'escape(\"<a>\")'"})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXT.so", description = "The extension module file.")
    Path extension;

    @Option(names = "--call", paramLabel = "'expr'",
            description = "Evaluate an expression (or run a statement) of the script language and print its repr;"
                    + " unqualified names are the module's, then builtins. Repeatable, run in order.")
    List<String> calls = new ArrayList<>();

    @Option(names = "--script", paramLabel = "FILE",
            description = "Run FILE (ftcheck's Python subset, see docs/runtime.md) with the extension imported,"
                    + " before any --call.")
    Path script;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Threads that run each call concurrently (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--repeat", paramLabel = "M", defaultValue = "1",
            description = "Times each thread repeats each call (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Mixin
    ExtensionOptions options;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads < 1 || repeat < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads and --repeat must be at least 1");
        }
        GilSetting setting = options.validate(spec);
        List<RunSession.Call> parsed = new ArrayList<>();
        for (String c : calls) {
            try {
                parsed.add(new RunSession.Call(c.strip(), Script.parse("--call", c)));
            } catch (ScriptSyntaxError e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "invalid --call '" + c + "': "
                        + e.getMessage() + " at column " + e.col());
            }
        }
        Script parsedScript = null;
        if (script != null) {
            parsedScript = readScript(script, err);
            if (parsedScript == null) {
                return ExitCodes.USAGE;
            }
        }
        if (!options.isChild()) {
            List<String> args = new ArrayList<>(List.of("--threads", Integer.toString(threads), "--repeat",
                    Integer.toString(repeat)));
            if (script != null) {
                args.add("--script");
                args.add(script.toString());
            }
            for (String c : calls) {
                args.add("--call");
                args.add(c);
            }
            return options.supervise("run", extension, args, out, err);
        }
        RunSession[] session = new RunSession[1];
        ExtensionOptions.Child child = options.startChild(setting, err, line -> {
            if (line.equals("stacks") && session[0] != null) {
                session[0].sendStacks();
            }
        });
        session[0] = new RunSession(child.rt(), child.events(), child.signals(), out, err, threads, repeat,
                options.checkLeaks);
        int exit = session[0].run(extension, parsedScript, parsed);
        child.errStream().flush();
        return exit;
    }

    /** Reads and parses a --script file; null (with the reason on err) when it cannot run. */
    static Script readScript(Path file, PrintWriter err) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("ftcheck: error: cannot read script " + file + ": " + e.getMessage());
            return null;
        }
        try {
            return Script.parse(file.toString(), text);
        } catch (ScriptSyntaxError e) {
            err.println(e.render());
            return null;
        }
    }
}
