package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;

/** descrobject.h additions (the descriptor constructors PyDescr_NewMethod/Member/GetSet are in TypeApi). */
public final class DescrApi {
    private DescrApi() {}

    /** Data descriptors define __set__: member and getset descriptors do, method descriptors do not. */
    @CApi
    public static int PyDescr_IsData(long o) {
        TypeKind k = Types.kindOf(o);
        if (k == TypeKind.MEMBER_DESCR || k == TypeKind.GETSET_DESCR) {
            return 1;
        }
        return Mem.getLong(Heap.type(o) + TP_DESCR_SET) != 0 ? 1 : 0;
    }
}
