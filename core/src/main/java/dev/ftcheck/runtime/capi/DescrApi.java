package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Descriptors;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;

/** descrobject.h: descriptors for methods, members and getsets, and member access through a PyMemberDef. */
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

    @CApi
    public static long PyDescr_NewMethod(long type, long ml) {
        return Descriptors.create(Types.METHOD_DESCR, type, ml);
    }

    @CApi
    public static long PyDescr_NewMember(long type, long member) {
        return Descriptors.create(Types.MEMBER_DESCR, type, member);
    }

    @CApi
    public static long PyDescr_NewGetSet(long type, long getset) {
        return Descriptors.create(Types.GETSET_DESCR, type, getset);
    }

    @CApi
    public static long PyMember_GetOne(long objAddr, long member) {
        return Descriptors.Members.get(objAddr, member);
    }

    @CApi
    public static int PyMember_SetOne(long objAddr, long member, long value) {
        Descriptors.Members.set(objAddr, member, value);
        return 0;
    }
}
