package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;

/** None, True, False, NotImplemented and Ellipsis: the bridge's static, immortal objects. */
public final class Singletons {
    public static long NONE, TRUE, FALSE, NOTIMPLEMENTED, ELLIPSIS;

    private Singletons() {}

    public static synchronized void init(Bridge bridge) {
        NONE = fill(bridge.require("_Py_NoneStruct"), Types.NONE_TYPE);
        NOTIMPLEMENTED = fill(bridge.require("_Py_NotImplementedStruct"), Types.NOTIMPL_TYPE);
        ELLIPSIS = fill(bridge.require("_Py_EllipsisObject"), Types.ELLIPSIS_TYPE);
        TRUE = fill(bridge.require("_Py_TrueStruct"), Types.BOOL);
        FALSE = fill(bridge.require("_Py_FalseStruct"), Types.BOOL);
        Mem.putLong(TRUE + LONG_TAG, Ints.tag(1, 1));
        Mem.putInt(TRUE + LONG_DIGITS, 1);
        Mem.putLong(FALSE + LONG_TAG, Ints.tag(0, 0));
        Mem.putInt(FALSE + LONG_DIGITS, 0);
    }

    private static long fill(long addr, long type) {
        Heap.immortalize(addr);
        Mem.putShort(addr + OB_FLAGS, (short) 0);
        Mem.putByte(addr + OB_MUTEX, (byte) 0);
        Mem.putLong(addr + OB_TYPE, type);
        return addr;
    }

    public static long bool(boolean b) {
        return b ? TRUE : FALSE;
    }
}
