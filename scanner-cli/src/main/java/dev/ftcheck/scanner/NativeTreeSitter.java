package dev.ftcheck.scanner;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Direct FFM bindings to the tree-sitter runtime and the C/C++ grammars shipped as native libraries inside the
 * {@code io.github.bonede} jars. We call the C API ourselves instead of going through those jars' JNI classes: copying
 * a tree node by node through JNI costs about 10 µs per node (minutes for a large tree), a downcall costs tens of
 * nanoseconds.
 *
 * <p>Two backends. Preferred: {@code libftts.so}, built by {@code scanner-cli/native/build-treesitter.sh} with
 * optimisation from the same grammar versions, with {@code ftts_copy_tree} flattening a whole tree in one call. Fallback
 * (other platforms, or a build without npm): the unoptimised libraries inside the bonede jars, about 5x slower to
 * parse, copied node by node. The libraries are extracted once to a cache directory named after their content hash.
 */
final class NativeTreeSitter {
    /** {@code TSNode}: {@code uint32_t context[4]; const void *id; const TSTree *tree;}. */
    static final StructLayout NODE = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(4, JAVA_INT).withName("context"), ADDRESS.withName("id"),
            ADDRESS.withName("tree"));
    /** {@code TSTreeCursor}: {@code const void *tree; const void *id; uint32_t context[3];} (padded to 32). */
    static final StructLayout CURSOR = MemoryLayout.structLayout(ADDRESS.withName("tree"), ADDRESS.withName("id"),
            MemoryLayout.sequenceLayout(3, JAVA_INT).withName("context"), MemoryLayout.paddingLayout(4));

    static final MethodHandle PARSER_NEW;
    static final MethodHandle PARSER_DELETE;
    static final MethodHandle PARSER_SET_LANGUAGE;
    static final MethodHandle PARSER_PARSE_STRING;
    static final MethodHandle TREE_DELETE;
    static final MethodHandle TREE_ROOT_NODE;
    static final MethodHandle CURSOR_NEW;
    static final MethodHandle CURSOR_DELETE;
    static final MethodHandle CURSOR_FIRST_CHILD;
    static final MethodHandle CURSOR_NEXT_SIBLING;
    static final MethodHandle CURSOR_PARENT;
    static final MethodHandle CURSOR_CURRENT_NODE;
    static final MethodHandle CURSOR_FIELD_ID;
    static final MethodHandle NODE_SYMBOL;
    static final MethodHandle NODE_END_BYTE;
    static final MethodHandle NODE_IS_MISSING;
    static final MethodHandle LANGUAGE_SYMBOL_NAME;
    static final MethodHandle LANGUAGE_SYMBOL_TYPE;
    static final MethodHandle LANGUAGE_FIELD_NAME;
    static final MemorySegment LANGUAGE_C;
    static final MemorySegment LANGUAGE_CPP;
    /** {@code int32_t ftts_copy_tree(const TSTree*, int32_t *out, int32_t cap)}, or null on the fallback backend. */
    static final MethodHandle COPY_TREE;
    /** Which libraries are in use, for diagnostics. */
    static final String BACKEND;
    /** int32 values per node written by {@code ftts_copy_tree}. */
    static final int COPY_FIELDS = 10;

    static {
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup optimised = loadOptimised();
            SymbolLookup rt = optimised != null ? optimised : load("tree-sitter");
            SymbolLookup c = optimised != null ? optimised : load("tree-sitter-c");
            SymbolLookup cpp = optimised != null ? optimised : load("tree-sitter-cpp");
            Linker.Option fast = Linker.Option.critical(false);
            PARSER_NEW = linker.downcallHandle(find(rt, "ts_parser_new"), FunctionDescriptor.of(ADDRESS));
            PARSER_DELETE = linker.downcallHandle(find(rt, "ts_parser_delete"), FunctionDescriptor.ofVoid(ADDRESS));
            PARSER_SET_LANGUAGE = linker.downcallHandle(find(rt, "ts_parser_set_language"),
                    FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, ADDRESS));
            PARSER_PARSE_STRING = linker.downcallHandle(find(rt, "ts_parser_parse_string"),
                    FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
            TREE_DELETE = linker.downcallHandle(find(rt, "ts_tree_delete"), FunctionDescriptor.ofVoid(ADDRESS));
            TREE_ROOT_NODE = linker.downcallHandle(find(rt, "ts_tree_root_node"),
                    FunctionDescriptor.of(NODE, ADDRESS), fast);
            CURSOR_NEW = linker.downcallHandle(find(rt, "ts_tree_cursor_new"), FunctionDescriptor.of(CURSOR, NODE),
                    fast);
            CURSOR_DELETE = linker.downcallHandle(find(rt, "ts_tree_cursor_delete"),
                    FunctionDescriptor.ofVoid(ADDRESS));
            CURSOR_FIRST_CHILD = linker.downcallHandle(find(rt, "ts_tree_cursor_goto_first_child"),
                    FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS), fast);
            CURSOR_NEXT_SIBLING = linker.downcallHandle(find(rt, "ts_tree_cursor_goto_next_sibling"),
                    FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS), fast);
            CURSOR_PARENT = linker.downcallHandle(find(rt, "ts_tree_cursor_goto_parent"),
                    FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS), fast);
            CURSOR_CURRENT_NODE = linker.downcallHandle(find(rt, "ts_tree_cursor_current_node"),
                    FunctionDescriptor.of(NODE, ADDRESS), fast);
            CURSOR_FIELD_ID = linker.downcallHandle(find(rt, "ts_tree_cursor_current_field_id"),
                    FunctionDescriptor.of(JAVA_SHORT, ADDRESS), fast);
            NODE_SYMBOL = linker.downcallHandle(find(rt, "ts_node_symbol"), FunctionDescriptor.of(JAVA_SHORT, NODE),
                    fast);
            NODE_END_BYTE = linker.downcallHandle(find(rt, "ts_node_end_byte"),
                    FunctionDescriptor.of(JAVA_INT, NODE), fast);
            NODE_IS_MISSING = linker.downcallHandle(find(rt, "ts_node_is_missing"),
                    FunctionDescriptor.of(JAVA_BOOLEAN, NODE), fast);
            LANGUAGE_SYMBOL_NAME = linker.downcallHandle(find(rt, "ts_language_symbol_name"),
                    FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_SHORT), fast);
            LANGUAGE_SYMBOL_TYPE = linker.downcallHandle(find(rt, "ts_language_symbol_type"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT), fast);
            LANGUAGE_FIELD_NAME = linker.downcallHandle(find(rt, "ts_language_field_name_for_id"),
                    FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_SHORT), fast);
            MethodHandle cLang = linker.downcallHandle(find(c, "tree_sitter_c"), FunctionDescriptor.of(ADDRESS));
            MethodHandle cppLang = linker.downcallHandle(find(cpp, "tree_sitter_cpp"), FunctionDescriptor.of(ADDRESS));
            LANGUAGE_C = (MemorySegment) cLang.invokeExact();
            LANGUAGE_CPP = (MemorySegment) cppLang.invokeExact();
            if (optimised != null) {
                MethodHandle abi = linker.downcallHandle(find(rt, "ftts_abi_version"), FunctionDescriptor.of(JAVA_INT));
                int version = (int) abi.invokeExact();
                if (version != 2) {
                    throw new IllegalStateException("libftts.so has ABI version " + version + ", expected 2");
                }
                COPY_TREE = linker.downcallHandle(find(rt, "ftts_copy_tree"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
                BACKEND = "libftts (optimised build)";
            } else {
                COPY_TREE = null;
                BACKEND = "bonede jars (unoptimised build)";
            }
        } catch (Throwable t) {
            throw new ExceptionInInitializerError("cannot load the tree-sitter native libraries: " + t);
        }
    }

    private NativeTreeSitter() {}

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException("tree-sitter symbol " + name
                + " not found"));
    }

    /** The optimised library from the classpath, or null when this build or platform has none. */
    private static SymbolLookup loadOptimised() throws IOException {
        if (Boolean.getBoolean("ftcheck.treesitter.bundled")) {
            return null; // forced fallback, for comparing the backends
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        if (!os.contains("linux")) {
            return null;
        }
        String resource = "ftcheck-treesitter/linux-" + cpu + "/libftts.so";
        try (InputStream in = NativeTreeSitter.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            return SymbolLookup.libraryLookup(extract(resource, in.readAllBytes()), Arena.global());
        }
    }

    /** Extracts {@code lib/<platform>-<name>.<ext>} from the classpath and opens it. */
    private static SymbolLookup load(String name) throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        String resource;
        if (os.contains("linux")) {
            resource = "lib/" + cpu + "-linux-gnu-" + name + ".so";
        } else if (os.contains("mac")) {
            resource = "lib/" + cpu + "-macos-" + name + ".dylib";
        } else if (os.contains("windows")) {
            resource = "lib/" + cpu + "-windows-" + name + ".dll";
        } else {
            throw new IllegalStateException("no tree-sitter native library for " + os + "/" + arch);
        }
        byte[] bytes;
        try (InputStream in = NativeTreeSitter.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("tree-sitter library " + resource + " is not on the classpath ("
                        + os + "/" + arch + " may be unsupported)");
            }
            bytes = in.readAllBytes();
        }
        return SymbolLookup.libraryLookup(extract(resource, bytes), Arena.global());
    }

    /** Writes a library's bytes to the cache directory (once per content hash) and returns its path. */
    private static Path extract(String resource, byte[] bytes) throws IOException {
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "ftcheck-" + System.getProperty("user.name", "u")
                + "-treesitter");
        Files.createDirectories(dir);
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        Path target = dir.resolve(hash + "-" + file);
        if (!Files.isRegularFile(target) || Files.size(target) != bytes.length) {
            // Write then rename, so concurrent first runs never load a half-written library.
            Path tmp = Files.createTempFile(dir, file, ".part");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }
}
