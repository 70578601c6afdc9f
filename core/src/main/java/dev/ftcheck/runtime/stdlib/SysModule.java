package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.abi.ProcessAbi;
import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.GilSetting;
import dev.ftcheck.runtime.capi.CevalApi;
import dev.ftcheck.runtime.capi.ErrorsApi;
import dev.ftcheck.runtime.capi.ImportApi;
import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.util.List;

/**
 * The {@code sys} module as a free-threaded CPython 3.13 on x86-64 Linux shows it to extensions: the version
 * (from the bridge's Py_Version, so it agrees with the headers), flags, limits, sys.modules and sys.path, and the
 * functions extensions call. sys.exc_info() and sys.exception() answer the thread's handled exception, as the C-API
 * keeps it (PyErr_GetHandledException). What needs an interpreter (stdout, settrace) is absent: reading it raises
 * AttributeError, as for any missing module attribute.
 */
final class SysModule {
    private static final List<String> VERSION_INFO = List.of("major", "minor", "micro", "releaselevel", "serial");
    /** sys.flags: 18 fields in the sequence, then gil (None unless PYTHON_GIL forces it). */
    private static final List<String> FLAGS = List.of("debug", "inspect", "interactive", "optimize",
            "dont_write_bytecode", "no_user_site", "no_site", "ignore_environment", "verbose", "bytes_warning",
            "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode", "warn_default_encoding", "safe_path",
            "int_max_str_digits", "gil");
    /**
     * 3.14 adds thread_inherit_context and context_aware_warnings, both 1 by default in the free-threaded build:
     * what the runtime does in either ABI (threads it starts copy the starter's context; warning filters are
     * per context).
     */
    private static final List<String> FLAGS_314 = java.util.stream.Stream.concat(FLAGS.stream(),
            java.util.stream.Stream.of("thread_inherit_context", "context_aware_warnings")).toList();
    private static final List<String> INT_INFO = List.of("bits_per_digit", "sizeof_digit", "default_max_str_digits",
            "str_digits_check_threshold");
    private static final List<String> HASH_INFO = List.of("width", "modulus", "inf", "nan", "imag", "algorithm",
            "hash_bits", "seed_bits", "cutoff");
    private static final List<String> FLOAT_INFO = List.of("max", "max_exp", "max_10_exp", "min", "min_exp",
            "min_10_exp", "dig", "mant_dig", "epsilon", "radix", "rounds");

    private SysModule() {}

    static long create() {
        long m = Modules.create("sys");
        int hex = Mem.getInt(Bridge.get().require("Py_Version"));
        String version = Mem.cString(Downcalls.call0(Bridge.get().require("Py_GetVersion")));
        long versionInfo = versionInfo(hex);
        Modules.setNewAttr(m, "version", Strs.fromJava(version));
        Modules.setAttr(m, "version_info", versionInfo);
        Modules.setNewAttr(m, "hexversion", Ints.fromLong(hex & 0xFFFFFFFFL));
        Modules.setNewAttr(m, "api_version", Ints.fromLong(1013));
        Modules.setNewAttr(m, "abiflags", Strs.fromJava("t"));
        Modules.setNewAttr(m, "platform", Strs.fromJava("linux"));
        Modules.setNewAttr(m, "byteorder", Strs.fromJava("little"));
        Modules.setNewAttr(m, "maxsize", Ints.fromLong(Long.MAX_VALUE));
        Modules.setNewAttr(m, "maxunicode", Ints.fromLong(0x10FFFF));
        Modules.setNewAttr(m, "executable", Strs.fromJava(""));
        Modules.setNewAttr(m, "argv", Lists.of(Strs.fromJava("")));
        Modules.setNewAttr(m, "path", Lists.create(0));
        Modules.setNewAttr(m, "meta_path", Lists.create(0));
        Modules.setNewAttr(m, "path_hooks", Lists.create(0));
        Modules.setNewAttr(m, "warnoptions", Lists.create(0));
        Modules.setNewAttr(m, "_xoptions", Dicts.create("sys._xoptions"));
        Modules.setAttr(m, "modules", ImportApi.PyImport_GetModuleDict());
        Modules.setAttr(m, "dont_write_bytecode", Singletons.TRUE);
        Modules.setNewAttr(m, "builtin_module_names", builtinModuleNames());
        Modules.setNewAttr(m, "flags", flags());
        Modules.setNewAttr(m, "int_info", StructSeqTypes.instance(StructSeqTypes.newType("sys.int_info", INT_INFO, 4),
                Ints.fromLong(30), Ints.fromLong(4), Ints.fromLong(4300), Ints.fromLong(640)));
        Modules.setNewAttr(m, "hash_info", StructSeqTypes.instance(StructSeqTypes.newType("sys.hash_info", HASH_INFO, 9),
                Ints.fromLong(64), Ints.fromLong((1L << 61) - 1), Ints.fromLong(314159), Ints.fromLong(0),
                Ints.fromLong(1000003), Strs.fromJava("siphash13"), Ints.fromLong(64), Ints.fromLong(128),
                Ints.fromLong(0)));
        Modules.setNewAttr(m, "float_info", StructSeqTypes.instance(StructSeqTypes.newType("sys.float_info", FLOAT_INFO, 11),
                Floats.fromDouble(Double.MAX_VALUE), Ints.fromLong(1024), Ints.fromLong(308),
                Floats.fromDouble(Double.MIN_NORMAL), Ints.fromLong(-1021), Ints.fromLong(-307), Ints.fromLong(15),
                Ints.fromLong(53), Floats.fromDouble(Math.ulp(1.0)), Ints.fromLong(2), Ints.fromLong(1)));
        Modules.setNewAttr(m, "implementation", implementation(versionInfo, hex));
        Native.decref(versionInfo);
        functions().installFunctions(m);
        return m;
    }


