package dev.ftcheck.cli;

import dev.ftcheck.scanner.ProjectConfig;
import dev.ftcheck.scanner.cache.CacheLocation;
import dev.ftcheck.scanner.cache.ScanCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ftcheck clean}: removes the scan cache that {@code ftcheck scan} run from here would use. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Remove the scan cache (the directory ftcheck scan run from here would use).")
final class CleanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "The cache directory to clean (default: as"
            + " for ftcheck scan).")
    Path cacheDir;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path config = null;
        if (cacheDir == null) {
            try {
                config = ProjectConfig.discover(Path.of("")).source();
            } catch (ProjectConfig.ConfigException e) {
                err.println("ftcheck clean: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        Path dir = CacheLocation.resolve(cacheDir, config, System.getenv());
        try {
            boolean removed = ScanCache.clean(dir);
            err.println("ftcheck clean: " + (removed ? "removed the scan cache in " : "no scan cache in ") + dir);
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println("ftcheck clean: cannot remove " + dir + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
