package dev.ftcheck.runtime.home;

import dev.ftcheck.Version;
import dev.ftcheck.runtime.abi.Abi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Where the bridge library and the C-API headers live at run time.
 *
 * <p>The build packages both under the {@code ftcheck-home/} resource root, listed in {@code ftcheck-home/MANIFEST}
 * (whose first line carries a digest of their content).
 * When the classes run from a directory (a Maven build) that directory is used as is; when they run from a jar the
 * files are extracted once into a per-content cache directory, so no user ever sets a path.
 */
public final class RuntimeHome {
    private static final String ROOT = "ftcheck-home";
    private static volatile RuntimeHome instance;

    private final Path dir;

    private RuntimeHome(Path dir) {
        this.dir = dir;
    }

    /** The home for this installation, located or extracted on first use. */
    public static RuntimeHome get() {
        RuntimeHome h = instance;
        if (h == null) {
            synchronized (RuntimeHome.class) {
                h = instance;
                if (h == null) {
                    h = new RuntimeHome(locate());
                    instance = h;
                }
            }
        }
        return h;
    }

    public Path dir() {
        return dir;
    }

    /** The headers of the default ABI. */
    public Path includeDir() {
        return includeDir(Abi.DEFAULT);
    }

    /** {@code include/python3.14t}: the header tree staged for {@code abi}. */
    public Path includeDir(Abi abi) {
        return dir.resolve("include").resolve(abi.dirName());
    }

    /** The bridge of the default ABI. */
    public Path bridgeLibrary() {
        return bridgeLibrary(Abi.DEFAULT);
    }

    /** {@code lib/python3.14t/libftbridge.so}: the bridge compiled against {@code abi}'s headers. */
    public Path bridgeLibrary(Abi abi) {
        return dir.resolve("lib").resolve(abi.dirName()).resolve("libftbridge.so");
    }

    private static Path locate() {
        String override = System.getProperty("ftcheck.home");
        if (override != null) {
            return Path.of(override).toAbsolutePath();
        }
        URL manifest = RuntimeHome.class.getClassLoader().getResource(ROOT + "/MANIFEST");
        if (manifest == null) {
            throw new IllegalStateException(
                    "ftcheck-home/MANIFEST is not on the class path: the core module was built without its native"
                            + " bridge and headers. Rebuild with ./build");
        }
        if ("file".equals(manifest.getProtocol())) {
            try {
                return Path.of(manifest.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IllegalStateException("bad resource URL " + manifest, e);
            }
        }
        return extract(manifest);
    }

    private static Path extract(URL manifest) {
        try {
            byte[] listing;
            try (InputStream in = manifest.openStream()) {
                listing = in.readAllBytes();
            }
            String key = Version.get() + "-" + sha256(listing).substring(0, 16);
            Path target = cacheRoot().resolve(key);
            if (Files.isRegularFile(target.resolve("MANIFEST"))) {
                return target;
            }
            Path tmp = Files.createDirectories(cacheRoot()).resolve(key + ".tmp" + ProcessHandle.current().pid());
            List<String> entries = new String(listing, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            for (String entry : entries) {
                Path out = tmp.resolve(entry);
                Files.createDirectories(out.getParent());
                try (InputStream in = RuntimeHome.class.getClassLoader().getResourceAsStream(ROOT + "/" + entry)) {
                    if (in == null) {
                        throw new IllegalStateException("packaged file missing: " + ROOT + "/" + entry);
                    }
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.write(tmp.resolve("MANIFEST"), listing);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another process extracted the same content first; its copy is identical.
                deleteTree(tmp);
            } catch (IOException e) {
                if (!Files.isRegularFile(target.resolve("MANIFEST"))) {
                    throw e;
                }
                deleteTree(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the ftcheck runtime files: " + e.getMessage(), e);
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ftcheck");
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
