package dev.ftcheck.tests.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ftcheck.runtime.home.RuntimeHome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our Python.h exposes CPython 3.13's public surface, and nothing newer. Both header sets are preprocessed the
 * same way ({@code gcc -E -dD}, 3.13 with {@code -DPy_GIL_DISABLED=1}) and their names read by {@link CSurface}:
 * macros, functions, data, typedefs, struct/union/enum tags and enumerators from the headers themselves (not the C
 * library, not {@code internal/}), excluding private names that start with {@code _}.
 */
class HeaderSurfaceTest {
    private static final String SURFACE_ALLOWLIST = "/abi/header-surface-allowlist.txt";
    private static final String EXTRA_ALLOWLIST = "/abi/header-extra-allowlist.txt";
    private static final String PRIVATE_USED = "/abi/private-names-extensions-use.txt";

    @TempDir
    Path work;

    @BeforeEach
    void needsCPython313() {
        assumeTrue(Files.isRegularFile(CPython313.include().resolve("Python.h")),
                "CPython " + CPython313.VERSION + " headers not installed at " + CPython313.include()
                        + " (pyenv install " + CPython313.VERSION + "); the surface comparison needs them");
    }

    @Test
    void everyPublicNameOfCPython313IsDeclared() {
        CSurface real = reference();
        CSurface ours = ours();
        Map<String, String> allowed = reasons(SURFACE_ALLOWLIST);

        Map<String, CSurface.Kind> realPublic = publicNames(real);
        Map<String, CSurface.Kind> oursPublic = publicNames(ours);
        // A reader that found little would make the comparison trivially true.
        assertTrue(realPublic.size() > 2500, "read only " + realPublic.size() + " public names from 3.13");

        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, CSurface.Kind> e : realPublic.entrySet()) {
            if (!oursPublic.containsKey(e.getKey()) && !allowed.containsKey(e.getKey())) {
                missing.add(e.getValue() + " " + e.getKey() + " (" + relative(real.origin(e.getKey())) + ")");
            }
        }
        List<String> stale = allowed.keySet().stream()
                .filter(n -> !realPublic.containsKey(n) || oursPublic.containsKey(n)).sorted().toList();

