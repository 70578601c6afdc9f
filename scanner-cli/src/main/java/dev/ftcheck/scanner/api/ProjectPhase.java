package dev.ftcheck.scanner.api;

/**
 * A {@link FileRule} whose verdict needs the whole project: it publishes facts per file and decides the rest in
 * {@link #finish}, which the engine calls once after the project rules, with a context that reports under the file
 * rule's own code. Such a rule may also ask to see <em>linked code</em>: C/C++ files without any rule trigger
 * (allocators, arenas, caches with no Python API in them) that the engine parses in a second, narrow pass when the
 * project has extension code and the file defines a function that extension code calls.
 */
public interface ProjectPhase {
    void finish(ProjectContext project);

    /** True when the rule wants to run on linked code too ({@link FileContext#linkedCode()}). */
    default boolean analysesLinkedCode() {
        return false;
    }

    /**
     * Names the extension code calls, published by rules that see linked code; the engine parses a trigger-free
     * file in the second pass only when it contains one of them.
     */
    record CalledNames(java.util.Set<String> names) {}
}
