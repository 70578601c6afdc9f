package dev.ftcheck.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.tests.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JDK discovery shared by ./build and ./ftcheck: never depends on JAVA_HOME or the default java. */
class LauncherTest {
    private static Cli.Result javaHome(Map<String, String> env) {
        return Cli.exec(List.of("bash", Cli.repo().resolve("build").toString(), "java-home"), env, Cli.repo());
    }

    private static int feature(Path jdk) throws Exception {
        String release = Files.readString(jdk.resolve("release"));
        String v = release.replaceAll("(?s).*JAVA_VERSION=\"(\\d+).*", "$1");
        return Integer.parseInt(v);
    }

    @Test
    void findsAModernJdkWithoutJavaHome() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", null);
        Cli.Result r = javaHome(env);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(feature(Path.of(r.out().strip())) >= 22, r.out());
    }

    @Test
    void ignoresAnOldJavaHome() throws Exception {
        Path old = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(old.resolve("release")),
                "no JDK 17 on this machine to play the too-old JAVA_HOME");
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", old.toString());
        Cli.Result r = javaHome(env);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(feature(Path.of(r.out().strip())) >= 22, r.out());
    }

    @Test
    void explainsWhatToInstallWhenNoJdkQualifies() {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", null);
        env.put("FTCHECK_JVM_DIRS", "/nonexistent/jvm/*");
        Cli.Result r = javaHome(env);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no JDK 22 or newer found"), r.err());
        assertTrue(r.err().contains("install"), r.err());
    }

    @Test
    void theBuildUsesTheMavenWrapper() {
        Cli.Result r = Cli.exec(List.of("bash", Cli.repo().resolve("build").toString(), "maven"), new HashMap<>(),
                Cli.repo());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(Cli.repo().resolve("mvnw").toString(), r.out().strip());
    }

    @Test
    void theMavenWrapperRunsItsPinnedMaven() throws Exception {
        Path home = dev.ftcheck.tests.corpus.CacheDir.root().resolve("maven-wrapper");
        Map<String, String> env = new HashMap<>();
        env.put("MAVEN_USER_HOME", home.toString());
        env.put("JAVA_HOME", javaHome(new HashMap<>()).out().strip());
        Cli.Result r = Cli.exec(List.of(Cli.repo().resolve("mvnw").toString(), "-v"), env, Cli.repo());
        org.junit.jupiter.api.Assumptions.assumeFalse(r.exitCode() != 0 && r.err().contains("download"),
                "skipped: the Maven Wrapper cannot download Maven from Maven Central here: " + r.err());
        assertEquals(0, r.exitCode(), r.toString());
        String pinned = Files.readString(Cli.repo().resolve(".mvn/wrapper/maven-wrapper.properties"))
                .replaceAll("(?s).*apache-maven-([0-9.]+)-bin.zip.*", "$1");
        assertTrue(r.out().contains("Apache Maven " + pinned), r.out());
    }
}
