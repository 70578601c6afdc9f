package dev.ftcheck.tests.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.tests.corpus.CacheDir;
import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code .pre-commit-hooks.yaml}, run by a real pre-commit (installed from the machine's package
 * index into a cached virtual environment) with {@code try-repo} on a git project with staged files: the hook scans
 * the staged C file and build file, fails on a hazard and passes once it is fixed.
 */
class PreCommitHookTest {
    private static final String VERSION = "4.6.2";

    private static Processes.Run run(Path dir, Map<String, String> env, String... cmd) {
        return Processes.run(dir, List.of(cmd), env, true, Duration.ofMinutes(5));
    }

    private static Path preCommit() {
        Path venv = CacheDir.root().resolve("venvs/pre-commit-" + VERSION);
        Path exe = venv.resolve("bin/pre-commit");
        if (!Files.isExecutable(exe)) {
            Processes.Run mk = run(null, Map.of(), "python3", "-m", "venv", venv.toString());
            Assumptions.assumeTrue(mk.exitCode() == 0, "skipped: python3 -m venv is not available: " + mk.out());
            Processes.Run pip = run(null, Map.of(), venv.resolve("bin/pip").toString(), "install", "-q",
                    "pre-commit==" + VERSION);
            Assumptions.assumeTrue(pip.exitCode() == 0 && Files.isExecutable(exe),
                    "skipped: pre-commit " + VERSION + " cannot be installed from this machine's package index: "
                            + pip.out());
        }
        return exe;
    }

    private static void git(Path dir, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-c", "user.name=ftcheck-test", "-c",
                "user.email=test@ftcheck.invalid", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Processes.Run r = Processes.run(dir, cmd, Map.of(), true, Duration.ofMinutes(1));
        assertEquals(0, r.exitCode(), r.describe());
    }

    @Test
    void hookScansStagedFilesFailsOnAHazardAndPassesWhenFixed(@TempDir Path tmp) throws Exception {
        Path exe = preCommit();
        // The hook repository: our hook definition, and an `ftcheck` entry point that is this checkout's launcher.
        Path hooks = Files.createDirectories(tmp.resolve("hooks"));
        Files.copy(Cli.repo().resolve(".pre-commit-hooks.yaml"), hooks.resolve(".pre-commit-hooks.yaml"));
        Path shim = hooks.resolve("ftcheck");
        Files.writeString(shim, "#!/usr/bin/env bash\nexec '" + Cli.repo().resolve("ftcheck") + "' \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        git(hooks, "init", "-q");
        git(hooks, "add", ".");
        git(hooks, "commit", "-q", "-m", "hooks");

        Path project = Files.createDirectories(tmp.resolve("project"));
        git(project, "init", "-q");
        Files.writeString(project.resolve("README.md"), "PyList_GetItem(list, 0) in prose is not scanned\n");
        Files.writeString(project.resolve("spam.c"), """
                #include <Python.h>
                static PyObject *first(PyObject *self, PyObject *list) {
                    PyObject *item = PyList_GetItem(list, 0);
                    Py_XINCREF(item);
                    return item;
                }
                """);
        git(project, "add", "README.md", "spam.c");
        Map<String, String> env = Map.of("PRE_COMMIT_HOME", tmp.resolve("pre-commit-home").toString(),
                "PRE_COMMIT_COLOR", "never");
        Processes.Run failing = run(project, env, exe.toString(), "try-repo", hooks.toString(), "ftcheck");
        assertEquals(1, failing.exitCode(), failing.describe());
        assertTrue(failing.out().contains("spam.c:3:"), failing.describe());
        assertTrue(failing.out().contains("FT101"), failing.describe());
        assertFalse(failing.out().contains("README.md"), failing.describe());

        Files.writeString(project.resolve("spam.c"), """
                #include <Python.h>
                static PyObject *first(PyObject *self, PyObject *list) {
                    return PyList_GetItemRef(list, 0);
                }
                """);
        git(project, "add", "spam.c");
        Processes.Run passing = run(project, env, exe.toString(), "try-repo", hooks.toString(), "ftcheck");
        assertEquals(0, passing.exitCode(), passing.describe());
        assertTrue(passing.out().contains("Passed"), passing.describe());
    }
}