    /** sys.version_info from a PY_VERSION_HEX value: 0xMMmmppLS, level A/B/C/F. */
    private static long versionInfo(int hex) {
        String level = switch ((hex >>> 4) & 0xF) {
            case 0xA -> "alpha";
            case 0xB -> "beta";
            case 0xC -> "candidate";
            default -> "final";
        };
        long type = StructSeqTypes.newType("sys.version_info", VERSION_INFO, 5);
        return StructSeqTypes.instance(type, Ints.fromLong(hex >>> 24), Ints.fromLong((hex >>> 16) & 0xFF),
                Ints.fromLong((hex >>> 8) & 0xFF), Strs.fromJava(level), Ints.fromLong(hex & 0xF));
    }

    /** sys.implementation: a types.SimpleNamespace, as CPython 3.13 on x86-64 Linux fills it. */
    private static long implementation(long versionInfo, int hex) {
        long d = Dicts.create("sys.implementation");
        try {
            putItem(d, "name", Strs.fromJava("cpython"));
            putItem(d, "cache_tag", Strs.fromJava("cpython-" + (hex >>> 24) + ((hex >>> 16) & 0xFF)));
            putItem(d, "version", Heap.newRef(versionInfo));
            putItem(d, "hexversion", Ints.fromLong(hex & 0xFFFFFFFFL));
            putItem(d, "_multiarch", Strs.fromJava("x86_64-linux-gnu"));
            return TypesModule.newNamespace(d);
        } finally {
            Native.decref(d);
        }
    }

    private static void putItem(long dict, String key, long newRef) {
        Dicts.set(dict, Strs.intern(key), newRef);
        Native.decref(newRef);
    }

    /** The values a plain {@code python3.13t} start-up (no options, no environment) reports. */
    private static long flags() {
        List<String> fields = ProcessAbi.is314() ? FLAGS_314 : FLAGS;
        long type = StructSeqTypes.newType("sys.flags", fields, 18);
        long[] values = new long[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Ints.fromLong(0);
        }
        values[FLAGS.indexOf("dont_write_bytecode")] = Ints.fromLong(1);
        values[FLAGS.indexOf("hash_randomization")] = Ints.fromLong(1);
        values[FLAGS.indexOf("dev_mode")] = Heap.newRef(Singletons.FALSE);
        values[FLAGS.indexOf("safe_path")] = Heap.newRef(Singletons.FALSE);
        values[FLAGS.indexOf("int_max_str_digits")] = Ints.fromLong(4300);
        GilSetting gil = FtRuntime.active().gilPolicy().setting();
        values[FLAGS.indexOf("gil")] = switch (gil) {
            case DEFAULT -> Heap.newRef(Singletons.NONE);
            case FORCE_OFF -> Ints.fromLong(0);
            case FORCE_ON -> Ints.fromLong(1);
        };
        if (fields == FLAGS_314) {
            values[fields.indexOf("thread_inherit_context")] = Ints.fromLong(1);
            values[fields.indexOf("context_aware_warnings")] = Ints.fromLong(1);
        }
        return StructSeqTypes.instance(type, values);
    }

