package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.runtime.ExtensionModule;
import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.GilSetting;
import dev.ftcheck.runtime.RuntimeOptions;
import dev.ftcheck.runtime.diag.Diagnostic;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** C-created threads through PyGILState_Ensure, the PyDict_Next race check, and the codec registry under threads. */
class ThreadsAndRacesTest {
    private static FtRuntime start() {
        return FtRuntime.start(RuntimeOptions.defaults().withGil(GilSetting.DEFAULT).withStderr(null));
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void cThreadsWithGilStateEnsureAppendExactly() {
        FtRuntime rt = start();
        ExtensionModule m = rt.load(Samples.build("ftpthreads"));
        m.call("reset");
        assertEquals(80_000L, m.call("run", 8L, 10_000L));
        long n = 80_000;
        assertEquals(n * (n - 1) / 2, m.call("total"));
        assertTrue(rt.diagnostics().events().stream().noneMatch(d -> d.kind().equals("no-thread-state")),
                rt.diagnostics().events().toString());
    }

    @Test
    void cThreadWithoutThreadStateIsDiagnosed() {
        FtRuntime rt = start();
        ExtensionModule m = rt.load(Samples.build("ftpthreads"));
        m.call("rogue");
        assertTrue(rt.diagnostics().events().stream().anyMatch(d -> d.kind().equals("no-thread-state")
                && "PyList_New".equals(d.cFunction())), rt.diagnostics().events().toString());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void dictNextRacingAMutatorIsReportedWithOriginAndBothThreads() throws Exception {
        FtRuntime rt = start();
        ExtensionModule m = rt.load(Samples.build("ftdictrace"));
        // The mutator keeps going until the iterator is done; the iterator walks until a race is seen (bounded).
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Concurrent.run(2, i -> () -> {
            Thread.currentThread().setName(i == 0 ? "mutator" : "iterator");
            if (i == 0) {
                while (!done.get()) {
                    m.call("mutate", 2_000L);
                }
            } else {
                try {
                    while (System.nanoTime() < deadline && rt.diagnostics().events().stream()
                            .noneMatch(d -> d.kind().equals("dict-iteration-race"))) {
                        m.call("iterate", 50L);
                    }
                } finally {
                    done.set(true);
                }
            }
            return null;
        });
        List<Diagnostic> races = rt.diagnostics().events().stream()
                .filter(d -> d.kind().equals("dict-iteration-race")).toList();
        assertTrue(!races.isEmpty(), "no race reported; events: " + rt.diagnostics().events());
        Diagnostic d = races.get(0);
        assertEquals("PyDict_Next", d.cFunction());
        assertEquals("iterator", d.thread());
        assertTrue(d.message().contains("thread 'mutator'"), d.message());
        assertTrue(d.message().contains("iterating thread 'iterator'"), d.message());
        assertTrue(d.message().contains("dict created by PyDict_New in import of ftdictrace"), d.message());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void dictNextInsideACriticalSectionIsNotReported() throws Exception {
        FtRuntime rt = start();
        ExtensionModule m = rt.load(Samples.build("ftdictrace"));
        Concurrent.run(2, i -> () -> {
            Thread.currentThread().setName(i == 0 ? "mutator2" : "locked-iterator");
            return i == 0 ? m.call("mutate", 100_000L) : m.call("iterate_locked", 1_000L);
        });
        assertTrue(rt.diagnostics().events().stream().noneMatch(d -> d.kind().equals("dict-iteration-race")),
                rt.diagnostics().events().toString());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void codecRegistryKeepsEveryThreadsRegistrations() throws Exception {
        FtRuntime rt = start();
        ExtensionModule m = rt.load(Samples.build("ftcodecs"));
        int threads = 8;
        long n = 500;
        List<Object> hits = Concurrent.run(threads, i -> () -> m.call("churn", (long) i, n));
        for (Object h : hits) {
            assertEquals(2 * n, h);
        }
        assertEquals(2 * n * threads, m.call("census", (long) threads, n));
    }
}
