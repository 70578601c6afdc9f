package dev.ftcheck.tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Writes a jar for {@code ftcheck run --stand-in JAR}: compiled stand-in classes and their services entry. */
public final class StandInJar {
    private static final String SERVICES = "META-INF/services/dev.ftcheck.runtime.stdlib.StandInModule";

    private StandInJar() {}

    /**
     * @param classes    a class-output root
     * @param packageDir the folder under it whose files go in the jar ({@code demo}, {@code dev/ftcheck/...})
     * @param providers  the binary names of the StandInModule classes the services entry lists
     */
    public static Path write(Path jar, Path classes, String packageDir, List<String> providers) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (var out = new JarOutputStream(Files.newOutputStream(jar));
                var files = Files.walk(classes.resolve(packageDir))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(SERVICES));
            out.write((String.join("\n", providers) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
