package dev.ftcheck.runtime;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.abi.Abi;
import dev.ftcheck.runtime.abi.ProcessAbi;
import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.DynamicLoader;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.thread.ThreadState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads an extension the way CPython's importer does: dlopen RTLD_NOW, call PyInit_&lt;name&gt;, then either take
 * the returned module (single-phase) or run the PyModuleDef's slots (multi-phase), with the GIL policy around it.
 */
final class ModuleLoader {
    static final int PY_MOD_CREATE = 1, PY_MOD_EXEC = 2, PY_MOD_MULTIPLE_INTERPRETERS = 3, PY_MOD_GIL = 4;

    private final FtRuntime runtime;

    ModuleLoader(FtRuntime runtime) {
        this.runtime = runtime;
    }

    /** The module name from "name.cpython-313t-x86_64-linux-gnu.so" or "name.so". */
    static String moduleName(Path file) {
        String f = file.getFileName().toString();
        int dot = f.indexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    /**
     * The import name: the file's module name, prefixed by the folders above it that are packages (hold an
     * {@code __init__.py}), as Python names {@code pkg/_ext.so} {@code pkg._ext}.
     */
    static String qualifiedName(Path file) {
        StringBuilder name = new StringBuilder(moduleName(file));
        for (Path dir = file.getParent(); dir != null && dir.getFileName() != null
                && Files.isRegularFile(dir.resolve("__init__.py")); dir = dir.getParent()) {
            name.insert(0, dir.getFileName() + ".");
        }
        return name.toString();
    }

    /** The directory the import name of file starts from: its own, or the one above its outermost package. */
    static Path importRoot(Path file) {
        Path dir = file.getParent();
        while (dir != null && dir.getParent() != null && Files.isRegularFile(dir.resolve("__init__.py"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    /** Loads the file named on the command line (or by the Java API); errors become Java exceptions. */
    ExtensionModule load(Path file) {
        Path abs = checkedFile(file);
        return load(abs, qualifiedName(abs), true);
    }

    /**
     * Loads abs as the module the import system looks for under name ("pkg._ext"); a failing PyInit raises its
     * Python exception to the importer, as an import inside an extension sees it.
     */
    ExtensionModule importAs(Path abs, String name) {
        return load(checkedFile(abs), name, false);
    }

    private static Path checkedFile(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new ExtensionLoadException(file + ": no such file");
        }
        if (!Files.isRegularFile(abs)) {
            throw new ExtensionLoadException(file + ": not a regular file");
        }
        checkElf(abs);
        checkAbi(abs);
        return abs;
    }

    /** A file whose name says it was built for the other ABI would read every object with the wrong layout. */
    private static void checkAbi(Path abs) {
        Abi served = ProcessAbi.get();
        Abi.ofFileName(abs.getFileName().toString()).filter(a -> a != served).ifPresent(a -> {
            throw new ExtensionLoadException(abs + ": built for CPython " + a.version() + "t (" + a.tag()
                    + "), but this runtime serves the " + served.version() + " ABI (" + served.tag() + "). One"
                    + " process serves one ABI, because objects are laid out differently (a 3.14 tuple keeps"
                    + " its hash before its items); run it with --abi " + a.version());
        });
    }

    private ExtensionModule load(Path abs, String name, boolean errorsToJava) {
        String shortName = name.substring(name.lastIndexOf('.') + 1);
        long handle;
        try {
            handle = DynamicLoader.open(abs, DynamicLoader.RTLD_NOW);
        } catch (DynamicLoader.LoadException e) {
            throw new ExtensionLoadException(abs + ": cannot load: " + e.getMessage());
        }
        long init = DynamicLoader.symbol(handle, "PyInit_" + shortName);
        if (init == 0) {
            throw new ExtensionLoadException(abs + ": not a Python extension module: it does not export PyInit_"
                    + shortName + " (the module name comes from the file name before the first dot)");
        }
        if (runtime.checked()) {
            Native.registerExtension(init); // its code is what checked-mode reports name
        }
        GilPolicy policy = runtime.gilPolicy();
        GilDecision gil = new GilDecision(policy, name, policy.beginImport());
        ThreadState ts = ThreadState.current();
        ts.attach();
        String outer = ts.context;
        ts.context = "import of " + name;
        Result r = null;
        try {
            r = initialise(name, init, abs, gil);
            gil.decide(r.notUsed);
            if (Modules.isModule(r.module)) {
                runtime.importer().entered(name, r.module, abs);
            }
        } catch (PyRaise | ErrorAlreadySet e) {
            if (!errorsToJava) {
                throw e;
            }
            Errors.fromThrowable(e, "PyInit_" + shortName);
            throw FtRuntime.pendingAsJava(true);
        } finally {
            ts.context = outer;
            ts.detach();
            gil.abortIfUndecided();
            if (gil.warning != null) {
                runtime.warn("RuntimeWarning", gil.warning);
            }
        }
        return new ExtensionModule(runtime, name, abs, r.module, r.style,
                r.notUsed ? "Py_MOD_GIL_NOT_USED" : r.declared ? "Py_MOD_GIL_USED"
                        : "none (the GIL is required by default)");
    }

    private record Result(long module, ExtensionModule.InitStyle style, boolean declared, boolean notUsed) {}

    /**
     * When an import settles the GIL: CPython decides as soon as the module object exists, after PyInit for
     * single-phase init and between create and exec for multi-phase init, so modules that a multi-phase module's
     * exec imports find the GIL already settled (and do not warn again). The warning is reported once the import
     * is over, from outside its context.
     */
    private static final class GilDecision {
        private final GilPolicy policy;
        private final String module;
        private final boolean transientGil;
        private boolean decided;
        String warning;

        GilDecision(GilPolicy policy, String module, boolean transientGil) {
            this.policy = policy;
            this.module = module;
            this.transientGil = transientGil;
        }

        void decide(boolean notUsed) {
            if (!decided) {
                decided = true;
                warning = policy.endImport(module, notUsed, transientGil);
            }
        }

        /** An import that failed before its module existed leaves the GIL as it was. */
        void abortIfUndecided() {
            if (!decided) {
                decided = true;
                policy.abortImport(transientGil);
            }
        }
    }

    private Result initialise(String name, long init, Path file, GilDecision gil) {
        long r = Downcalls.call0(init);
        long exc = Errors.current();
        if (r == 0) {
            if (exc == 0) {
                throw PyRaise.systemError("initialization of %s failed without raising an exception", name);
            }
            throw ErrorAlreadySet.INSTANCE;
        }
        if (exc != 0) {
            Native.decref(r);
            Errors.setFromCause(Exceptions.SystemError, "initialization of " + name + " raised unreported exception");
            throw ErrorAlreadySet.INSTANCE;
        }
        long defType = Bridge.get().require("PyModuleDef_Type");
        if (Heap.type(r) == defType) {
            return multiPhase(name, r, file, gil);
        }
        if (!Modules.isModule(r)) {
            throw PyRaise.systemError("initialization of %s did not return an extension module", name);
        }
        long mdGil = Mem.getLong(r + Modules.MD_GIL);
        // md_gil: 0 = not declared (GIL used), 1 = Py_MOD_GIL_NOT_USED, 2 = explicitly Py_MOD_GIL_USED.
        return new Result(r, ExtensionModule.InitStyle.SINGLE_PHASE, mdGil != 0, mdGil == 1);
    }

    private Result multiPhase(String name, long def, Path file, GilDecision gil) {
        long slots = Mem.getLong(def + MD_SLOTS);
        long create = 0;
        int gilSlots = 0;
        boolean notUsed = false;
        for (long s = slots; s != 0 && Mem.getInt(s) != 0; s += 16) {
            int id = Mem.getInt(s);
            long value = Mem.getLong(s + 8);
            switch (id) {
                case PY_MOD_CREATE -> {
                    if (create != 0) {
                        throw PyRaise.systemError("module %s has multiple create slots", name);
                    }
                    create = value;
                }
                case PY_MOD_EXEC, PY_MOD_MULTIPLE_INTERPRETERS -> { }
                case PY_MOD_GIL -> {
                    if (++gilSlots > 1) {
                        throw PyRaise.systemError("module %s has more than one 'gil' slot", name);
                    }
                    notUsed = value == 1;
                }
                default -> throw PyRaise.systemError("module %s uses unknown slot ID %d", name, id);
            }
        }
        long module;
        // importlib sets __spec__ between create and exec; exec slots read it (pybind11 keys its cache by it)
        long spec = dev.ftcheck.runtime.stdlib.TypesModule.moduleSpec(name, file.toString());
        try {
            if (create != 0) {
                module = Calls.checkResult(Downcalls.call2(create, spec, def), "Py_mod_create of " + name);
                if (Modules.isModule(module)) {
                    Modules.attachDef(module, def);
                }
            } else {
                module = Modules.create(name);
                Modules.attachDef(module, def);
            }
            if (Modules.isModule(module)) {
                Modules.setAttr(module, "__spec__", spec);
            }
        } finally {
            Native.decref(spec);
        }
        gil.decide(notUsed);
        for (long s = slots; s != 0 && Mem.getInt(s) != 0; s += 16) {
            if (Mem.getInt(s) != PY_MOD_EXEC) {
                continue;
            }
            int rc = Downcalls.int1(Mem.getLong(s + 8), module);
            long exc = Errors.current();
            if (rc != 0) {
                Native.decref(module);
                if (exc == 0) {
                    throw PyRaise.systemError("execution of module %s failed without setting an exception", name);
                }
                throw ErrorAlreadySet.INSTANCE;
            }
            if (exc != 0) {
                Native.decref(module);
                Errors.setFromCause(Exceptions.SystemError, "execution of module " + name
                        + " raised unreported exception");
                throw ErrorAlreadySet.INSTANCE;
            }
        }
        if (Modules.isModule(module)) {
            Mem.putLong(module + Modules.MD_GIL, gilSlots == 0 ? 0 : notUsed ? 1 : 2);
        }
        return new Result(module, ExtensionModule.InitStyle.MULTI_PHASE, gilSlots > 0, notUsed);
    }

    private static void checkElf(Path file) {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, 4) < 4 || magic[0] != 0x7f || magic[1] != 'E' || magic[2] != 'L'
                    || magic[3] != 'F') {
                throw new ExtensionLoadException(file + ": not an extension module: not an ELF shared object");
            }
        } catch (IOException e) {
            throw new ExtensionLoadException(file + ": cannot read: " + e.getMessage());
        }
    }
}
