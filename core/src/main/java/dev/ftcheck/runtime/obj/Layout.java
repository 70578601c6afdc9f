package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.abi.ProcessAbi;

/**
 * Offsets and sizes of CPython's free-threaded 64-bit layout, for the process's ABI (3.13 or 3.14; measured with
 * offsetof against the real headers built with -DPy_GIL_DISABLED=1; the ABI probe tests keep ftcheck's headers
 * equal to them). The few that differ between the two are chosen once, when the class initialises.
 */
public final class Layout {
    private Layout() {}

    private static final boolean V314 = ProcessAbi.is314();

    // Object header.
    public static final long OB_TID = 0;
    public static final long OB_FLAGS = 8;
    public static final long OB_MUTEX = 10;
    public static final long OB_GC_BITS = 11;
    public static final long OB_REF_LOCAL = 12;
    public static final long OB_REF_SHARED = 16;
    public static final long OB_TYPE = 24;
    public static final long OB_SIZE = 32;
    public static final long HEAD = 32;
    public static final long VAR_HEAD = 40;
    public static final int IMMORTAL_LOCAL = -1; // UINT32_MAX
    /** What Py_REFCNT reports for an immortal object: 3.14 answers _Py_IMMORTAL_INITIAL_REFCNT (3 << 30). */
    public static final long IMMORTAL_REFCNT_REPORTED = V314 ? 3L << 30 : 0xFFFFFFFFL;

    // PyTypeObject.
    public static final long TP_NAME = 40;
    public static final long TP_BASICSIZE = 48;
    public static final long TP_ITEMSIZE = 56;
    public static final long TP_DEALLOC = 64;
    public static final long TP_VECTORCALL_OFFSET = 72;
    public static final long TP_AS_ASYNC = 96;
    public static final long TP_REPR = 104;
    public static final long TP_AS_NUMBER = 112;
    public static final long TP_AS_SEQUENCE = 120;
    public static final long TP_AS_MAPPING = 128;
    public static final long TP_HASH = 136;
    public static final long TP_CALL = 144;
    public static final long TP_STR = 152;
    public static final long TP_GETATTRO = 160;
    public static final long TP_SETATTRO = 168;
    public static final long TP_AS_BUFFER = 176;
    public static final long TP_FLAGS = 184;
    public static final long TP_DOC = 192;
    public static final long TP_TRAVERSE = 200;
    public static final long TP_CLEAR = 208;
    public static final long TP_RICHCOMPARE = 216;
    public static final long TP_WEAKLISTOFFSET = 224;
    public static final long TP_ITER = 232;
    public static final long TP_ITERNEXT = 240;
    public static final long TP_METHODS = 248;
    public static final long TP_MEMBERS = 256;
    public static final long TP_GETSET = 264;
    public static final long TP_BASE = 272;
    public static final long TP_DICT = 280;
    public static final long TP_DESCR_GET = 288;
    public static final long TP_DESCR_SET = 296;
    public static final long TP_DICTOFFSET = 304;
    public static final long TP_INIT = 312;
    public static final long TP_ALLOC = 320;
    public static final long TP_NEW = 328;
    public static final long TP_FREE = 336;
    public static final long TP_IS_GC = 344;
    public static final long TP_BASES = 352;
    public static final long TP_MRO = 360;
    public static final long TP_FINALIZE = 408;
    public static final long TP_VECTORCALL = 416;
    public static final long TYPE_SIZE = 432;
    /** 3.14 adds ht_token (the Py_tp_token slot) after ht_module. */
    public static final long HEAPTYPE_SIZE = V314 ? 960 : 944;
    public static final long HT_AS_ASYNC = 432;
    public static final long HT_AS_NUMBER = 464;
    public static final long HT_AS_MAPPING = 752;
    public static final long HT_AS_SEQUENCE = 776;
    public static final long HT_AS_BUFFER = 856;
    public static final long HT_NAME = 872;
    public static final long HT_QUALNAME = 888;
    public static final long HT_MODULE = 904;
    public static final long HT_TOKEN = 920; // 3.14 only