        System.out.println(counts(realPublic, oursPublic, allowed));
        if (!missing.isEmpty()) {
            fail(missing.size() + " public 3.13 names are missing from capi-headers/ (declare them, or allowlist"
                    + " them with a reason in tests/src/test/resources" + SURFACE_ALLOWLIST + "):\n  "
                    + String.join("\n  ", missing));
        }
        assertEquals(List.of(), stale, "allowlist entries that are declared now, or not 3.13 names at all");
    }

    /** Version coherence: our public names are a subset of 3.13's, apart from a short, reasoned list. */
    @Test
    void noPublicNameBeyondCPython313() {
        Map<String, CSurface.Kind> realPublic = publicNames(reference());
        Map<String, CSurface.Kind> oursPublic = publicNames(ours());
        Map<String, String> allowed = reasons(EXTRA_ALLOWLIST);
        List<String> extra = oursPublic.keySet().stream()
                .filter(n -> !realPublic.containsKey(n) && !allowed.containsKey(n)).sorted().toList();
        assertEquals(List.of(), extra, "names our Python.h exposes that 3.13's does not (a 3.14 name must sit under"
                + " #if PY_VERSION_HEX >= 0x030E0000; an ftcheck-only one needs a reason in " + EXTRA_ALLOWLIST + ")");
        // Only a contradiction is stale here: Py_GIL_DISABLED shows up or not depending on whether the cflags pass it.
        List<String> stale = allowed.keySet().stream().filter(realPublic::containsKey).sorted().toList();
        assertEquals(List.of(), stale, "extra-allowlist entries that CPython 3.13 declares after all");
    }

    /** The few private names real extensions reach for exist in 3.13 and in ours. */
    @Test
    void privateNamesExtensionsUseAreDeclared() {
        CSurface real = reference();
        CSurface ours = ours();
        Set<String> used = reasons(PRIVATE_USED).keySet();
        List<String> notIn313 = used.stream().filter(n -> !real.names().containsKey(n)).toList();
        assertEquals(List.of(), notIn313, "listed as used private names but CPython 3.13 does not have them");
        List<String> missing = used.stream().filter(n -> !ours.names().containsKey(n)).toList();
        assertEquals(List.of(), missing, "private 3.13 names extensions use that our headers lack");
    }

    /** libpython's exports cross-check the reader: nearly every exported public function is one it found. */
    @Test
    void readerAgreesWithLibpythonExports() {
        Path lib = CPython313.sharedLibrary();
        assumeTrue(Files.isRegularFile(lib), "no " + lib);
        Map<String, CSurface.Kind> realPublic = publicNames(reference());
        Set<String> exported = new TreeSet<>();
        for (String line : NativeTool.run(work, List.of("nm", "-D", "--defined-only", lib.toString()))
                .requireSuccess("nm").output().lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && "TDBRW".indexOf(f[1].charAt(0)) >= 0 && !f[2].startsWith("_")) {
                exported.add(f[2].replaceAll("@.*$", ""));
            }
        }
        // Exported but undeclared: built-in module initialisers (PyInit_posix...), marshal.h (not in Python.h)
        // and stable-ABI symbols 3.13 removed from the headers. They are ABI, not header surface.
        Set<String> undeclared = exported.stream().filter(n -> !realPublic.containsKey(n))
                .collect(Collectors.toCollection(TreeSet::new));
        undeclared.removeIf(n -> n.startsWith("PyInit_") || n.startsWith("PyMarshal_"));
        assertTrue(exported.size() > 1100, "libpython exports only " + exported.size() + " public symbols?");
        assertTrue(undeclared.size() < 40, "the reader missed exported declarations: " + undeclared);
        // An exported symbol is a function or data, or a macro laid over one (Py_CompileStringFlags); never a type.
        for (String n : exported) {
            CSurface.Kind k = realPublic.get(n);
            if (k != null) {
                assertTrue(k == CSurface.Kind.FUNCTION || k == CSurface.Kind.DATA || k == CSurface.Kind.MACRO,
                        n + " read as " + k);
            }
        }
    }

    // ---- helpers ----

    private CSurface reference() {
        return preprocess(List.of("-I" + CPython313.include(), "-DPy_GIL_DISABLED=1"), CPython313.include());
    }

    private CSurface ours() {
        return preprocess(NativeTool.configCflags(), RuntimeHome.get().includeDir());
    }

    private CSurface preprocess(List<String> flags, Path includeDir) {
        try {
            Path src = Files.writeString(work.resolve("surface.c"), "#include <Python.h>\n");
            List<String> cmd = new ArrayList<>(List.of("gcc", "-E", "-dD"));
            cmd.addAll(flags);
            cmd.add(src.toString());
            String out = NativeTool.run(work, cmd).requireSuccess("preprocessing Python.h in " + includeDir).output();
            String dir = includeDir.toRealPath().toString() + "/";
            String alt = includeDir.toAbsolutePath().normalize().toString() + "/";
            return CSurface.read(out, f -> (f.startsWith(dir) || f.startsWith(alt)) && !f.contains("/internal/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, CSurface.Kind> publicNames(CSurface s) {
        Map<String, CSurface.Kind> out = new LinkedHashMap<>();
        s.names().forEach((n, k) -> {
            if (!n.startsWith("_")) {
                out.put(n, k);
            }
        });
        return out;
    }

    /** NAME reason lines; '#' comments; an entry without a reason is an error. */
    static Map<String, String> reasons(String resource) {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = HeaderSurfaceTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = l.split("\\s+", 2);
                if (parts.length < 2 || parts[1].isBlank()) {
                    fail(resource + ": entry '" + parts[0] + "' gives no reason");
                }
                if (out.put(parts[0], parts[1].strip()) != null) {
                    fail(resource + ": '" + parts[0] + "' listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String counts(Map<String, CSurface.Kind> real, Map<String, CSurface.Kind> ours,
            Map<String, String> allowed) {
        Map<CSurface.Kind, int[]> byKind = new EnumMap<>(CSurface.Kind.class);
        real.forEach((n, k) -> {
            int[] c = byKind.computeIfAbsent(k, x -> new int[3]);
            c[0]++;
            if (ours.containsKey(n)) {
                c[1]++;
            } else if (allowed.containsKey(n)) {
                c[2]++;
            }
        });
        StringBuilder s = new StringBuilder("CPython 3.13 public Python.h surface (kind: in 3.13 / declared by ftcheck /"
                + " allowlisted)\n");
        int[] total = new int[3];
        byKind.forEach((k, c) -> {
            s.append(String.format("  %-10s %5d %5d %3d%n", k, c[0], c[1], c[2]));
            for (int i = 0; i < 3; i++) {
                total[i] += c[i];
            }
        });
        s.append(String.format("  %-10s %5d %5d %3d", "total", total[0], total[1], total[2]));
        return s.toString();
    }

    private static String relative(String file) {
        if (file == null) {
            return "?";
        }
        int i = file.indexOf("/python3.13/");
        return i >= 0 ? file.substring(i + "/python3.13/".length()) : file;
    }
}
