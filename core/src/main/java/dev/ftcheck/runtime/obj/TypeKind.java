package dev.ftcheck.runtime.obj;

/** Which built-in implementation an object's type (or its nearest built-in base) uses. */
public enum TypeKind {
    OBJECT, TYPE, NONE, NOTIMPLEMENTED, ELLIPSIS, BOOL, INT, FLOAT, STR, BYTES, BYTEARRAY, TUPLE, LIST, DICT, SET,
    FROZENSET, MODULE, CFUNCTION, METHOD_DESCR, MEMBER_DESCR, GETSET_DESCR, SLICE, CAPSULE, WEAKREF, ITERATOR,
    CONTEXT, CONTEXTVAR, CONTEXT_TOKEN, EXCEPTION, EXTENSION
}
