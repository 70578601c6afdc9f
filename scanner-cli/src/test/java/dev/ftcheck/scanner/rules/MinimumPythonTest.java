package dev.ftcheck.scanner.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinimumPythonTest {

    @Test
    void lowerBounds() {
        assertArrayEquals(new int[] {3, 13}, MinimumPython.lowerBound(">=3.13"));
        assertArrayEquals(new int[] {3, 13}, MinimumPython.lowerBound(">=3.13, <4"));
        assertArrayEquals(new int[] {3, 13}, MinimumPython.lowerBound("~=3.13"));
        assertArrayEquals(new int[] {3, 13}, MinimumPython.lowerBound(">3.12"));
        assertArrayEquals(new int[] {3, 9}, MinimumPython.lowerBound(">=3.9,!=3.10.*"));
        assertNull(MinimumPython.lowerBound("<4"));
        assertTrue(MinimumPython.atLeast(MinimumPython.lowerBound(">=3.14"), 3, 13));
        assertFalse(MinimumPython.atLeast(MinimumPython.lowerBound(">=3.8"), 3, 13));
        assertFalse(MinimumPython.atLeast(null, 3, 13));
    }

    @Test
    void nearestBuildFileDecides(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("pkg/src/mod.c");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "");
        assertNull(MinimumPython.of(src));
        Files.writeString(dir.resolve("pkg/setup.py"), "setup(name='x', python_requires='>=3.13')\n");
        assertArrayEquals(new int[] {3, 13}, MinimumPython.of(src));
        Files.writeString(dir.resolve("pkg/setup.py"), "setup(name='x')\n");
        Files.writeString(dir.resolve("pkg/setup.cfg"), "[options]\npython_requires = >=3.14\n");
        assertArrayEquals(new int[] {3, 14}, MinimumPython.of(src));
        // an enclosing project's pyproject.toml does not speak for a nested one with its own build files
        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nrequires-python = \">=3.13\"\n");
        Files.delete(dir.resolve("pkg/setup.cfg"));
        assertNull(MinimumPython.of(src));
    }
}
