package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.FileKind;
import java.util.Locale;

/** Maps file names to the input kinds the scanner reads; everything else is not an input. */
public final class InputKinds {
    private InputKinds() {}

    /** The kind for a file name, or null when the scanner does not read such files. */
    public static FileKind of(String fileName) {
        switch (fileName) {
            case "setup.py": return FileKind.SETUP_PY;
            case "setup.cfg": return FileKind.SETUP_CFG;
            case "pyproject.toml": return FileKind.PYPROJECT_TOML;
            case "meson.build": return FileKind.MESON_BUILD;
            case "CMakeLists.txt": return FileKind.CMAKE_LISTS;
            default: break;
        }
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        return switch (fileName.substring(dot + 1).toLowerCase(Locale.ROOT)) {
            case "c", "h" -> FileKind.C_SOURCE;
            case "cc", "cpp", "cxx", "hpp", "hh" -> FileKind.CPP_SOURCE;
            case "pyx", "pxd" -> FileKind.CYTHON;
            default -> null;
        };
    }
}
