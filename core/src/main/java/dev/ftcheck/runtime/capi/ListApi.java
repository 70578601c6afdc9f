package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.checked.BorrowedResults;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Tuples;

/** listobject.h: lists; every mutation and strong read happens inside the list's critical section. */
public final class ListApi {
    private ListApi() {}

    static long checkList(long op) {
        if (op == 0 || !Lists.isList(op)) {
            throw PyRaise.badInternalCall();
        }
        return op;
    }

    @CApi
    public static long PyList_New(long size) {
        if (size < 0) {
            throw PyRaise.badInternalCall();
        }
        return Lists.create(size);
    }

    @CApi
    public static long PyList_GetItem(long list, long index) {
        return BorrowedResults.noted(Lists.getBorrowed(checkList(list), index), BorrowedResults.Api.LIST_GET_ITEM);
    }

    @CApi
    public static int PyList_SetItem(long list, long index, long item) {
        if (list == 0 || !Lists.isList(list)) {
            Native.xdecref(item);
            throw PyRaise.badInternalCall();
        }
        Lists.set(list, index, item);
        return 0;
    }

    @CApi
    public static int PyList_Insert(long list, long index, long item) {
        checkList(list);
        if (item == 0) {
            throw PyRaise.badInternalCall();
        }
        Lists.insert(list, index, item);
        return 0;
    }

    @CApi
    public static int PyList_Append(long list, long item) {
        checkList(list);
        if (item == 0) {
            throw PyRaise.badInternalCall();
        }
        Lists.append(list, item);
        return 0;
    }

    @CApi
    public static long PyList_GetSlice(long list, long low, long high) {
        long[] items = Lists.snapshot(checkList(list));
        int n = items.length;
        int lo = (int) Math.max(0, Math.min(low, n));
        int hi = (int) Math.max(lo, Math.min(high, n));
        long r = Lists.create(hi - lo);
        for (int i = 0; i < n; i++) {
            if (i >= lo && i < hi) {
                Lists.set(r, i - lo, items[i]);
            } else {
                Native.decref(items[i]);
            }
        }
        return r;
    }

    @CApi
    public static int PyList_SetSlice(long list, long low, long high, long itemlist) {
        checkList(list);
        long[] items = null;
        if (itemlist != 0) {
            items = Iteration.toArray(itemlist);
        }
        Lists.setSlice(list, low, high, items);
        return 0;
    }

    @CApi
    public static int PyList_Extend(long list, long iterable) {
        checkList(list);
        long[] items = Iteration.toArray(iterable);
        long n = Lists.size(list);
        Lists.setSlice(list, n, n, items);
        return 0;
    }

    @CApi
    public static int PyList_Clear(long list) {
        checkList(list);
        Lists.setSlice(list, 0, Long.MAX_VALUE, null);
        return 0;
    }

    @CApi
    public static int PyList_Reverse(long list) {
        long[] items = Lists.snapshot(checkList(list));
        long[] rev = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            rev[i] = items[items.length - 1 - i];
        }
        Lists.setSlice(list, 0, Long.MAX_VALUE, rev);
        return 0;
    }

    @CApi
    public static int PyList_Sort(long list) {
        long[] items = Lists.snapshot(checkList(list));
        Long[] boxed = new Long[items.length];
        for (int i = 0; i < items.length; i++) {
            boxed[i] = items[i];
        }
        java.util.Arrays.sort(boxed, (a, b) -> dev.ftcheck.runtime.obj.Compare.compare(a, b));
        long[] sorted = new long[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            sorted[i] = boxed[i];
        }
        Lists.setSlice(list, 0, Long.MAX_VALUE, sorted);
        return 0;
    }

    @CApi
    public static long PyList_AsTuple(long list) {
        long[] items = Lists.snapshot(checkList(list));
        return Tuples.of(items);
    }
}
