package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The process's codec registry (CPython keeps one per interpreter): search functions in registration order, the
 * lookup cache by normalised name, and the error handlers by name. The built-in codecs are found first, as
 * CPython's `encodings` search function is registered before any other. All of it is safe from many threads.
 */
public final class CodecRegistry {
    private static final CopyOnWriteArrayList<Long> SEARCH = new CopyOnWriteArrayList<>();
    private static final ConcurrentHashMap<String, Long> CACHE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Long> HANDLERS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Long> BUILTIN_INFO = new ConcurrentHashMap<>();
    private static final long METHOD_DEF_SIZE = 32;
    private static volatile boolean handlersReady;

    private CodecRegistry() {}

    public static void register(long search) {
        SEARCH.add(Heap.newRef(search));
    }

    /** Removes the first registration of {@code search} and empties the cache, as PyCodec_Unregister. */
    public static void unregister(long search) {
        synchronized (SEARCH) {
            int i = SEARCH.indexOf(search);
            if (i >= 0) {
                SEARCH.remove(i);
                CACHE.values().forEach(Native::decref);
                CACHE.clear();
                Native.decref(search);
            }
        }
    }

    /** The CodecInfo for an encoding name (new reference); LookupError("unknown encoding: NAME") when none. */
    public static long lookup(String encoding) {
        String key = Codecs.normalize(encoding);
        Long cached = CACHE.get(key);
        if (cached != null) {
            return Heap.newRef(cached);
        }
        String module = Codecs.builtinModule(key);
        long info = module != null ? Heap.newRef(builtinInfo(module)) : search(key);
        if (info == 0) {
            throw new PyRaise(Exceptions.LookupError, "unknown encoding: " + encoding);
        }
        Long raced = CACHE.putIfAbsent(key, Heap.newRef(info));
        if (raced != null) {
            Native.decref(info);
            return Heap.newRef(raced);
        }
        return info;
    }

    private static long search(String key) {
        long name = Strs.fromJava(key);
        try {
            for (long fn : SEARCH) {
                long r = Calls.call(fn, new long[] {name}, 0);
                if (r == Singletons.NONE) {
                    Native.decref(r);
                    continue;
                }
                if (!Tuples.isTuple(r) || Tuples.size(r) != 4) {
                    Native.decref(r);
                    throw PyRaise.typeError("codec search functions must return 4-tuples");
                }
                return r;
            }
            return 0;
        } finally {
            Native.decref(name);
        }
    }

    /** The built-in codec's (encode, decode, None, None) tuple; its functions come from the bridge's table. */
    private static long builtinInfo(String module) {
        return BUILTIN_INFO.computeIfAbsent(module, m -> {
            long encode = 0, decode = 0;
            long table = Bridge.get().symbol("ftb_codec_functions");
            for (long d = table; Mem.getLong(d) != 0; d += METHOD_DEF_SIZE) {
                String n = Mem.cString(Mem.getLong(d));
                if (n.equals(m + "_encode")) {
                    encode = CFunctions.create(d, 0, 0, 0);
                } else if (n.equals(m + "_decode")) {
                    decode = CFunctions.create(d, 0, 0, 0);
                }
            }
            Heap.immortalizeAllocated(encode);
            Heap.immortalizeAllocated(decode);
            long info = Tuples.of(encode, decode, Singletons.NONE, Singletons.NONE);
            Heap.immortalizeAllocated(info);
            return info;
        });
    }

    private static void ensureHandlers() {
        if (handlersReady) {
            return;
        }
        synchronized (HANDLERS) {
            if (handlersReady) {
                return;
            }
            String[] names = {"strict", "ignore", "replace", "xmlcharrefreplace", "backslashreplace", "namereplace",
                "surrogateescape", "surrogatepass"};
            long d = Bridge.get().symbol("ftb_codec_error_handlers");
            for (String n : names) {
                long f = CFunctions.create(d, 0, 0, 0);
                Heap.immortalizeAllocated(f);
                HANDLERS.putIfAbsent(n, f);
                d += METHOD_DEF_SIZE;
            }
            handlersReady = true;
        }
    }

    public static void registerError(String name, long handler) {
        ensureHandlers();
        Long old = HANDLERS.put(name, Heap.newRef(handler));
        if (old != null) {
            Native.decref(old);
        }
    }

    /** The handler registered as {@code name} (new reference); LookupError when none. */
    public static long lookupError(String name) {
        ensureHandlers();
        Long h = HANDLERS.get(name);
        if (h == null) {
            throw new PyRaise(Exceptions.LookupError, "unknown error handler name '" + name + "'");
        }
        return Heap.newRef(h);
    }

    /** Calls error handler {@code name} with the exception (borrowed); the handler's result (new reference). */
    static long callHandler(String name, long exc) {
        long h = lookupError(name);
        try {
            return Calls.call(h, new long[] {exc}, 0);
        } finally {
            Native.decref(h);
        }
    }
}
