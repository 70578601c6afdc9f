package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.FileKind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Walks the scan roots and collects inputs. Directories that never hold first-party extension sources are skipped
 * by default (VCS metadata, build output, virtualenvs, caches) as is a vendored {@code pythoncapi_compat.h}; every
 * skipped path is recorded with its reason. Symbolic links are followed; loops are detected and recorded.
 *
 * <p>Display paths are the root as given, joined with the path below it, with forward slashes (like ripgrep).
 */
final class FileDiscovery {
    static final Set<String> SKIPPED_DIRS = Set.of(".git", ".hg", ".svn", "build", "dist", ".venv", "venv", ".tox",
            ".nox", "node_modules", "__pycache__", ".mypy_cache", ".pytest_cache", ".eggs");
    static final String GITIGNORED =
            "ignored by git (.gitignore or .git/info/exclude; --no-respect-gitignore scans it)";
    static final Set<String> SKIPPED_FILES = Set.of("pythoncapi_compat.h");

    private final List<PathMatcher> excludes = new ArrayList<>();
    private final List<String> excludeGlobs;
    private final boolean defaultExcludes;
    final List<InputFile> inputs = new ArrayList<>();
    final List<SkippedPath> skipped = new ArrayList<>();

    private final boolean respectGitignore;
    private GitIgnore gitIgnore;

    FileDiscovery(List<String> excludeGlobs, boolean defaultExcludes, boolean respectGitignore) {
        this.excludeGlobs = excludeGlobs;
        this.defaultExcludes = defaultExcludes;
        this.respectGitignore = respectGitignore;
        for (String g : excludeGlobs) {
            excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
        }
    }

    /** Thrown for a root that cannot be scanned at all (missing): a usage error. */
    static final class BadRootException extends Exception {
        BadRootException(String message) {
            super(message);
        }
    }

