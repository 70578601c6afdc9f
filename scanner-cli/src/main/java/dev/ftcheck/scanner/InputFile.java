package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.FileKind;
import java.nio.file.Path;

/** A discovered input: where it is, how reports name it, and what kind of input it is. */
record InputFile(Path path, String displayPath, FileKind kind) {}
