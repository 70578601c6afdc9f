package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Sets;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.stdlib.StandInModules;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * initconfig.h, 3.14 (PEP 741): reading the running configuration by option name. The names are those of a
 * free-threaded, non-debug CPython 3.14 on Linux (PyConfig's members plus PyPreConfig's allocator, configure_locale,
 * coerce_c_locale, coerce_c_locale_warn). Options CPython reads from sys (argv, path, executable, ...) are read from
 * the runtime's sys module, as CPython does, so they follow what was assigned there; enable_gil follows the
 * runtime's GIL setting (-1 default, 0 forced off, 1 forced on); the others are the values a plain
 * {@code python3.14t} start-up (no options, no environment variables) reports. PyConfig_Set and the PyInitConfig
 * functions (embedding) are not implemented: they raise SystemError naming themselves.
 */
public final class InitconfigApi {
    private InitconfigApi() {}

    /** How an option's value is found: a fixed value, a sys attribute, or computed from the runtime. */
    private sealed interface Source permits Fixed, SysAttr, Computed {}

    private record Fixed(Object value) implements Source {}

    private record SysAttr(String attr) implements Source {}

    private record Computed(java.util.function.LongSupplier newRef) implements Source {}

    private static final Object NONE = new Object();
    private static final Map<String, Source> OPTIONS = new LinkedHashMap<>();

    private static void fixed(Object value, String... names) {
        for (String n : names) {
            OPTIONS.put(n, new Fixed(value));
        }
    }

    static {
        fixed(Boolean.TRUE, "buffered_stdio", "code_debug_ranges", "configure_c_stdio", "configure_locale",
                "install_signal_handlers", "parse_argv", "pathconfig_warnings", "site_import", "use_environment",
                "use_frozen_modules", "user_site_directory");
        fixed(Boolean.FALSE, "coerce_c_locale", "coerce_c_locale_warn", "dev_mode", "dump_refs", "faulthandler",
                "inspect", "interactive", "isolated", "malloc_stats", "parser_debug", "quiet", "safe_path",
                "show_ref_count", "skip_source_first_line", "use_hash_seed", "utf8_mode", "warn_default_encoding");
        fixed(0L, "allocator", "bytes_warning", "hash_seed", "import_time", "optimization_level", "perf_profiling",
                "tracemalloc", "verbose");
        fixed(1L, "thread_inherit_context", "context_aware_warnings", "remote_debug", "tlbc_enabled");
        fixed(-1L, "cpu_count");
        fixed(4300L, "int_max_str_digits");
        fixed("default", "check_hash_pycs_mode");
        fixed("utf-8", "filesystem_encoding", "stdio_encoding");
        fixed("surrogateescape", "filesystem_errors");
        fixed("strict", "stdio_errors");
        fixed("python3.14t", "program_name");
        fixed(NONE, "dump_refs_file", "home", "run_command", "run_filename", "run_module");
        String[][] sys = {
            {"argv", "argv"}, {"base_exec_prefix", "base_exec_prefix"}, {"base_executable", "_base_executable"},
            {"base_prefix", "base_prefix"}, {"exec_prefix", "exec_prefix"}, {"executable", "executable"},
            {"module_search_paths", "path"}, {"orig_argv", "orig_argv"}, {"platlibdir", "platlibdir"},
            {"prefix", "prefix"}, {"pycache_prefix", "pycache_prefix"}, {"stdlib_dir", "_stdlib_dir"},
            {"warnoptions", "warnoptions"}, {"xoptions", "_xoptions"},
        };
        for (String[] e : sys) {
            OPTIONS.put(e[0], new SysAttr(e[1]));
        }
        // write_bytecode is the negation of sys.dont_write_bytecode, whatever object that holds.
        OPTIONS.put("write_bytecode", new Computed(() -> {
            long v = sysAttr("dont_write_bytecode");
            try {
                return Heap.newRef(Singletons.bool(ObjectApi.PyObject_IsTrue(v) == 0));
            } finally {
                Native.decref(v);
            }
        }));
        OPTIONS.put("enable_gil", new Computed(() -> Ints.fromLong(switch (FtRuntime.active().gilPolicy().setting()) {
            case DEFAULT -> -1;
            case FORCE_OFF -> 0;
            case FORCE_ON -> 1;
        })));
    }

    /** A new reference to sys.NAME; RuntimeError "lost sys.NAME" when sys has no such attribute. */
    private static long sysAttr(String name) {
        long sys = StandInModules.load("sys");
        try {
            long v = Dicts.getBorrowed(Modules.dict(sys), Strs.intern(name));
            if (v == 0) {
                throw new PyRaise(Exceptions.RuntimeError, "lost sys." + name);
            }
            return Heap.newRef(v);
        } finally {
            Native.decref(sys);
        }
    }

    private static long get(String name) {
        Source s = OPTIONS.get(name);
        if (s == null) {
            throw PyRaise.valueError("unknown config option name: %s", name);
        }
        return switch (s) {
            case SysAttr a -> sysAttr(a.attr());
            case Computed c -> c.newRef().getAsLong();
            case Fixed f -> switch (f.value()) {
                case Boolean b -> Heap.newRef(Singletons.bool(b));
                case Long l -> Ints.fromLong(l);
                case String str -> Strs.fromJava(str);
                default -> Heap.newRef(Singletons.NONE);
            };
        };
    }

    /** The option's current value as a new reference; ValueError for an unknown name. */
    @CApi
    public static long PyConfig_Get(long name) {
        if (name == 0) {
            throw PyRaise.badInternalCall();
        }
        return get(Mem.cString(name));
    }

    /** Like PyConfig_Get for an int option: 0 and *value set; TypeError when the option is not an int. */
    @CApi
    public static int PyConfig_GetInt(long name, long value) {
        if (name == 0) {
            throw PyRaise.badInternalCall();
        }
        String n = Mem.cString(name);
        long v = get(n);
        try {
            if (!Ints.isInt(v)) {
                throw PyRaise.typeError("config option %s is not an int", n);
            }
            Mem.putInt(value, LongApi.PyLong_AsInt(v));
            return 0;
        } finally {
            Native.decref(v);
        }
    }

    /** A frozenset of every option name. */
    @CApi
    public static long PyConfig_Names() {
        long s = Sets.create(Types.FROZENSET);
        for (String n : OPTIONS.keySet()) {
            long k = Strs.fromJava(n);
            try {
                Sets.add(s, k);
            } finally {
                Native.decref(k);
            }
        }
        return s;
    }
}
