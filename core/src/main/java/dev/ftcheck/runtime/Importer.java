package dev.ftcheck.runtime;

import dev.ftcheck.runtime.abi.Abi;
import dev.ftcheck.runtime.abi.ProcessAbi;
import dev.ftcheck.runtime.capi.ImportApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.stdlib.StandInModules;
import dev.ftcheck.runtime.stdlib.StubModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The import system for what a runtime without a Python interpreter can import: modules already in sys.modules,
 * the Java stand-ins, --stub-module stubs, and extension modules and package directories found on sys.path
 * (the search path the runtime was started with), dotted names through their packages as CPython resolves them.
 */
public final class Importer {
    /** What CPython's free-threaded importer of abi accepts for an extension module's file name, in its order. */
    public static List<String> extensionSuffixes(Abi abi) {
        return List.of(abi.extensionSuffix(), ".so");
    }

    /** One module the importer made: how ({@code extension}, {@code package}, {@code stand-in}, {@code stub}). */
    public record Imported(String name, String kind, Path path, String note) {}

    private final FtRuntime runtime;
    private final Set<String> stubs;
    private final List<Imported> imported = new CopyOnWriteArrayList<>();
    /** One import at a time; an extension's PyInit importing another module re-enters on the same thread. */
    private final ReentrantLock lock = new ReentrantLock();

    Importer(FtRuntime runtime, Set<String> stubs) {
        this.runtime = runtime;
        this.stubs = Set.copyOf(stubs);
    }

    public List<Imported> imported() {
        return List.copyOf(imported);
    }

