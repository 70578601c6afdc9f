package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.FunctionInfo;
import dev.ftcheck.scanner.analysis.LockScopes;
import dev.ftcheck.scanner.api.SourceFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the global-state rules publish per file and join across the project in their finishing phase. */
final class GlobalStateFacts {
    private GlobalStateFacts() {
    }

    /**
     * The call graph of one file, by name.
     *
     * @param file display path
     * @param pythonFacing false for linked code (a file without Python API analysed in the second pass)
     * @param initRoots module init/exec/teardown functions of the file
     * @param callees every function's called names
     * @param unlockedCallees the names each function calls outside any lock or critical section
     * @param valueRefs functions of this file used as values (method tables, callbacks)
     * @param definedNonStatic functions defined here with external linkage
     */
    record FileCalls(String file, boolean pythonFacing, Set<String> initRoots, Map<String, Set<String>> callees,
            Map<String, Set<String>> unlockedCallees, Set<String> valueRefs, Set<String> definedNonStatic) {

        static FileCalls of(FileAnalysis fa, String file, boolean pythonFacing) {
            return fa.memo("GlobalStateFacts.FileCalls", () -> compute(fa, file, pythonFacing));
        }

        private static FileCalls compute(FileAnalysis fa, String file, boolean pythonFacing) {
            Map<String, Set<String>> callees = new HashMap<>();
            Map<String, Set<String>> unlocked = new HashMap<>();
            Set<String> valueRefs = new HashSet<>();
            Set<String> nonStatic = new HashSet<>();
            for (FunctionInfo f : fa.functions()) {
                if (fa.methodTables().isReferencedAsValue(f.name())) {
                    valueRefs.add(f.name());
                }
                if (!f.isStatic()) {
                    nonStatic.add(f.name());
                }
                boolean locking = false;
                for (CallSite c : f.calls()) {
                    locking |= LockScopes.isLockCall(c.name()) || c.name().contains("CRITICAL_SECTION")
                            || c.name().startsWith("PyCriticalSection");
                }
                LockScopes locks = locking ? LockScopes.of(fa, f) : null;
                Set<String> all = callees.computeIfAbsent(f.name(), k -> new HashSet<>());
                Set<String> free = unlocked.computeIfAbsent(f.name(), k -> new HashSet<>());
                for (CallSite c : f.calls()) {
                    all.add(c.name());
                    if (locks == null || !locks.inAnyLock(c.nameToken()) && !locks.inAnyCriticalSection(c.nameToken())) {
                        free.add(c.name());
                    }
                }
            }
            return new FileCalls(file, pythonFacing, Set.copyOf(fa.initContext().roots()), callees, unlocked,
                    valueRefs, nonStatic);
        }
    }

    /** A write site: offsets in its file, the function it is in, how it writes. */
    record Site(SourceFile file, int start, int end, String function, String kind) {}

    /**
     * A hazard whose verdict waits for the project: some write is in a function other files may call only from
     * their module init, or the file is linked code.
     */
    record DeferredHazard(String rule, SourceFile file, String name, int declStart, int declEnd, String where,
            String what, boolean lazy, boolean interned, List<Site> writes, boolean linked) {}

    /** A run-time write to a name its file does not declare. */
    record ExternalWrite(SourceFile file, Site site, String name, boolean linked) {}

    /** A mutable file-scope variable with external linkage (a definition, or an {@code extern} declaration). */
    record GlobalDefinition(SourceFile file, String name, int start, int end, boolean isExtern) {}

    /** A variable reported in the per-file pass (so the project pass adds no second declaration finding). */
    record Reported(String file, String name) {}
}
