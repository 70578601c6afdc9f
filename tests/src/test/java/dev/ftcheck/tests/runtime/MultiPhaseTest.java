package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.runtime.ExtensionModule;
import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.GilSetting;
import dev.ftcheck.runtime.PyObjectHandle;
import dev.ftcheck.runtime.PythonException;
import dev.ftcheck.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * The multi-phase GIL-free sample: module state behind a PyMutex, a heap type with critical sections, METH_METHOD,
 * keyword parsing, members and getsets. Run twice: built against ftcheck's headers and against the real CPython
 * 3.13 headers with -DPy_GIL_DISABLED=1 (the same binary CPython would load).
 */
class MultiPhaseTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 100_000;

    private static ExtensionModule load(FtRuntime rt, String headers) {
        Path so = headers.equals("real") ? Samples.buildWithRealHeaders("ftmulti") : Samples.build("ftmulti");
        return rt.load(so);
    }

    private static FtRuntime start() {
        return FtRuntime.start(RuntimeOptions.defaults().withGil(GilSetting.DEFAULT).withStderr(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftcheck", "real"})
    void initialisesThroughSlotsWithoutEnablingTheGil(String headers) {
        FtRuntime rt = start();
        ExtensionModule m = load(rt, headers);
        assertEquals(ExtensionModule.InitStyle.MULTI_PHASE, m.initStyle());
        assertEquals("Py_MOD_GIL_NOT_USED", m.gilDeclaration());
        assertFalse(rt.gilEnabled());
        assertTrue(rt.diagnostics().warnings().isEmpty());
        assertEquals(42L, m.getAttr("ANSWER"));
        assertEquals("multi-phase", m.getAttr("FLAVOUR"));
        assertEquals("Multi-phase GIL-free sample.", m.getAttr("__doc__"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftcheck", "real"})
    void parsesKeywordsAndBuildsValues(String headers) {
        FtRuntime rt = start();
        ExtensionModule m = load(rt, headers);
        Object r = m.call("describe", "widget", 3L);
        assertEquals(Map.of("name", "widget", "count", 3L, "sep", ", ", "pair", java.util.List.of(3L, 6L)), r);
        PythonException missing = assertThrows(PythonException.class, () -> m.call("describe"));
        assertEquals("TypeError", missing.pythonType());
        assertEquals("describe() missing required argument 'name' (pos 1)", missing.pythonMessage());
        PythonException wrong = assertThrows(PythonException.class, () -> m.call("describe", 5L));
        assertEquals("describe() argument 1 must be str, not int", wrong.pythonMessage());
        PythonException many = assertThrows(PythonException.class, () -> m.call("describe", "a", 1L, "x"));
        assertEquals("describe() takes at most 2 positional arguments (3 given)", many.pythonMessage()); // CPython 3.13.15t's words
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftcheck", "real"})
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void criticalSectionsKeepCountsExactAcrossEightThreads(String headers) throws Exception {
        FtRuntime rt = start();
        ExtensionModule m = load(rt, headers);
        long baseline = rt.liveObjects();
        try (PyObjectHandle a = (PyObjectHandle) m.call("Counter", 0L, "a");
                PyObjectHandle b = (PyObjectHandle) m.call("Counter", 1_000_000L, "b")) {
            assertEquals("Counter(0, label='a')", a.repr());
            Concurrent.run(THREADS, i -> () -> a.callMethod("add_many", (long) PER_THREAD));
            assertEquals((long) THREADS * PER_THREAD, a.getAttr("value"));
            // Transfers in both directions from many threads: each locks both counters (lower address first).
            Concurrent.run(THREADS, i -> () -> {
                for (int k = 0; k < 2_000; k++) {
                    if (i % 2 == 0) {
                        a.callMethod("transfer", b, 3L);
                    } else {
                        b.callMethod("transfer", a, 3L);
                    }
                }
                return null;
            });
            assertEquals((long) THREADS * PER_THREAD + 1_000_000L, (long) a.getAttr("value") + (long) b.getAttr("value"));
            assertEquals((long) THREADS * PER_THREAD, a.getAttr("value"), "equal transfers both ways cancel out");
            Concurrent.run(THREADS, i -> () -> {
                for (int k = 0; k < 1_000; k++) {
                    a.callMethod("record", (long) k);
                }
                return null;
            });
            assertEquals(THREADS * 1_000, ((java.util.List<?>) a.getAttr("history")).size());
            assertEquals("a", a.getAttr("label"));
        }
        assertEquals(baseline, Concurrent.awaitLiveObjects(rt, baseline), "instances and their lists are freed when the handles close");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftcheck", "real"})
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void moduleStateMutexAndDefiningClassSeeEveryCall(String headers) throws Exception {
        FtRuntime rt = start();
        ExtensionModule m = load(rt, headers);
        Concurrent.run(THREADS, i -> () -> m.call("bump_many", (long) PER_THREAD));
        assertEquals((long) THREADS * PER_THREAD, m.call("calls"));
        try (PyObjectHandle c = (PyObjectHandle) m.call("Counter")) {
            assertEquals((long) THREADS * PER_THREAD, c.callMethod("module_calls"));
            assertEquals(5L, c.callMethod("increment", 5L));
            PythonException e = assertThrows(PythonException.class, () -> c.callMethod("transfer", 1L, 2L));
            assertEquals("TypeError", e.pythonType());
            assertEquals("transfer() needs a ftmulti.Counter, not int", e.pythonMessage());
        }
    }
}