    /** New reference to the module called name, importing it (and its parent packages) if needed. */
    public long importModule(String name) {
        if (name.isEmpty()) {
            throw PyRaise.valueError("Empty module name");
        }
        long m = cached(name);
        if (m != 0) {
            return m;
        }
        lock.lock();
        try {
            m = cached(name);
            return m != 0 ? m : find(name);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The absolute name of a relative import (level leading dots) made from a module whose globals are given:
     * its package is __package__, else __spec__.parent, else __name__ (less its last part unless it has __path__).
     */
    public static String resolveRelative(String name, long globals, int level) {
        if (globals == 0) {
            throw new PyRaise(Exceptions.KeyError, "'__name__' not in globals");
        }
        if (!Dicts.isDict(globals)) {
            throw PyRaise.typeError("globals must be a dict");
        }
        String pkg = stringItem(globals, "__package__");
        if (pkg == null) {
            long spec = item(globals, "__spec__");
            if (spec != 0 && spec != dev.ftcheck.runtime.obj.Singletons.NONE) {
                long parent = dev.ftcheck.runtime.obj.Attributes.get(spec, Strs.intern("parent"));
                pkg = Strs.isStr(parent) ? Strs.value(parent) : null;
                Native.decref(parent);
            }
        }
        if (pkg == null) {
            String modName = stringItem(globals, "__name__");
            if (modName == null) {
                throw new PyRaise(Exceptions.KeyError, "'__name__' not in globals");
            }
            pkg = item(globals, "__path__") != 0 ? modName
                    : modName.contains(".") ? modName.substring(0, modName.lastIndexOf('.')) : "";
        }
        if (pkg.isEmpty()) {
            throw new PyRaise(Exceptions.byName("ImportError"), "attempted relative import with no known parent package");
        }
        String base = pkg;
        for (int i = 1; i < level; i++) {
            int dot = base.lastIndexOf('.');
            if (dot < 0) {
                throw new PyRaise(Exceptions.byName("ImportError"), "attempted relative import beyond top-level package");
            }
            base = base.substring(0, dot);
        }
        return name.isEmpty() ? base : base + "." + name;
    }

    /** from package import a, b: each name the package lacks is imported as its submodule, when there is one. */
    public void importFromlist(long module, String name, long fromlist) {
        long path = Modules.isModule(module) ? Modules.getAttr(module, "__path__") : 0;
        if (path == 0) {
            return;
        }
        Native.decref(path);
        long[] names = dev.ftcheck.runtime.obj.Iteration.toArray(fromlist);
        try {
            for (long n : names) {
                if (!Strs.isStr(n)) {
                    throw PyRaise.typeError("Item in %s.__all__ must be str, not %s", name,
                            dev.ftcheck.runtime.obj.Types.name(n));
                }
                String attr = Strs.value(n);
                long have = Modules.getAttr(module, attr);
                if (have != 0) {
                    Native.decref(have);
                    continue;
                }
                if (attr.equals("*")) {
                    continue;
                }
                try {
                    Native.decref(importModule(name + "." + attr));
                } catch (PyRaise e) {
                    if (e.type != Exceptions.byName("ModuleNotFoundError")) {
                        throw e;
                    }
                    // CPython also ignores a fromlist name that is neither an attribute nor a submodule
                }
            }
        } finally {
            for (long n : names) {
                Native.decref(n);
            }
        }
    }

    /** Borrowed globals[key], or 0. */
    private static long item(long globals, String key) {
        return Dicts.getBorrowed(globals, Strs.intern(key));
    }

    private static String stringItem(long globals, String key) {
        long v = item(globals, key);
        return v != 0 && Strs.isStr(v) ? Strs.value(v) : null;
    }

    private static long cached(String name) {
        long key = Strs.fromJava(name);
        try {
            return Dicts.getRef(ImportApi.PyImport_GetModuleDict(), key);
        } finally {
            Native.decref(key);
        }
    }

    private long find(String name) {
        int dot = name.lastIndexOf('.');
        long standIn = StandInModules.load(name);
        if (standIn != 0) {
            imported.add(new Imported(name, "stand-in", null, null));
            return standIn;
        }
        long parent = 0;
        List<Path> dirs;
        try {
            if (dot > 0) {
                parent = importModule(name.substring(0, dot));
                long made = cached(name); // importing the parent may have made it (collections.abc)
                if (made != 0) {
                    return made;
                }
                dirs = packagePath(parent, name);
            } else {
                dirs = searchPath();
            }
            long m = stubs.contains(name) ? stub(name) : locate(name, dirs);
            if (parent != 0) {
                Modules.setAttr(parent, name.substring(dot + 1), m);
            }
            return m;
        } finally {
            if (parent != 0) {
                Native.decref(parent);
            }
        }
    }

    private long stub(String name) {
        long m = StubModules.create(name);
        enter(name, m);
        imported.add(new Imported(name, "stub", null, "made by --stub-module: reading an attribute raises"));
        return m;
    }

    /** The extension file or package directory for name's last part in dirs, loaded. */
    private long locate(String name, List<Path> dirs) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        Abi served = ProcessAbi.get();
        Path otherAbi = null;
        for (Path dir : dirs) {
            for (String suffix : extensionSuffixes(served)) {
                Path file = dir.resolve(last + suffix);
                if (Files.isRegularFile(file)) {
                    return loadExtension(file, name);
                }
            }
            for (Abi other : Abi.values()) {
                Path file = dir.resolve(last + other.extensionSuffix());
                if (other != served && otherAbi == null && Files.isRegularFile(file)) {
                    otherAbi = file;
                }
            }
            Path pkg = dir.resolve(last);
            if (Files.isDirectory(pkg)) {
                return packageModule(name, pkg);
            }
        }
        if (otherAbi != null) {
            // CPython's importer skips it silently; saying why saves a search
            Abi built = Abi.ofFileName(otherAbi.getFileName().toString()).orElseThrow();
            throw new PyRaise(Exceptions.byName("ModuleNotFoundError"), "No module named '" + name
                    + "' for the " + served.version() + " ABI: " + otherAbi + " is built for " + built.tag()
                    + ", and one process serves one ABI (run with --abi " + built.version() + ", or rebuild it"
                    + " with ftcheck config --abi " + served.version() + ")");
        }
        throw notFound(name);
    }

    private long loadExtension(Path file, String name) {
        ExtensionModule ext;
        try {
            ext = runtime.importExtension(file, name);
        } catch (ExtensionLoadException e) {
            throw new PyRaise(Exceptions.byName("ImportError"), e.getMessage());
        }
        imported.add(new Imported(name, "extension", ext.path(), null));
        return Heap.newRef(ext.module);
    }

    /** A directory as a package: __path__ lists it; its __init__.py, if any, is not run (there is no interpreter). */
    private long packageModule(String name, Path dir) {
        long m = Modules.create(name);
        Modules.setNewAttr(m, "__path__", Lists.of(Strs.fromJava(dir.toAbsolutePath().normalize().toString())));
        Modules.setNewAttr(m, "__package__", Strs.fromJava(name));
        Path init = dir.resolve("__init__.py");
        boolean hasInit = Files.isRegularFile(init);
        if (hasInit) {
            Modules.setNewAttr(m, "__file__", Strs.fromJava(init.toAbsolutePath().normalize().toString()));
        }
        enter(name, m);
        imported.add(new Imported(name, "package", dir.toAbsolutePath().normalize(),
                hasInit ? "its __init__.py was not executed: the runtime has no Python interpreter" : null));
        return m;
    }

    /** A module an extension's PyInit made from file: in sys.modules, with __file__, as CPython's loader leaves it. */
    void entered(String name, long module, Path file) {
        enter(name, module);
        Modules.setNewAttr(module, "__file__", Strs.fromJava(file.toString()));
    }

    private static void enter(String name, long module) {
        long key = Strs.fromJava(name);
        Dicts.set(ImportApi.PyImport_GetModuleDict(), key, module);
        Native.decref(key);
    }

    /** sys.path's str entries, read at each import as CPython reads it. */
    private static List<Path> searchPath() {
        return pathEntries(StandInModules.attr("sys", "path"));
    }

    private static List<Path> packagePath(long parent, String name) {
        long path = Modules.isModule(parent) ? Modules.getAttr(parent, "__path__") : 0;
        if (path == 0) {
            String parentName = name.substring(0, name.lastIndexOf('.'));
            throw new PyRaise(Exceptions.byName("ModuleNotFoundError"), "No module named '" + name + "'; '"
                    + parentName + "' is not a package");
        }
        return pathEntries(path);
    }

    private static List<Path> pathEntries(long list) {
        List<Path> out = new ArrayList<>();
        try {
            if (Lists.isList(list)) {
                for (long item : Lists.snapshot(list)) {
                    if (Strs.isStr(item)) {
                        out.add(Path.of(Strs.value(item).isEmpty() ? "." : Strs.value(item)));
                    }
                    Native.decref(item);
                }
            }
        } finally {
            Native.decref(list);
        }
        return out;
    }

    private static PyRaise notFound(String name) {
        return new PyRaise(Exceptions.byName("ModuleNotFoundError"), "No module named '" + name + "' (ftcheck:"
                + " neither a stand-in module nor an extension or package on sys.path; add its directory with"
                + " --path DIR, or load without it using --stub-module " + name + ")");
    }
}
