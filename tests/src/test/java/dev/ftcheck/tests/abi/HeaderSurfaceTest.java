package dev.ftcheck.tests.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ftcheck.runtime.abi.Abi;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our Python.h exposes exactly the public surface of the CPython version it claims: compiled as 3.13 (the default),
 * CPython 3.13's; compiled as 3.14 ({@code ftcheck config --abi 3.14 --cflags}), CPython 3.14.8's (Debian's
 * libpython3.14-dev headers, {@link CPython314Headers}). Both header sets are preprocessed the same way
 * ({@code gcc -E -dD}, the references with {@code -DPy_GIL_DISABLED=1}) and their names read by {@link CSurface}:
 * macros, functions, data, typedefs, struct/union/enum tags and enumerators from the headers themselves (not the C
 * library, not {@code internal/}), excluding private names that start with {@code _}.
 */
class HeaderSurfaceTest {
    private static final String SURFACE_ALLOWLIST = "/abi/header-surface-allowlist.txt";
    private static final String SURFACE_ALLOWLIST_314 = "/abi/header-surface-allowlist-3.14.txt";
    private static final String EXTRA_ALLOWLIST = "/abi/header-extra-allowlist.txt";
    private static final String PRIVATE_USED = "/abi/private-names-extensions-use.txt";

    @TempDir
    Path work;

    @ParameterizedTest(name = "CPython {0}")
    @ValueSource(strings = {"3.13", "3.14"})
    void everyPublicNameOfCPythonIsDeclared(String version) {
        CSurface real = reference(version);
        CSurface ours = ours(version);
        String allowlist = version.equals("3.13") ? SURFACE_ALLOWLIST : SURFACE_ALLOWLIST_314;
        Map<String, String> allowed = reasons(allowlist);

        Map<String, CSurface.Kind> realPublic = publicNames(real);
        Map<String, CSurface.Kind> oursPublic = publicNames(ours);
        // A reader that found little would make the comparison trivially true.
        assertTrue(realPublic.size() > 2500, "read only " + realPublic.size() + " public names from " + version);

        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, CSurface.Kind> e : realPublic.entrySet()) {
            if (!oursPublic.containsKey(e.getKey()) && !allowed.containsKey(e.getKey())) {
                missing.add(e.getValue() + " " + e.getKey() + " (" + relative(real.origin(e.getKey())) + ")");
            }
        }
        List<String> stale = allowed.keySet().stream()
                .filter(n -> !realPublic.containsKey(n) || oursPublic.containsKey(n)).sorted().toList();

