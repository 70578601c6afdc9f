package dev.ftcheck.cli.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of the supervised child: this JVM's executable, class path and options (less the launcher's
 * class-data archives and debugger agents, which belong to the parent), plus what makes a crash reportable:
 * the JVM's error file and replay file in the scratch directory (never the current directory), no core dump, and
 * gdb run by the JVM on a fatal error while the process is still there to be read.
 */
final class ChildCommand {
    private static final List<String> PARENT_ONLY = List.of("-XX:AOTCache", "-XX:AOTCacheOutput",
            "-XX:SharedArchiveFile", "-XX:+AutoCreateSharedArchive", "-Xlog:aot", "-Xlog:cds", "-agentlib:jdwp",
            "-XX:TieredStopAtLevel", "-XX:+UseSerialGC", "-XX:ErrorFile", "-XX:OnError");

    private ChildCommand() {}

    static List<String> build(Path scratch, Optional<Path> gdb, List<String> runArguments) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        boolean nativeAccess = false;
        for (String a : jvmOptions()) {
            if (PARENT_ONLY.stream().anyMatch(a::startsWith)) {
                continue;
            }
            nativeAccess |= a.startsWith("--enable-native-access");
            cmd.add(a);
        }
        if (!nativeAccess) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.add("-XX:ErrorFile=" + scratch.resolve("hs_err_%p.log"));
        cmd.add("-XX:ReplayDataFile=" + scratch.resolve("replay_%p.log"));
        cmd.add("-XX:-CreateCoredumpOnCrash");
        cmd.add("-XX:-UsePerfData");
        gdb.ifPresent(g -> {
            StringBuilder on = new StringBuilder(shellQuote(g.toString()));
            for (String a : GdbBacktrace.arguments("%p")) {
                on.append(' ').append(shellQuote(a));
            }
            on.append(" >").append(shellQuote(scratch.resolve("gdb_%p.txt").toString())).append(" 2>&1");
            cmd.add("-XX:OnError=" + on);
        });
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.ftcheck.cli.Main");
        cmd.addAll(runArguments);
        return cmd;
    }

    /**
     * This JVM's own options, from its command line: what precedes {@code -jar}, the class path option or the main
     * class. (The RuntimeMXBean would cost a few hundred milliseconds of start-up and would repeat the options that
     * JDK_JAVA_OPTIONS and JAVA_TOOL_OPTIONS add, which the child inherits anyway.)
     */
    static List<String> jvmOptions() {
        List<String> out = new ArrayList<>();
        String[] args = ProcessHandle.current().info().arguments().orElse(new String[0]);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-jar") || a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")
                    || !a.startsWith("-")) {
                break;
            }
            if (a.startsWith("-cp=") || a.startsWith("--class-path=") || a.equals("-m") || a.equals("--module")) {
                break;
            }
            out.add(a);
            if ((a.equals("-p") || a.equals("--module-path") || a.equals("--add-modules")
                    || a.equals("--add-opens") || a.equals("--add-exports") || a.equals("--add-reads")
                    || a.equals("--upgrade-module-path") || a.equals("--limit-modules")
                    || a.equals("--patch-module")) && i + 1 < args.length) {
                out.add(args[++i]);
            }
        }
        return out;
    }

    /** Single-quoted for /bin/sh, which runs -XX:OnError commands. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