    // tp_flags.
    public static final long TPF_STATIC_BUILTIN = 1L << 1;
    public static final long TPF_MANAGED_DICT = 1L << 4;
    /** Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING: what a match statement's class patterns read. */
    public static final long TPF_SEQUENCE = 1L << 5;
    public static final long TPF_MAPPING = 1L << 6;
    public static final long TPF_HEAPTYPE = 1L << 9;
    public static final long TPF_BASETYPE = 1L << 10;
    public static final long TPF_HAVE_VECTORCALL = 1L << 11;
    public static final long TPF_READY = 1L << 12;
    public static final long TPF_READYING = 1L << 13;
    public static final long TPF_HAVE_GC = 1L << 14;
    public static final long TPF_METHOD_DESCRIPTOR = 1L << 17;
    public static final long TPF_IMMUTABLETYPE = 1L << 8;
    public static final long TPF_DISALLOW_INSTANTIATION = 1L << 7;
    public static final long TPF_ITEMS_AT_END = 1L << 23;
    public static final long TPF_LONG_SUBCLASS = 1L << 24;
    public static final long TPF_LIST_SUBCLASS = 1L << 25;
    public static final long TPF_TUPLE_SUBCLASS = 1L << 26;
    public static final long TPF_BYTES_SUBCLASS = 1L << 27;
    public static final long TPF_UNICODE_SUBCLASS = 1L << 28;
    public static final long TPF_DICT_SUBCLASS = 1L << 29;
    public static final long TPF_BASE_EXC_SUBCLASS = 1L << 30;
    public static final long TPF_TYPE_SUBCLASS = 1L << 31;

    // Slots in the number/sequence/mapping tables (byte offsets).
    public static final long NB_ADD = 0;
    public static final long SQ_LENGTH = 0;
    public static final long SQ_ITEM = 24;
    public static final long MP_LENGTH = 0;
    public static final long MP_SUBSCRIPT = 8;

    // PyModuleDef.
    public static final long MD_BASE_INIT = 32;
    public static final long MD_BASE_INDEX = 40;
    public static final long MD_NAME = 56;
    public static final long MD_DOC = 64;
    public static final long MD_SIZE = 72;
    public static final long MD_METHODS = 80;
    public static final long MD_SLOTS = 88;
    public static final long MD_TRAVERSE = 96;
    public static final long MD_CLEAR = 104;
    public static final long MD_FREE = 112;

    // PyMethodDef (32 bytes), PyMemberDef (40), PyGetSetDef (40), PyType_Spec, PyType_Slot (16).
    public static final long METHODDEF_SIZE = 32;
    public static final long MEMBERDEF_SIZE = 40;
    public static final long GETSETDEF_SIZE = 40;

    // Concrete objects.
    public static final long LONG_TAG = 32;
    public static final long LONG_DIGITS = 40;
    public static final long FLOAT_FVAL = 32;
    public static final long FLOAT_SIZE = 40;
    /** 3.14 caches the tuple's hash (ob_hash) at 40, before the items. */
    public static final long TUPLE_HASH = 40; // 3.14 only
    public static final long TUPLE_ITEMS = V314 ? 48 : 40;
    public static final long LIST_ITEMS = 40;
    public static final long LIST_ALLOCATED = 48;
    public static final long LIST_SIZE = 56;
    public static final long BYTES_HASH = 40;
    public static final long BYTES_SVAL = 48;
    public static final long BYTEARRAY_ALLOC = 40;
    public static final long BYTEARRAY_BYTES = 48;
    public static final long BYTEARRAY_START = 56;
    public static final long BYTEARRAY_EXPORTS = 64;
    public static final long BYTEARRAY_SIZE = 72;
    public static final long STR_LENGTH = 32;
    public static final long STR_HASH = 40;
    public static final long STR_STATE = 48;
    /*
     * The PEP 393 state word. 3.13: interned is 2 bits and kind, compact, ascii, statically_allocated follow in
     * the same byte. Free-threaded 3.14 gives interned a whole byte (read atomically), so the rest move to byte 1.
     */
    public static final int STR_INTERNED_MASK = V314 ? 0xFF : 0x3;
    public static final int STR_KIND_SHIFT = V314 ? 8 : 2;
    public static final int STR_COMPACT = V314 ? 1 << 11 : 1 << 5;
    public static final int STR_ASCII = V314 ? 1 << 12 : 1 << 6;
    public static final long ASCII_SIZE = 56;
    public static final long STR_UTF8_LENGTH = 56;
    public static final long STR_UTF8 = 64;
    public static final long COMPACT_SIZE = 72;
    public static final long DICT_MA_USED = 32;
    public static final long DICT_SIZE = 64;
}
