package dev.ftcheck.runtime.capi;

/** pylifecycle.h: whether the runtime is initialized or finalizing. */
public final class LifecycleApi {
    private LifecycleApi() {}

    @CApi
    public static int Py_IsInitialized() {
        return 1;
    }

    @CApi
    public static int Py_IsFinalizing() {
        return 0;
    }
}
