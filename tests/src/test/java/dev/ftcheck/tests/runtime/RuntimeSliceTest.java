package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.runtime.ExtensionModule;
import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.GilSetting;
import dev.ftcheck.runtime.PythonException;
import dev.ftcheck.runtime.RuntimeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The single-phase sample end to end: load, call conventions, errors, and 8 threads appending to one list. */
class RuntimeSliceTest {
    private static FtRuntime start() {
        return FtRuntime.start(RuntimeOptions.defaults().withGil(GilSetting.DEFAULT).withStderr(null));
    }

    @Test
    void loadsSinglePhaseModuleDeclaringGilFree() {
        FtRuntime rt = start();
        ExtensionModule m = rt.load(Samples.build("ftsingle"));
        assertEquals("ftsingle", m.name());
        assertEquals(ExtensionModule.InitStyle.SINGLE_PHASE, m.initStyle());
        assertEquals("Py_MOD_GIL_NOT_USED", m.gilDeclaration());
        assertFalse(rt.gilEnabled());
        assertTrue(rt.diagnostics().warnings().isEmpty(), rt.diagnostics().warnings().toString());
    }

    @Test
    void callConventionsConvertArgumentsAndResults() {
        FtRuntime rt = start();
        ExtensionModule m = rt.load(Samples.build("ftsingle"));
        assertEquals(42L, m.call("double_it", 21L));
        assertEquals(3.0, m.call("double_it", 1.5));
        assertEquals(List.of(1L, "two", 3.5), m.call("echo", 1L, "two", 3.5));
        assertEquals("(1, 'two', None)", m.invoke("echo", 1L, "two", null).repr());
        PythonException e = assertThrows(PythonException.class, () -> m.call("fail", "boom"));
        assertEquals("ValueError", e.pythonType());
        assertEquals("boom", e.pythonMessage());
        PythonException s = assertThrows(PythonException.class, () -> m.call("null_without_exception"));
        assertEquals("SystemError", s.pythonType());
        assertEquals("null_without_exception() returned NULL without setting an exception", s.pythonMessage());
        PythonException t = assertThrows(PythonException.class, () -> m.call("double_it", "x"));
        assertEquals("TypeError", t.pythonType());
        assertEquals("'str' object cannot be interpreted as an integer", t.pythonMessage());
        PythonException arity = assertThrows(PythonException.class, () -> m.call("double_it"));
        assertEquals("double_it() takes exactly one argument (0 given)", arity.pythonMessage());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void eightThreadsAppendingToOneListLoseNothing() throws Exception {
        FtRuntime rt = start();
        ExtensionModule m = rt.load(Samples.build("ftsingle"));
        m.call("clear");
        long baseline = rt.liveObjects();
        int threads = 8;
        int perThread = 100_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long value = 1000 + t; // outside the small-int cache: each append shares one real object
                fs.add(pool.submit(() -> m.call("append_many", value, (long) perThread)));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals((long) threads * perThread, m.call("length"));
        long expected = 0;
        for (int t = 0; t < threads; t++) {
            expected += (1000L + t) * perThread;
        }
        assertEquals(expected, m.call("total"));
        m.call("clear");
        assertEquals(0L, m.call("length"));
        assertEquals(baseline, Concurrent.awaitLiveObjects(rt, baseline), "live objects back to baseline after clearing");
    }
}
