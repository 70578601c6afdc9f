package dev.ftcheck.tests.corpus;

import dev.ftcheck.tests.corpus.CorpusManifest.ExtensionModule;
import dev.ftcheck.tests.corpus.CorpusManifest.SourcePackage;
import dev.ftcheck.tests.support.CythonTool;
import dev.ftcheck.tests.support.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Unpacks a corpus tarball once and compiles its extension modules for one toolchain. */
final class ModuleBuilder {
    /** A build that did not produce a module, with the compiler's last words. */
    static class BuildFailed extends Exception {
        BuildFailed(String message) {
            super(message);
        }
    }

    /** Cython rejects the source itself (e.g. Python 2 names such as {@code long}): no interpreter can run it. */
    static final class CythonRejects extends BuildFailed {
        CythonRejects(String message) {
            super(message);
        }
    }

    private final DebianArchive archive;
    private final Path work;

    ModuleBuilder(DebianArchive archive, Path work) {
        this.archive = archive;
        this.work = work;
    }

    /** The tarball's top folder, unpacked under the work folder (once). */
    Path unpack(SourcePackage pkg) throws DebianArchive.Unavailable, BuildFailed {
        Path tarball = archive.source(pkg.package_(), pkg.version(), pkg.tarball(), pkg.sha256());
        Path dir = work.resolve("src").resolve(pkg.key() + "-" + pkg.version());
        Path done = dir.resolve(".unpacked");
        if (!Files.isRegularFile(done)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new BuildFailed("cannot create " + dir + ": " + e.getMessage());
            }
            Processes.Run r = Processes.run(dir, List.of("tar", "xf", tarball.toString()), Map.of(), true,
                    Duration.ofMinutes(5));
            if (!r.ok()) {
                throw new BuildFailed("tar xf " + tarball + ": " + r.out());
            }
            try {
                Files.writeString(done, pkg.sha256());
            } catch (IOException e) {
                throw new BuildFailed("cannot write " + done + ": " + e.getMessage());
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> tops = s.filter(Files::isDirectory).toList();
            if (tops.size() != 1) {
                throw new BuildFailed(pkg.tarball() + " does not have exactly one top folder: " + tops);
            }
            return tops.getFirst();
        } catch (IOException e) {
            throw new BuildFailed("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Compiles {@code mod} into {@code outRoot/<package folders>/<name><suffix>}, returns that file. The module's
     * Debian build dependencies are unpacked privately and found through -I, -L and an rpath.
     */
    Path build(SourcePackage pkg, ExtensionModule mod, Toolchain tc, Path outRoot)
            throws DebianArchive.Unavailable, BuildFailed {
        Path top = unpack(pkg);
        Path outDir = mod.packageDir().isEmpty() ? outRoot : outRoot.resolve(mod.packageDir());
        Path out = outDir.resolve(mod.baseName() + tc.extSuffix());
        List<String> cmd = new ArrayList<>();
        cmd.add(mod.cxx() ? "g++" : "gcc");
        cmd.addAll(List.of("-shared", "-fPIC", "-O1", "-g", "-fno-strict-aliasing", "-w"));
        cmd.add(mod.cxx() ? "-std=c++17" : "-std=gnu11");
        cmd.addAll(tc.cflags());
        for (String inc : mod.includes()) {
            cmd.add("-I" + top.resolve(inc));
        }
        for (String deb : mod.debs()) {
            Path root = archive.unpacked(deb, "bookworm");
            cmd.add("-I" + root.resolve("usr/include"));
            for (String dir : List.of("usr/lib/x86_64-linux-gnu", "lib/x86_64-linux-gnu")) {
                Path lib = root.resolve(dir);
                if (Files.isDirectory(lib)) {
                    cmd.add("-L" + lib);
                    cmd.add("-Wl,-rpath," + lib);
                }
            }
        }
        mod.defines().forEach(d -> cmd.add("-D" + d));
        cmd.addAll(mod.cflags());
        for (String src : mod.sources()) {
            if (src.endsWith(".pyx")) {
                cmd.add(cythonize(pkg, mod, top, src).toString());
            } else {
                cmd.addAll(expand(top, src));
            }
        }
        cmd.addAll(List.of("-o", out.toString()));
        mod.libs().forEach(l -> cmd.add("-l" + l));
        try {
            Files.createDirectories(outDir);
            Files.deleteIfExists(out);
        } catch (IOException e) {
            throw new BuildFailed("cannot prepare " + outDir + ": " + e.getMessage());
        }
        Processes.Run r = Processes.run(top, cmd, Map.of("LC_ALL", "C"), true, Duration.ofMinutes(10));
        if (!r.ok() || !Files.isRegularFile(out)) {
            throw new BuildFailed("compile failed (" + tc.description() + "): " + firstError(r));
        }
        return out;
    }

    /**
     * The C (or C++) file Cython 3.3 makes from {@code pyx}, never the one the tarball ships (made by an older
     * Cython). The same file serves every mode: Cython's output selects the ABI with the preprocessor. Kept under
     * the work folder once made, since the tarball and the Cython version are pinned.
     */
    private Path cythonize(SourcePackage pkg, ExtensionModule mod, Path top, String pyx)
            throws DebianArchive.Unavailable, BuildFailed {
        Path dir = work.resolve("cython").resolve(pkg.key() + "-" + pkg.version() + "-cython" + CythonTool.VERSION);
        Path out = dir.resolve(mod.name() + (mod.cxx() ? ".cpp" : ".c"));
        if (Files.isRegularFile(out)) {
            return out;
        }
        Path cython;
        try {
            Files.createDirectories(dir);
            cython = CythonTool.executable(dir);
        } catch (CythonTool.Unavailable e) {
            throw new DebianArchive.Unavailable(e.getMessage());
        } catch (IOException e) {
            throw new BuildFailed("cannot create " + dir + ": " + e.getMessage());
        }
        List<Path> includes = new ArrayList<>(List.of(top));
        mod.includes().forEach(i -> includes.add(top.resolve(i)));
        // rows run in parallel and may cythonize one shared sibling at once: each writes its own file
        Path partial = dir.resolve(out.getFileName() + "." + Thread.currentThread().threadId() + ".partial");
        Processes.Run r = Processes.run(top, CythonTool.command(cython, top.resolve(pyx), partial, mod.name(),
                mod.cxx(), includes), Map.of("LC_ALL", "C"), true, Duration.ofMinutes(10));
        if (!r.ok() || !Files.isRegularFile(partial)) {
            throw new CythonRejects("Cython " + CythonTool.VERSION + " rejects " + pyx + ": " + cythonError(r));
        }
        try {
            Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new BuildFailed("cannot keep " + out + ": " + e.getMessage());
        }
        return out;
    }

    /** Cython's first complaint: the line after its source excerpt, e.g. {@code file.pyx:3:0: undeclared name}. */
    private static String cythonError(Processes.Run r) {
        if (r.problem() != null) {
            return r.problem();
        }
        for (String line : r.out().split("\n")) {
            if (line.matches(".*\\.pyx?:\\d+:\\d+: .*")) {
                return line.replaceAll("^.*/", "").strip();
            }
        }
        String out = r.out().strip();
        return out.substring(Math.max(0, out.length() - 300));
    }

    /** A source entry, or the sorted files its {@code *} pattern (one folder level) matches. */
    private static List<String> expand(Path top, String entry) throws BuildFailed {
        if (!entry.contains("*")) {
            return List.of(top.resolve(entry).toString());
        }
        Path dir = top.resolve(entry).getParent();
        java.nio.file.PathMatcher m = dir.getFileSystem().getPathMatcher(
                "glob:" + Path.of(entry).getFileName());
        try (Stream<Path> s = Files.list(dir)) {
            List<String> files = s.filter(f -> m.matches(f.getFileName())).map(Path::toString).sorted().toList();
            if (files.isEmpty()) {
                throw new BuildFailed("no source matches " + entry);
            }
            return files;
        } catch (IOException e) {
            throw new BuildFailed("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Copies the Python files of the module's package folders into {@code outRoot}, so that the built module and
     * its package's {@code __init__.py} sit in one folder as after an install: CPython imports the package, and
     * {@code ftcheck run} names the module by its package folders.
     */
    void overlayPythonPackage(SourcePackage pkg, ExtensionModule mod, Path outRoot) throws DebianArchive.Unavailable,
            BuildFailed {
        Path top = unpack(pkg);
        for (String p : mod.pythonPath()) {
            Path from = top.resolve(p);
            try (Stream<Path> s = Files.walk(from)) {
                for (Path f : s.filter(f -> f.toString().endsWith(".py") && !from.relativize(f).toString()
                        .contains("test")).toList()) {
                    Path to = outRoot.resolve(from.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new BuildFailed("cannot copy the Python package from " + from + ": " + e.getMessage());
            }
        }
        // Without the package's own Python files, an empty __init__.py per folder still makes it a package.
        Path dir = outRoot;
        for (String part : mod.packageDir().isEmpty() ? new String[0] : mod.packageDir().split("/")) {
            dir = dir.resolve(part);
            try {
                Files.createDirectories(dir);
                if (!Files.exists(dir.resolve("__init__.py"))) {
                    Files.writeString(dir.resolve("__init__.py"), "");
                }
            } catch (IOException e) {
                throw new BuildFailed("cannot create " + dir.resolve("__init__.py") + ": " + e.getMessage());
            }
        }
    }

    /** The first compiler error line, which is what names a missing declaration. */
    static String firstError(Processes.Run r) {
        if (r.problem() != null) {
            return r.problem();
        }
        String[] lines = r.out().split("\n");
        for (String line : lines) {   // the linker's own complaint, before collect2's summary of it
            if (line.contains("undefined reference") || line.contains("cannot find -l")) {
                return line.replaceAll("^.*?/([^/]+:\\d+:\\d+: )", "$1").strip();
            }
        }
        for (String line : lines) {
            if (line.contains("error:")) {
                return line.replaceAll("^.*?/([^/]+:\\d+:\\d+: )", "$1").strip();
            }
        }
        String out = r.out().strip();
        return "exit " + r.exitCode() + ": " + out.substring(Math.max(0, out.length() - 300));
    }
}
