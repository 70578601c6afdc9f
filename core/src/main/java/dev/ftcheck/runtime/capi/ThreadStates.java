package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.thread.ThreadState;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PyThreadState* blocks handed to C and what each stands for. A thread gets one implicitly the first time it
 * needs one (PyThreadState_Get, PyEval_SaveThread, ...); PyThreadState_New makes more, which a thread takes on by
 * attaching with them (PyEval_RestoreThread, PyThreadState_Swap). The interpreter's list of thread states is
 * newest first, as CPython's.
 */
final class ThreadStates {
    private static final ValueLayout.OfLong J = ValueLayout.JAVA_LONG;

    /** One thread-state block. {@code owner} is the thread that last took it on (the creator until then). */
    static final class Entry {
        final long block;
        final long seq;
        /** Made by PyThreadState_New: lives until PyThreadState_Delete, not just as long as its thread. */
        final boolean explicit;
        volatile ThreadState owner;

        Entry(long block, long seq, boolean explicit, ThreadState owner) {
            this.block = block;
            this.seq = seq;
            this.explicit = explicit;
            this.owner = owner;
        }

        boolean alive() {
            ThreadState o = owner;
            return explicit || (o != null && o.thread.isAlive());
        }
    }

    private static final ConcurrentHashMap<Long, Entry> BY_BLOCK = new ConcurrentHashMap<>();
    private static final ConcurrentSkipListMap<Long, Entry> BY_AGE = new ConcurrentSkipListMap<>();
    private static final AtomicLong SEQ = new AtomicLong();
    private static volatile MethodHandle blockNew;
    private static volatile MethodHandle blockFree;
    private static volatile MethodHandle setInterp;
    private static volatile long interp;

    private ThreadStates() {}

    static {
        ThreadState.installBlockMaker(ts -> {
            long b = create(ts, false).block;
            ts.tstateBlock = b;
            return b;
        });
    }

    /** Makes sure thread-state blocks can be made (installs the maker {@link ThreadState#block()} uses). */
    static void init() {}

    /** The interpreter's PyInterpreterState* (the runtime has one interpreter). */
    static long interpreter() {
        long i = interp;
        if (i == 0) {
            try {
                i = (long) Bridge.get().fn("ftb_interp_block", FunctionDescriptor.of(J), false).invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            interp = i;
        }
        return i;
    }

    /** A fresh block for {@code owner}, registered. */
    static Entry create(ThreadState owner, boolean explicit) {
        long block;
        try {
            MethodHandle h = blockNew;
            if (h == null) {
                h = Bridge.get().fn("ftb_tstate_block_new", FunctionDescriptor.of(J), false);
                blockNew = h;
            }
            block = (long) h.invokeExact();
            if (block == 0) {
                throw new OutOfMemoryError("thread state block");
            }
            MethodHandle s = setInterp;
            if (s == null) {
                s = Bridge.get().fn("ftb_tstate_set_interp", FunctionDescriptor.ofVoid(J, J), false);
                setInterp = s;
            }
            s.invokeExact(block, interpreter());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        Entry e = new Entry(block, SEQ.incrementAndGet(), explicit, owner);
        BY_BLOCK.put(block, e);
        BY_AGE.put(e.seq, e);
        return e;
    }

    static Entry get(long block) {
        return block == 0 ? null : BY_BLOCK.get(block);
    }

    /** Forgets a block and frees it. */
    static void delete(Entry e) {
        if (BY_BLOCK.remove(e.block, e)) {
            clear(e.block);
            BY_AGE.remove(e.seq, e);
            try {
                MethodHandle h = blockFree;
                if (h == null) {
                    h = Bridge.get().fn("ftb_tstate_block_free", FunctionDescriptor.ofVoid(J), false);
                    blockFree = h;
                }
                h.invokeExact(e.block);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** The newest live thread state older than {@code seq} (Long.MAX_VALUE: the newest of all), or 0. */
    static long olderThan(long seq) {
        for (Map.Entry<Long, Entry> m = BY_AGE.lowerEntry(seq); m != null; m = BY_AGE.lowerEntry(m.getKey())) {
            if (m.getValue().alive()) {
                return m.getValue().block;
            }
        }
        return 0;
    }

    /**
     * This thread's PyThreadState*: a block laid out like CPython 3.13t's struct _ts where real-header binaries
     * look (Py_TRASHCAN_BEGIN/END read c_recursion_remaining and delete_later in it), from the bridge.
     */
    static long token() {
        return ThreadState.current().block();
    }

    /**
     * Releases what a block holds (PyThreadState_Clear): its error indicator and the handled exception of its own
     * level (exc_state); exc_info goes back to exc_state.
     */
    static void clear(long block) {
        long cur = block + Native.tstateOffset(1);
        long info = block + Native.tstateOffset(2);
        long state = block + Native.tstateOffset(3);
        long exc = Mem.getLong(cur);
        Mem.putLong(cur, 0);
        long handled = Mem.getLong(state);
        Mem.putLong(state, 0);
        Mem.putLong(info, state);
        Native.xdecref(exc);
        Native.xdecref(handled);
    }
}
