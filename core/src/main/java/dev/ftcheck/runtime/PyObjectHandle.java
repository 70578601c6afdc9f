package dev.ftcheck.runtime;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Repr;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An opaque strong reference to a Python object with no plain Java counterpart (extension instances, types,
 * functions...). Close it to drop the reference; until then the object stays alive.
 */
public final class PyObjectHandle implements AutoCloseable {
    private final FtRuntime runtime;
    private final long address;
    private final AtomicBoolean closed = new AtomicBoolean();

    PyObjectHandle(FtRuntime runtime, long address) {
        this.runtime = runtime;
        this.address = address;
    }

    public long address() {
        if (closed.get()) {
            throw new IllegalStateException("handle already closed");
        }
        return address;
    }

    /** repr() of the object. */
    public String repr() {
        return runtime.withThreadState("repr", () -> Repr.repr(address()));
    }

    /** obj.name(*args) converted to Java. */
    public Object callMethod(String name, Object... args) {
        return runtime.invokeMethod(address(), name, args).value();
    }

    /** obj(*args) converted to Java. */
    public Object call(Object... args) {
        return runtime.invokeCallable(address(), "object", args).value();
    }

    public Object getAttr(String name) {
        return runtime.getAttr(address(), name);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            runtime.withThreadState("close", () -> {
                Native.decref(address);
                return null;
            });
        }
    }

    @Override
    public String toString() {
        return repr();
    }
}
