package dev.ftcheck.runtime.nat;

/**
 * Static shortcuts for the bridge's allocation, reference-count and locking entry points. They rethrow nothing
 * checked: a failing downcall is a broken installation and surfaces as an {@link IllegalStateException}.
 */
public final class Native {
    private Native() {}

    private static RuntimeException broken(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** Zeroed object-domain storage, counted as a live object. */
    public static long objectNew(long size) {
        try {
            long p = (long) Bridge.get().objectNew.invokeExact(size);
            if (p == 0) {
                throw new OutOfMemoryError("object allocation of " + size + " bytes failed");
            }
            return p;
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    public static void objectFree(long p) {
        try {
            Bridge.get().objectFree.invokeExact(p);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    public static long memMalloc(long size) {
        try {
            long p = (long) Bridge.get().memMalloc.invokeExact(size);
            if (p == 0) {
                throw new OutOfMemoryError("allocation of " + size + " bytes failed");
            }
            return p;
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    public static long memRealloc(long p, long size) {
        try {
            long q = (long) Bridge.get().memRealloc.invokeExact(p, size);
            if (q == 0) {
                throw new OutOfMemoryError("reallocation to " + size + " bytes failed");
            }
            return q;
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    public static void memFree(long p) {
        try {
            Bridge.get().memFree.invokeExact(p);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    public static void markObject(long p) {
        try {
            Bridge.get().markObject.invokeExact(p);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** Takes an object that became immortal out of the live-object count (no-op for non-heap storage). */
    public static void immortalized(long p) {
        try {
            Bridge.get().immortalized.invokeExact(p);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** Checked mode: code of the object holding {@code address} is extension code, which reports name. */
    public static void registerExtension(long address) {
        try {
            Bridge.get().registerExtension.invokeExact(address);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    public static long liveObjects() {
        try {
            return (long) Bridge.get().liveObjects.invokeExact();
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    public static void setAttached(boolean attached) {
        try {
            Bridge.get().setAttached.invokeExact(attached ? 1 : 0);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** Merges decrefs other threads queued for objects this thread owns (biased reference counting). */
    public static void mergePending() {
        try {
            int n = (int) Bridge.get().mergePending.invokeExact();
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /**
     * Registers the calling thread as an object owner (idempotent) and returns its id, the ob_tid of objects it
     * creates: the thread pointer, as {@code _Py_ThreadId} sees it.
     */
    public static long threadId() {
        try {
            return (long) Bridge.get().threadId.invokeExact();
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** The bridge's offsetof of a struct _ts field (ftb_tstate_offset's numbering); used once per field. */
    public static long tstateOffset(int field) {
        try {
            long off = (long) Bridge.get().fn("ftb_tstate_offset", java.lang.foreign.FunctionDescriptor.of(
                    java.lang.foreign.ValueLayout.JAVA_LONG, java.lang.foreign.ValueLayout.JAVA_INT), false)
                    .invokeExact(field);
            if (off < 0) {
                throw new IllegalStateException("no struct _ts field " + field);
            }
            return off;
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    public static void incref(long op) {
        try {
            Bridge.get().incref.invokeExact(op);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** Py_DECREF; may run the object's tp_dealloc (and so call back into Java). */
    public static void decref(long op) {
        try {
            Bridge.get().decref.invokeExact(op);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    public static void xdecref(long op) {
        if (op != 0) {
            decref(op);
        }
    }

    public static void criticalBegin(long cs, long op) {
        try {
            Bridge.get().csBegin.invokeExact(cs, op);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    public static void criticalEnd(long cs) {
        try {
            Bridge.get().csEnd.invokeExact(cs);
        } catch (Throwable t) {
            throw broken(t);
        }
    }
}
