package dev.ftcheck.runtime;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.stdlib.StandInModules;
import java.nio.file.Path;
import java.util.List;

/** sys.path, which the importer reads at every import: set from the runtime's options, extended by loads. */
final class SearchPath {
    private SearchPath() {}

    /** sys.path = dirs (as absolute paths), replacing what an earlier runtime of this process left. */
    static void install(List<Path> dirs) {
        long path = Lists.create(0);
        for (Path d : dirs) {
            append(path, d);
        }
        long sys = StandInModules.load("sys");
        Modules.setAttr(sys, "path", path);
        Native.decref(sys);
        Native.decref(path);
    }

    /** Puts dir first on sys.path unless it is there already. */
    static void prepend(Path dir) {
        if (dir == null) {
            return;
        }
        String entry = dir.toAbsolutePath().normalize().toString();
        long path = StandInModules.attr("sys", "path");
        try {
            if (!Lists.isList(path)) {
                return;
            }
            for (long item : Lists.snapshot(path)) {
                boolean same = Strs.isStr(item) && Strs.value(item).equals(entry);
                Native.decref(item);
                if (same) {
                    return;
                }
            }
            long s = Strs.fromJava(entry);
            Lists.insert(path, 0, s);
            Native.decref(s);
        } finally {
            Native.decref(path);
        }
    }

    private static void append(long list, Path dir) {
        long s = Strs.fromJava(dir.toAbsolutePath().normalize().toString());
        Lists.append(list, s);
        Native.decref(s);
    }
}
