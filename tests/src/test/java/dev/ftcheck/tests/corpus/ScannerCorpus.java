package dev.ftcheck.tests.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.tests.corpus.CorpusManifest.SourcePackage;
import dev.ftcheck.tests.support.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scanner's real-world corpus: the conformance corpus's Debian source packages plus the scanner-only ones of
 * {@code tests/corpus/scanner/corpus.json}, unpacked in the cache and scanned as one project each, as their authors
 * would scan them.
 */
final class ScannerCorpus {
    /** {@code roots}: the folders scanned per package key (default: the whole tarball). */
    record Manifest(int schema, String note, List<SourcePackage> packages, Map<String, List<String>> roots) {}

    record Project(SourcePackage pkg, Path top, List<Path> roots) {}

    /** One finding, its file relative to the package's top folder. */
    record Finding(String pkg, String file, int line, String rule, String family, String severity, String confidence,
            String api, List<Integer> relatedLines, String message) {
        /** Orders findings for the stratified sample: stable across runs and unaffected by other findings. */
        String sampleKey() {
            return sha256(pkg + "|" + file + "|" + rule + "|" + line);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Manifest manifest;
    private final List<SourcePackage> packages;
    private final ModuleBuilder unpacker;

    ScannerCorpus(Path corpusDir, ModuleBuilder unpacker) throws IOException {
        this.manifest = CorpusManifest.mapper().readValue(corpusDir.resolve("scanner/corpus.json").toFile(),
                Manifest.class);
        Map<String, SourcePackage> all = new LinkedHashMap<>();
        for (SourcePackage p : CorpusManifest.load(corpusDir.resolve("manifest.json")).packages()) {
            all.put(p.key(), p);
        }
        for (SourcePackage p : manifest.packages()) {
            all.put(p.key(), p);
        }
        this.packages = List.copyOf(all.values());
        this.unpacker = unpacker;
    }

    List<SourcePackage> packages() {
        return packages;
    }

    /** The package unpacked, with its scan roots; throws when the archive does not serve it. */
    Project project(SourcePackage pkg) throws DebianArchive.Unavailable, ModuleBuilder.BuildFailed {
        Path top = unpacker.unpack(pkg);
        List<Path> roots = manifest.roots().getOrDefault(pkg.key(), List.of("")).stream()
                .map(r -> r.isEmpty() ? top : top.resolve(r)).toList();
        return new Project(pkg, top, roots);
    }

    /** {@code ftcheck scan} on the project's roots, with no configuration but the defaults. */
    static List<Finding> scan(Project p) throws IOException {
        List<String> args = new ArrayList<>(List.of("scan", "--no-config", "--output-format", "json"));
        p.roots().forEach(r -> args.add(r.toString()));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        if (r.exitCode() != 0 && r.exitCode() != 1) {
            throw new IOException("ftcheck scan of " + p.pkg().key() + " exited " + r.exitCode() + ": " + r.err());
        }
        List<Finding> out = new ArrayList<>();
        for (JsonNode f : JSON.readTree(r.out()).get("findings")) {
            List<Integer> related = new ArrayList<>();
            f.path("related").forEach(x -> related.add(x.get("line").asInt()));
            out.add(new Finding(p.pkg().key(), relative(p.top(), f.at("/location/file").asText()),
                    f.at("/location/line").asInt(), f.get("rule").asText(), f.get("family").asText(),
                    f.get("severity").asText(), f.get("confidence").asText(), f.path("api").asText(""), related,
                    f.get("message").asText()));
        }
        return out;
    }

    private static String relative(Path top, String file) {
        Path abs = Path.of(file).toAbsolutePath().normalize();
        return abs.startsWith(top) ? top.relativize(abs).toString() : file;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
