package dev.ftcheck.tests.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.runtime.home.RuntimeHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the bridge's native free-threading primitives under contention from a C test program linked against the
 * packaged libftbridge.so: reference counting (8 threads x 1,000,000, exact final counts and exactly one
 * dealloc), PyMutex, critical sections (suspension, re-entry, two-object ordering) and the fatal report for
 * unlocking an unlocked mutex. The program aborts itself after 120 s so a deadlock fails instead of hanging.
 */
class BridgeNativeTest {
    @TempDir
    Path work;

    private Path program;

    @BeforeEach
    void build() {
        Path src = NativeTool.copyResource("/abi/bridge_stress.c", work);
        Path lib = RuntimeHome.get().bridgeLibrary().getParent();
        List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-pthread", "-Wall", "-Wextra", "-Werror",
                "-Wno-missing-field-initializers"));
        cmd.addAll(NativeTool.configCflags());
        cmd.addAll(List.of(src.toString(), "-L" + lib, "-lftbridge", "-Wl,-rpath," + lib, "-o", "bridge_stress"));
        NativeTool.run(work, cmd).requireSuccess("building bridge_stress");
        program = work.resolve("bridge_stress");
    }

    @Test
    void primitivesHoldUnderContentionWithExactCounts() {
        NativeTool.Result r = NativeTool.run(work, List.of(program.toString(), "8", "1000000"));
        String out = r.output();
        assertEquals(0, r.exitCode(), out);
        for (String test : List.of("refcount_owner_local_zero", "refcount_shared_stress 8 threads x 1000000",
                "refcount_queue_to_owner", "refcount_dead_owner",
                "refcount_cross_thread_queue 8 threads x 64 objects x 20 rounds", "mutex_stress 8 threads x 1000000",
                "mutex_parked_bit", "mutex_handoff", "critical_section_stress 8 threads x 1000000",
                "critical_section2_stress 8 threads x 1000000", "critical_section_reentry",
                "critical_section_suspended_while_blocked", "unlock_unlocked_reported",
                "pythread_time_and_packing", "trash_chain")) {
            assertTrue(out.lines().anyMatch(l -> l.equals("ok " + test)), "missing 'ok " + test + "' in:\n" + out);
        }
    }

    @Test
    void unlockingAnUnlockedMutexIsAFatalErrorByDefault() {
        NativeTool.Result r = NativeTool.run(work, List.of(program.toString(), "--unlock-unlocked"));
        assertNotEquals(0, r.exitCode(), "must not continue after the misuse:\n" + r.output());
        assertTrue(r.output().contains("Fatal Python error: PyMutex_Unlock: PyMutex at 0x"), r.output());
        assertTrue(r.output().contains("is not locked"), r.output());
        assertTrue(!r.output().contains("still running"), r.output());
    }
}
