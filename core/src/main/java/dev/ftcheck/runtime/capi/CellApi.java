package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.builtins.CellType;

/** cellobject.h: cell objects. */
public final class CellApi {
    private CellApi() {}

    @CApi
    public static long PyCell_New(long obj) {
        return CellType.create(obj);
    }

    /** The content as a new reference; NULL without an error when the cell is empty. */
    @CApi
    public static long PyCell_Get(long cell) {
        if (cell == 0 || !CellType.isCell(cell)) {
            throw PyRaise.badInternalCall();
        }
        return CellType.get(cell);
    }

    @CApi
    public static int PyCell_Set(long cell, long value) {
        if (cell == 0 || !CellType.isCell(cell)) {
            throw PyRaise.badInternalCall();
        }
        CellType.set(cell, value);
        return 0;
    }
}
