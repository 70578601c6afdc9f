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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CPython's GIL policy: transient during init, permanent with the exact warning, overrides without warnings. */
class GilPolicyTest {
    static final String WARNING = "RuntimeWarning: The global interpreter lock (GIL) has been enabled to load module"
            + " 'ftgilneeded', which has not declared that it can run safely without the GIL. To override this"
            + " behavior and keep the GIL disabled (at your own risk), run with PYTHON_GIL=0 or -Xgil=0.";

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private FtRuntime start(GilSetting g) {
        return FtRuntime.start(RuntimeOptions.defaults().withGil(g)
                .withStderr(new PrintStream(stderr, true, StandardCharsets.UTF_8)));
    }

    @Test
    void moduleWithoutDeclarationEnablesTheGilWithCpythonsWarning() {
        FtRuntime rt = start(GilSetting.DEFAULT);
        rt.load(Samples.build("ftsingle"));
        assertFalse(rt.gilEnabled(), "a module declaring Py_MOD_GIL_NOT_USED leaves the GIL off after init");
        ExtensionModule m = rt.load(Samples.build("ftgilneeded"));
        assertEquals("none (the GIL is required by default)", m.gilDeclaration());
        assertTrue(rt.gilEnabled());
        assertEquals(List.of(WARNING), rt.diagnostics().warnings());
        assertEquals(WARNING + System.lineSeparator(), stderr.toString(StandardCharsets.UTF_8));
        assertEquals("enabled: module 'ftgilneeded' did not declare Py_MOD_GIL_NOT_USED", rt.gilPolicy().reason());
        rt.load(Samples.build("ftmulti"));
        assertTrue(rt.gilEnabled(), "once enabled by an import the GIL stays on");
    }

    @Test
    void singlePhaseModuleWithoutSetGilEnablesTheGilWithTheSameWarning() {
        FtRuntime rt = start(GilSetting.DEFAULT);
        ExtensionModule m = rt.load(Samples.build("ftlegacy"));
        assertEquals(ExtensionModule.InitStyle.SINGLE_PHASE, m.initStyle());
        assertTrue(rt.gilEnabled());
        String expected = WARNING.replace("'ftgilneeded'", "'ftlegacy'");
        assertEquals(List.of(expected), rt.diagnostics().warnings());
        assertEquals(expected + System.lineSeparator(), stderr.toString(StandardCharsets.UTF_8));
        assertEquals(1L, m.call("hit"));
    }

    /**
     * Only the import that turns the GIL on warns: real CPython 3.13.15t, importing two undeclared modules in one
     * process (even with -W always), prints the warning for the first alone.
     */
    @Test
    void aSecondUndeclaredModuleFindsTheGilOnAndDoesNotWarn() {
        FtRuntime rt = start(GilSetting.DEFAULT);
        rt.load(Samples.build("ftgilneeded"));
        rt.load(Samples.build("ftlegacy"));
        assertTrue(rt.gilEnabled());
        assertEquals(List.of(WARNING), rt.diagnostics().warnings());
        assertEquals("enabled: module 'ftgilneeded' did not declare Py_MOD_GIL_NOT_USED", rt.gilPolicy().reason());
    }

    @Test
    void pythonGil0KeepsTheGilOffWithoutWarning() {
        FtRuntime rt = start(GilSetting.parse("0"));
        rt.load(Samples.build("ftgilneeded"));
        assertFalse(rt.gilEnabled());
        assertTrue(rt.diagnostics().warnings().isEmpty());
        assertEquals("", stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pythonGil1ForcesTheGilOnWithoutWarning() {
        FtRuntime rt = start(GilSetting.parse("1"));
        assertTrue(rt.gilEnabled());
        rt.load(Samples.build("ftmulti"));
        rt.load(Samples.build("ftgilneeded"));
        assertTrue(rt.gilEnabled());
        assertTrue(rt.diagnostics().warnings().isEmpty());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void withTheGilOnUnguardedModuleStateIsSerialised() throws Exception {
        FtRuntime rt = start(GilSetting.DEFAULT);
        ExtensionModule m = rt.load(Samples.build("ftgilneeded"));
        assertTrue(rt.gilEnabled());
        m.call("reset");
        Concurrent.run(8, i -> () -> {
            for (int k = 0; k < 50; k++) {
                m.call("add", 2_000L);
            }
            return null;
        });
        assertEquals(8L * 50 * 2_000, m.call("value"), "the GIL serialises the module's racy read-modify-write");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void allowThreadsReleasesTheGil() throws Exception {
        FtRuntime rt = start(GilSetting.DEFAULT);
        ExtensionModule m = rt.load(Samples.build("ftgilneeded"));
        assertTrue(rt.gilEnabled());
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            entered.countDown();
            m.call("sleep_detached", 5.0);
        }, "sleeper");
        sleeper.start();
        entered.await();
        Thread.sleep(300); // let the sleeper get inside Py_BEGIN_ALLOW_THREADS
        m.call("value"); // needs the GIL: completes only because the sleeper released it
        assertTrue(sleeper.isAlive(), "a GIL-holding sleeper would have finished before this call could run");
        sleeper.join();
    }

    @Test
    void twoGilSlotsAreRejected() {
        FtRuntime rt = start(GilSetting.DEFAULT);
        PythonException e = assertThrows(PythonException.class, () -> rt.load(Samples.build("fttwogil")));
        assertEquals("SystemError", e.pythonType());
        assertEquals("module fttwogil has more than one 'gil' slot", e.pythonMessage());
        assertFalse(rt.gilEnabled(), "a failed import does not leave the transient GIL on");
    }
}