        System.out.println(counts(version, realPublic, oursPublic, allowed));
        if (!missing.isEmpty()) {
            fail(missing.size() + " public " + version + " names are missing from capi-headers/ compiled as " + version
                    + " (declare them under the version's PY_VERSION_HEX guard, or allowlist them with a reason in"
                    + " tests/src/test/resources" + allowlist + "):\n  " + String.join("\n  ", missing));
        }
        assertEquals(List.of(), stale, "allowlist entries that are declared now, or not " + version + " names at all");
    }

    /**
     * Version coherence: our public names are a subset of the claimed version's, apart from a short, reasoned list.
     * Compiled as 3.13, no 3.14 name shows (ported code back-fills those under {@code PY_VERSION_HEX < 0x030E0000});
     * compiled as 3.14, no name 3.14 removed does.
     */
    @ParameterizedTest(name = "CPython {0}")
    @ValueSource(strings = {"3.13", "3.14"})
    void noPublicNameBeyondCPython(String version) {
        Map<String, CSurface.Kind> realPublic = publicNames(reference(version));
        Map<String, CSurface.Kind> oursPublic = publicNames(ours(version));
        Map<String, String> allowed = reasons(EXTRA_ALLOWLIST);
        List<String> extra = oursPublic.keySet().stream()
                .filter(n -> !realPublic.containsKey(n) && !allowed.containsKey(n)).sorted().toList();
        assertEquals(List.of(), extra, "names our Python.h compiled as " + version + " exposes that " + version
                + "'s does not (a 3.14 name must sit under #if PY_VERSION_HEX >= 0x030E0000, a name 3.14 removed under"
                + " #if PY_VERSION_HEX < 0x030E0000; an ftcheck-only one needs a reason in " + EXTRA_ALLOWLIST + ")");
        // Only a contradiction is stale here: Py_GIL_DISABLED shows up or not depending on whether the cflags pass it.
        List<String> stale = allowed.keySet().stream().filter(realPublic::containsKey).sorted().toList();
        assertEquals(List.of(), stale, "extra-allowlist entries that CPython " + version + " declares after all");
    }

    /**
     * The 3.13 → 3.14 difference of the public names, the references' and ours compiled both ways: the same names
     * added and removed (implied by the two tests above, printed here with counts by kind for docs/capi-abi.md).
     */
    @Test
    void versionDifferenceIsCPythons() {
        Map<String, CSurface.Kind> real13 = publicNames(reference("3.13"));
        Map<String, CSurface.Kind> real14 = publicNames(reference("3.14"));
        Map<String, CSurface.Kind> ours13 = publicNames(ours("3.13"));
        Map<String, CSurface.Kind> ours14 = publicNames(ours("3.14"));
        Set<String> added = new TreeSet<>(real14.keySet());
        added.removeAll(real13.keySet());
        Set<String> removed = new TreeSet<>(real13.keySet());
        removed.removeAll(real14.keySet());
        Set<String> oursAdded = new TreeSet<>(ours14.keySet());
        oursAdded.removeAll(ours13.keySet());
        Set<String> oursRemoved = new TreeSet<>(ours13.keySet());
        oursRemoved.removeAll(ours14.keySet());
        StringBuilder sb = new StringBuilder("CPython 3.13 -> 3.14 public names: 3.13 " + real13.size() + ", 3.14 "
                + real14.size() + ", added " + added.size() + ", removed " + removed.size() + "\n");
        Map<CSurface.Kind, int[]> byKind = new EnumMap<>(CSurface.Kind.class);
        added.forEach(n -> byKind.computeIfAbsent(real14.get(n), k -> new int[2])[0]++);
        removed.forEach(n -> byKind.computeIfAbsent(real13.get(n), k -> new int[2])[1]++);
        byKind.forEach((k, c) -> sb.append(String.format("  %-10s +%d -%d%n", k, c[0], c[1])));
        sb.append("  added: ").append(String.join(" ", added)).append("\n  removed: ").append(String.join(" ", removed));
        System.out.println(sb);
        assertEquals(added, oursAdded, "names our headers add at 3.14");
        assertEquals(removed, oursRemoved, "names our headers drop at 3.14");
    }

    /** The few private names real extensions reach for exist in CPython and in ours, at 3.13 and at 3.14. */
    @ParameterizedTest(name = "CPython {0}")
    @ValueSource(strings = {"3.13", "3.14"})
    void privateNamesExtensionsUseAreDeclared(String version) {
        CSurface real = reference(version);
        CSurface ours = ours(version);
        Set<String> used = reasons(PRIVATE_USED).keySet();
        List<String> notInReal = used.stream().filter(n -> !real.names().containsKey(n)).toList();
        assertEquals(List.of(), notInReal, "listed as used private names but CPython " + version + " does not have them");
        List<String> missing = used.stream().filter(n -> !ours.names().containsKey(n)).toList();
        assertEquals(List.of(), missing, "private " + version + " names extensions use that our headers lack");
    }

    /** libpython's exports cross-check the reader: nearly every exported public function is one it found. */
    @Test
    void readerAgreesWithLibpythonExports() {
        Path lib = CPython313.sharedLibrary();
        assumeTrue(Files.isRegularFile(lib), "no " + lib);
        Map<String, CSurface.Kind> realPublic = publicNames(reference("3.13"));
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

    /** CPython's headers for version, with -DPy_GIL_DISABLED=1; the test is skipped, saying why, without them. */
    private CSurface reference(String version) {
        if (version.equals("3.13")) {
            assumeTrue(Files.isRegularFile(CPython313.include().resolve("Python.h")),
                    "CPython " + CPython313.VERSION + " headers not installed at " + CPython313.include()
                            + " (pyenv install " + CPython313.VERSION + "); the surface comparison needs them");
            return preprocess(List.of("-I" + CPython313.include(), "-DPy_GIL_DISABLED=1"),
                    List.of(CPython313.include()));
        }
        CPython314Headers.Located h = CPython314Headers.get();
        assumeTrue(h.problem() == null, h.problem());
        // Debian's pyconfig.h is a switch to the multiarch one, which holds the configure results.
        return preprocess(h.cflags(), List.of(h.python(), h.usrInclude().resolve("x86_64-linux-gnu/python3.14")));
    }

    /** Ours, exactly as an extension compiles against them for version ({@code ftcheck config --abi}). */
    private CSurface ours(String version) {
        Abi abi = Abi.parse(version).orElseThrow();
        return preprocess(NativeTool.configCflags(version.equals(Abi.DEFAULT_VERSION) ? null : version),
                List.of(RuntimeHome.get().includeDir(abi)));
    }

    /** The names of Python.h preprocessed with flags, counting those from headers under includeDirs only. */
    private CSurface preprocess(List<String> flags, List<Path> includeDirs) {
        try {
            Path src = Files.writeString(work.resolve("surface.c"), "#include <Python.h>\n");
            List<String> cmd = new ArrayList<>(List.of("gcc", "-E", "-dD"));
            cmd.addAll(flags);
            cmd.add(src.toString());
            String out = NativeTool.run(work, cmd).requireSuccess("preprocessing Python.h in " + includeDirs).output();
            List<String> dirs = new ArrayList<>();
            for (Path d : includeDirs) {
                dirs.add(d.toRealPath().toString() + "/");
                dirs.add(d.toAbsolutePath().normalize().toString() + "/");
            }
            return CSurface.read(out, f -> dirs.stream().anyMatch(f::startsWith) && !f.contains("/internal/"));
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

    private static String counts(String version, Map<String, CSurface.Kind> real, Map<String, CSurface.Kind> ours,
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
        StringBuilder s = new StringBuilder("CPython " + version + " public Python.h surface (kind: in " + version
                + " / declared by ftcheck / allowlisted)\n");
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
        for (String dir : List.of("/python3.13/", "/python3.14/")) {
            int i = file.indexOf(dir);
            if (i >= 0) {
                return file.substring(i + dir.length());
            }
        }
        return file;
    }
}
