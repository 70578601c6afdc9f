package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.Location;
import dev.ftcheck.scanner.api.ModuleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --stdin-filename NAME}: an editor's unsaved buffer, read from standard input and scanned as if it were the
 * file NAME (its kind and its reported path come from NAME). The text goes to a private temporary folder under a
 * file of NAME's file name, so the scanner reads it like any other file; the folder is removed afterwards.
 */
public final class StdinSource implements AutoCloseable {
    private final Path dir;
    private final Path file;
    private final String name;

    private StdinSource(Path dir, Path file, String name) {
        this.dir = dir;
        this.file = file;
        this.name = name;
    }

    public static StdinSource read(InputStream in, String name) throws IOException {
        Path fileName = Path.of(name).getFileName();
        if (fileName == null) {
            throw new IOException("--stdin-filename needs a file name, not '" + name + "'");
        }
        Path dir = Files.createTempDirectory("ftcheck-stdin");
        Path file = dir.resolve(fileName.toString());
        try (InputStream src = in) {
            Files.copy(src, file);
        }
        return new StdinSource(dir, file, name.replace('\\', '/'));
    }

    /** The root to scan. */
    public String root() {
        return FileDiscovery.slashes(file);
    }

    /** The result with the temporary file's path replaced by NAME everywhere it appears. */
    public ScanResult rename(ScanResult r) {
        String tmp = root();
        List<Finding> findings = r.findings().stream().map(f -> new Finding(f.rule(), at(f.location(), tmp),
                f.api(), f.replacement(), f.message().replace(tmp, name), f.confidence(), f.snippet(), f.fixHint(),
                f.related().stream().map(x -> new Finding.Related(at(x.location(), tmp), x.message())).toList()))
                .toList();
        List<ModuleInfo> modules = r.modules().stream().map(m -> m.file().equals(tmp)
                ? new ModuleInfo(m.name(), name, m.line(), m.initStyle(), m.declaration(), m.guard()) : m).toList();
        List<SkippedPath> skipped = r.skipped().stream().map(s -> s.path().equals(tmp)
                ? new SkippedPath(name, s.reason()) : s).toList();
        List<ScanNote> notes = r.notes().stream().map(n -> n.path().equals(tmp) ? new ScanNote(name, n.message()) : n).toList();
        return new ScanResult(List.of(name), findings, modules, skipped, notes, r.stats());
    }

    private Location at(Location l, String tmp) {
        return l.file().equals(tmp) ? new Location(name, l.line(), l.column(), l.endLine(), l.endColumn()) : l;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
