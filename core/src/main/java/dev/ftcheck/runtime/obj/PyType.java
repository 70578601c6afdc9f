package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.nat.Mem;
import java.util.concurrent.ConcurrentHashMap;

/** Java-side view of a type object: its built-in kind, base and attribute dictionary (strong references). */
public final class PyType {
    public final long addr;
    public final TypeKind kind;
    public final boolean builtin;
    /** Attributes defined on the type itself (methods, descriptors, constants): name → object. */
    public final ConcurrentHashMap<String, Long> dict = new ConcurrentHashMap<>();
    /** The module a heap type was created from (PyType_FromModuleAndSpec), 0 if none. */
    public volatile long module;
    /** The PyModuleDef of that module, for PyType_GetModuleByDef. */
    public volatile long moduleDef;

    PyType(long addr, TypeKind kind, boolean builtin) {
        this.addr = addr;
        this.kind = kind;
        this.builtin = builtin;
    }

    /** tp_name as C sees it (may include the module prefix, "mod.Name"). */
    public String fullName() {
        return Mem.cString(Mem.getLong(addr + Layout.TP_NAME));
    }

    /**
     * What repr(type) shows: __module__.name for a class whose tp_name is bare and whose dict names its module
     * (PyErr_NewException's classes, as type() makes them in CPython), else tp_name.
     */
    public String qualifiedName() {
        String tp = fullName();
        Long module = dict.get("__module__");
        if (tp.indexOf('.') < 0 && module != null && Strs.isStr(module) && !"builtins".equals(Strs.value(module))) {
            return Strs.value(module) + "." + tp;
        }
        return tp;
    }

    /** The name Python shows in messages: tp_name after its last dot. */
    public String name() {
        String n = fullName();
        int dot = n.lastIndexOf('.');
        return dot >= 0 ? n.substring(dot + 1) : n;
    }

    public long base() {
        return Mem.getLong(addr + Layout.TP_BASE);
    }

    public long flags() {
        return Mem.getLong(addr + Layout.TP_FLAGS);
    }

    public long slot(long offset) {
        return Mem.getLong(addr + offset);
    }

    /**
     * Sets name in the type's dict, taking over the reference to value; keeps tp_dict (when it exists) the same.
     * value 0 removes the name. Returns false when removing a name that was not there.
     */
    public synchronized boolean put(String name, long value) {
        Long old = value == 0 ? dict.remove(name) : dict.put(name, value);
        long tpDict = dictLinked ? slot(Layout.TP_DICT) : 0;
        if (tpDict != 0) {
            if (value == 0) {
                dev.ftcheck.runtime.nat.Native.xdecref(Dicts.pop(tpDict, Strs.intern(name)));
            } else {
                Dicts.set(tpDict, Strs.intern(name), value);
            }
        }
        if (old != null) {
            dev.ftcheck.runtime.nat.Native.decref(old);
        }
        return value != 0 || old != null;
    }

    /** tp_dict: a real dict with the same entries as {@link #dict}, created on first use (borrowed). */
    public synchronized long tpDict() {
        long d = slot(Layout.TP_DICT);
        if (!dictLinked) {
            if (d == 0) {
                d = Dicts.create("type __dict__");
                Mem.putLong(addr + Layout.TP_DICT, d);
            } else {
                // A static type that came with its own tp_dict: its entries are attributes too, as in CPython.
                long[] kv = Dicts.items(d);
                for (int i = 0; i < kv.length; i += 2) {
                    if (Strs.isStr(kv[i]) && !dict.containsKey(Strs.value(kv[i]))) {
                        dict.put(Strs.value(kv[i]), Heap.newRef(kv[i + 1]));
                    }
                }
                for (long r : kv) {
                    dev.ftcheck.runtime.nat.Native.decref(r);
                }
            }
            for (var e : dict.entrySet()) {
                Dicts.set(d, Strs.intern(e.getKey()), e.getValue());
            }
            dictLinked = true;
        }
        return d;
    }

    /**
     * PyType_Modified: C code wrote tp_dict directly (Cython's class-body assignments do), so its entries become
     * the type's attributes. Only additions and replacements: some runtime code writes {@link #dict} alone.
     */
    public synchronized void syncFromTpDict() {
        long d = slot(Layout.TP_DICT);
        if (!dictLinked || d == 0) {
            return;
        }
        long[] kv = Dicts.items(d);
        try {
            for (int i = 0; i < kv.length; i += 2) {
                if (!Strs.isStr(kv[i])) {
                    continue;
                }
                String name = Strs.value(kv[i]);
                Long old = dict.get(name);
                if (old == null || old != kv[i + 1]) {
                    dict.put(name, Heap.newRef(kv[i + 1]));
                    if (old != null) {
                        dev.ftcheck.runtime.nat.Native.decref(old);
                    }
                }
            }
        } finally {
            for (long r : kv) {
                dev.ftcheck.runtime.nat.Native.decref(r);
            }
        }
    }

    /** Whether tp_dict holds the same entries as {@link #dict} (set by the first {@link #tpDict}). */
    private boolean dictLinked;

    @Override
    public String toString() {
        return "<class '" + fullName() + "'>";
    }
}