    void walk(Path root, String rootDisplay) throws BadRootException {
        if (!Files.exists(root)) {
            throw new BadRootException(Files.isSymbolicLink(root)
                    ? rootDisplay + ": broken symbolic link"
                    : rootDisplay + ": no such file or directory");
        }
        if (!Files.isDirectory(root)) {
            // An explicitly named file is scanned even when a default exclude would skip it.
            FileKind kind = InputKinds.of(root.getFileName() == null ? "" : root.getFileName().toString());
            if (!Files.isRegularFile(root)) {
                // reading a FIFO blocks until a writer comes; a device may never end
                skipped.add(new SkippedPath(rootDisplay, "not a regular file (a FIFO, socket or device): not read"));
            } else if (kind == null) {
                skipped.add(new SkippedPath(rootDisplay, "not a C/C++ source, Cython file or known build file"));
            } else if (!Files.isReadable(root)) {
                throw new BadRootException(rootDisplay + ": permission denied");
            } else {
                inputs.add(new InputFile(root, rootDisplay, kind));
            }
            return;
        }
        String[] rootFailure = new String[1];
        String prefix = rootDisplay.endsWith("/") ? rootDisplay : rootDisplay + "/";
        currentRoot = root.toAbsolutePath().normalize();
        // A root named on the command line is scanned even if git ignores it; what is below it follows git.
        gitIgnore = respectGitignore ? GitIgnore.of(currentRoot) : null;
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (dir.equals(root)) {
                                return FileVisitResult.CONTINUE;
                            }
                            Path rel = root.relativize(dir);
                            String display = prefix + slashes(rel);
                            String name = dir.getFileName().toString();
                            String reason = null;
                            if (defaultExcludes && SKIPPED_DIRS.contains(name)) {
                                reason = "default exclude (" + name + "/)";
                            } else if (defaultExcludes && Files.exists(dir.resolve("pyvenv.cfg"))) {
                                reason = "default exclude (virtualenv: has pyvenv.cfg)";
                            } else if (excluded(rel)) {
                                reason = "--exclude " + matchingGlob(rel);
                            } else if (gitIgnore != null && gitIgnore.ignored(dir, true)) {
                                reason = GITIGNORED;
                            }
                            if (reason != null) {
                                skipped.add(new SkippedPath(display + "/", reason));
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            String name = file.getFileName().toString();
                            FileKind kind = InputKinds.of(name);
                            if (kind == null) {
                                return FileVisitResult.CONTINUE;
                            }
                            Path rel = root.relativize(file);
                            String display = prefix + slashes(rel);
                            if (!attrs.isRegularFile()) {
                                skipped.add(new SkippedPath(display, Files.isSymbolicLink(file) && !Files.exists(file)
                                        ? "broken symbolic link" : "not a regular file"));
                            } else if (defaultExcludes && SKIPPED_FILES.contains(name)) {
                                skipped.add(new SkippedPath(display, "default exclude (vendored " + name + ")"));
                            } else if (excluded(rel)) {
                                skipped.add(new SkippedPath(display, "--exclude " + matchingGlob(rel)));
                            } else if (gitIgnore != null && gitIgnore.ignored(file, false)) {
                                skipped.add(new SkippedPath(display, GITIGNORED));
                            } else {
                                inputs.add(new InputFile(file, display, kind));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException exc) {
                            if (file.equals(root)) {
                                rootFailure[0] = exc instanceof AccessDeniedException ? "permission denied"
                                        : exc.getClass().getSimpleName()
                                                + (exc.getMessage() == null ? "" : ": " + exc.getMessage());
                                return FileVisitResult.TERMINATE;
                            }
                            String display = file.equals(root) ? rootDisplay : prefix + slashes(root.relativize(file));
                            String reason;
                            if (exc instanceof FileSystemLoopException) {
                                reason = "symbolic link loop";
                            } else if (exc instanceof AccessDeniedException) {
                                reason = "permission denied";
                            } else if (exc instanceof NoSuchFileException) {
                                reason = Files.isSymbolicLink(file) ? "broken symbolic link" : "disappeared during scan";
                            } else {
                                reason = "unreadable: " + exc.getClass().getSimpleName()
                                        + (exc.getMessage() == null ? "" : ": " + exc.getMessage());
                            }
                            skipped.add(new SkippedPath(display, reason));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            // a directory whose listing fails part-way (postVisitDirectory rethrows the iteration error)
            rootFailure[0] = e instanceof AccessDeniedException ? "permission denied" : e.toString();
        }
        if (rootFailure[0] != null) {
            throw new BadRootException(rootDisplay + ": cannot read the directory: " + rootFailure[0]);
        }
    }

    private boolean excluded(Path rel) {
        return matchingGlob(rel) != null;
    }

    /** The first --exclude glob matching the path below the root, or its last component for slash-free globs. */
    private String matchingGlob(Path rel) {
        for (int i = 0; i < excludes.size(); i++) {
            String g = excludeGlobs.get(i);
            Path target = g.contains("/") ? rel : rel.getFileName();
            if (target != null && excludes.get(i).matches(target)) {
                return g;
            }
        }
        if (configDir != null && currentRoot != null) {
            Path abs = currentRoot.resolve(rel).normalize();
            Path underConfig = abs.startsWith(configDir) ? configDir.relativize(abs) : null;
            for (int i = 0; i < configMatchers.size(); i++) {
                String g = configGlobs.get(i);
                Path target = g.contains("/") ? underConfig : rel.getFileName();
                if (target != null && configMatchers.get(i).matches(target)) {
                    return g + " (exclude in " + configFile + ")";
                }
            }
        }
        return null;
    }

    private final List<String> configGlobs = new ArrayList<>();
    private final List<PathMatcher> configMatchers = new ArrayList<>();
    private Path configDir;
    private Path configFile;
    private Path currentRoot;

    /**
     * Excludes from {@code [tool.ftcheck]}: a glob with {@code /} is relative to the folder of the configuration file
     * {@code config}, whatever the scan root.
     */
    void configExcludes(Path config, List<String> globs) {
        if (config == null || globs.isEmpty()) {
            return;
        }
        configFile = config;
        configDir = config.toAbsolutePath().normalize().getParent();
        for (String g : globs) {
            configGlobs.add(g);
            configMatchers.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
        }
    }

    static String slashes(Path p) {
        return p.toString().replace('\\', '/');
    }
}