    private static long builtinModuleNames() {
        List<String> names = StandInModules.names().stream().sorted().toList();
        long t = Tuples.create(names.size());
        for (int i = 0; i < names.size(); i++) {
            Tuples.set(t, i, Strs.fromJava(names.get(i)));
        }
        return t;
    }

    private static BuiltinTable functions() {
        BuiltinTable t = new BuiltinTable();
        t.method("intern", (self, args, kw) -> {
            long s = Args.one("sys.intern", args, kw);
            if (Heap.type(s) != Types.STR) {
                throw PyRaise.typeError("intern() argument must be str, not %s", Types.name(s));
            }
            return Heap.newRef(Strs.intern(Strs.value(s)));
        });
        t.method("getrecursionlimit", (self, args, kw) -> {
            Args.none("sys.getrecursionlimit", args, kw);
            return Ints.fromLong(CevalApi.Py_GetRecursionLimit());
        });
        t.method("setrecursionlimit", (self, args, kw) -> {
            long limit = Args.one("sys.setrecursionlimit", args, kw);
            if (!Ints.isInt(limit)) {
                throw PyRaise.typeError("'%s' object cannot be interpreted as an integer", Types.name(limit));
            }
            if (!Ints.fitsLong(limit) || Ints.asLong(limit) > Integer.MAX_VALUE) {
                throw PyRaise.overflow("Python int too large to convert to C int");
            }
            long n = Ints.asLong(limit);
            if (n < 1) {
                throw PyRaise.valueError("recursion limit must be greater or equal than 1");
            }
            CevalApi.Py_SetRecursionLimit((int) n);
            return Heap.newRef(Singletons.NONE);
        });
        t.method("getrefcount", (self, args, kw) -> Ints.fromLong(Heap.refcnt(Args.one("sys.getrefcount", args, kw))));
        t.method("_is_gil_enabled", (self, args, kw) -> {
            Args.none("sys._is_gil_enabled", args, kw);
            return Singletons.bool(FtRuntime.active().gilEnabled());
        });
        t.method("getdefaultencoding", (self, args, kw) -> constant("getdefaultencoding", args, kw, "utf-8"));
        t.method("getfilesystemencoding", (self, args, kw) -> constant("getfilesystemencoding", args, kw, "utf-8"));
        t.method("getfilesystemencodeerrors", (self, args, kw) ->
                constant("getfilesystemencodeerrors", args, kw, "surrogateescape"));
        t.method("is_finalizing", (self, args, kw) -> {
            Args.none("sys.is_finalizing", args, kw);
            return Heap.newRef(Singletons.FALSE);
        });
        t.method("exception", (self, args, kw) -> {
            Args.none("sys.exception", args, kw);
            long e = ErrorsApi.PyErr_GetHandledException();
            return e != 0 ? e : Heap.newRef(Singletons.NONE);
        });
        t.method("exc_info", (self, args, kw) -> {
            Args.none("sys.exc_info", args, kw);
            long e = ErrorsApi.PyErr_GetHandledException();
            if (e == 0) {
                return Tuples.of(Heap.newRef(Singletons.NONE), Heap.newRef(Singletons.NONE),
                        Heap.newRef(Singletons.NONE));
            }
            long tb = Mem.getLong(e + Exceptions.TRACEBACK);
            return Tuples.of(Heap.newRef(Heap.type(e)), e, Heap.newRef(tb == 0 ? Singletons.NONE : tb));
        });
        t.method("audit", (self, args, kw) -> {
            if (args.length == 0) {
                throw PyRaise.typeError("audit() missing 1 required positional argument: 'event'");
            }
            return Heap.newRef(Singletons.NONE); // no audit hooks: CPython returns before checking the event
        });
        return t;
    }

    private static long constant(String function, long[] args, long kw, String value) {
        Args.none("sys." + function, args, kw);
        return Strs.fromJava(value);
    }
}
