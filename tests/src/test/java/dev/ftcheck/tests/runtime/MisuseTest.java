package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.runtime.ExtensionModule;
import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.GilSetting;
import dev.ftcheck.runtime.RuntimeOptions;
import dev.ftcheck.runtime.diag.Diagnostic;
import dev.ftcheck.tests.support.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checked allocators, missing thread states and fatal PyMutex misuse produce their diagnostics. */
class MisuseTest {
    private static FtRuntime start() {
        return FtRuntime.start(RuntimeOptions.defaults().withGil(GilSetting.DEFAULT).withStderr(null));
    }

    private static List<Diagnostic> newEvents(FtRuntime rt, int before) {
        List<Diagnostic> all = rt.diagnostics().events();
        return all.subList(before, all.size());
    }

    @Test
    void objectDomainBufferIsReportedAsMisuse() {
        FtRuntime rt = start();
        ExtensionModule m = rt.load(Samples.build("ftmemory"));
        int before = rt.diagnostics().events().size();
        assertEquals(16, ((byte[]) m.call("object_domain_buffer", 16L)).length);
        List<Diagnostic> ev = newEvents(rt, before);
        assertEquals(1, ev.size(), ev.toString());
        assertEquals("buffer-misuse", ev.get(0).kind());
        assertEquals("PyObject_Free", ev.get(0).cFunction());
        assertTrue(ev.get(0).message().contains("allocate buffers with PyMem_Malloc"), ev.get(0).message());
    }

    @Test
    void wrongDomainFreeNamesBothDomainsInCpythonsWords() {
        FtRuntime rt = start();
        ExtensionModule m = rt.load(Samples.build("ftmemory"));
        int before = rt.diagnostics().events().size();
        m.call("wrong_domain_free");
        List<Diagnostic> ev = newEvents(rt, before);
        assertEquals(1, ev.size(), ev.toString());
        assertEquals("wrong-domain", ev.get(0).kind());
        assertEquals("_PyMem_DebugRawFree: bad ID: Allocated using API 'm', verified using API 'r'",
                ev.get(0).message());
    }

    @Test
    void correctBufferUseIsSilent() {
        FtRuntime rt = start();
        ExtensionModule m = rt.load(Samples.build("ftmemory"));
        int before = rt.diagnostics().events().size();
        assertEquals(32, ((byte[]) m.call("mem_domain_buffer", 32L)).length);
        assertEquals(List.of(), newEvents(rt, before));
    }

    @Test
    void apiCallWithoutThreadStateIsDiagnosedNotFatal() {
        FtRuntime rt = start();
        ExtensionModule m = rt.load(Samples.build("ftmemory"));
        m.call("call_without_thread_state");
        assertTrue(rt.diagnostics().events().stream().anyMatch(d -> d.kind().equals("no-thread-state")
                && "PyList_New".equals(d.cFunction())), rt.diagnostics().events().toString());
    }

    @Test
    void unlockingAnUnlockedMutexIsAFatalErrorReportedInAChildProcess() throws Exception {
        Path so = Samples.build("ftmemory");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.ftcheck.cli.Main", "run", so.toString(), "--call",
                "unlock_unlocked_mutex()"));
        Processes.Run child = Processes.run(null, cmd, Map.of(), true, Duration.ofSeconds(120));
        assertTrue(child.problem() == null, child.describe());
        String out = child.out();
        assertTrue(out.contains("Fatal Python error: PyMutex_Unlock"), out);
        assertTrue(out.contains("fatal-error"), out);
    }
}
