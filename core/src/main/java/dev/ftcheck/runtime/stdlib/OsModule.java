package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.ImportApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code os} as extensions use it at import and in helpers: the POSIX constants, getcwd, getpid, fspath, and
 * {@code os.path} (also entered in sys.modules) with posixpath's string functions (join, split, dirname,
 * basename, splitext, normpath, abspath, isabs) and the exists/isfile/isdir queries. Paths are str or bytes (or
 * os.PathLike); bytes are handled byte for byte as in posixpath. No environ: a dict copy would silently diverge
 * from the process environment, so its absence is an AttributeError.
 */
final class OsModule {
    private OsModule() {}

    static long create() {
        long m = Modules.create("os");
        for (String[] kv : new String[][] {{"name", "posix"}, {"sep", "/"}, {"curdir", "."}, {"pardir", ".."},
                {"extsep", "."}, {"pathsep", ":"}, {"linesep", "\n"}, {"devnull", "/dev/null"}}) {
            long v = Strs.fromJava(kv[1]);
            Modules.setAttr(m, kv[0], v);
            Native.decref(v);
        }
        Modules.setAttr(m, "altsep", Singletons.NONE);
        BuiltinTable t = new BuiltinTable();
        t.method("getcwd", (self, args, kw) -> {
            Args.none("getcwd", args, kw);
            return Strs.fromJava(System.getProperty("user.dir"));
        });
        t.method("getpid", (self, args, kw) -> {
            Args.none("getpid", args, kw);
            return Ints.fromLong(ProcessHandle.current().pid());
        });
        t.method("fspath", (self, args, kw) -> fspath(Args.clinic("fspath", args, kw, 1, "path")[0]));
        t.installFunctions(m);
        long path = createPath();
        Modules.setAttr(m, "path", path);
        long key = Strs.fromJava("os.path");
        Dicts.set(ImportApi.PyImport_GetModuleDict(), key, path);
        Native.decref(key);
        Native.decref(path);
        return m;
    }

    /** os.fspath: str and bytes as they are, else the result of __fspath__, which must be one of them. */
    static long fspath(long p) {
        if (Strs.isStr(p) || Bytes.isBytes(p)) {
            return Heap.newRef(p);
        }
        long hook = Lookups.optionalAttr(Heap.type(p), "__fspath__");
        if (hook == 0) {
            throw PyRaise.typeError("expected str, bytes or os.PathLike object, not %s", Types.name(p));
        }
        long r;
        try {
            r = Calls.call(hook, new long[] {p}, 0);
        } finally {
            Native.decref(hook);
        }
        if (!Strs.isStr(r) && !Bytes.isBytes(r)) {
            String type = Types.name(r);
            Native.decref(r);
            throw PyRaise.typeError("expected %s.__fspath__() to return str or bytes, not %s", Types.name(p), type);
        }
        return r;
    }

    /** A path argument as Java text; bytes map one char per byte (ISO-8859-1), so they come back unchanged. */
    private record PathText(String text, boolean bytes) {
        static PathText of(long o) {
            long p = fspath(o);
            try {
                return Bytes.isBytes(p) ? new PathText(new String(Bytes.value(p), StandardCharsets.ISO_8859_1), true)
                        : new PathText(Strs.value(p), false);
            } finally {
                Native.decref(p);
            }
        }

        long result(String s) {
            return bytes ? Bytes.fromJava(s.getBytes(StandardCharsets.ISO_8859_1)) : Strs.fromJava(s);
        }
    }

    private static long createPath() {
        long m = Modules.create("posixpath");
        long sep = Strs.fromJava("/");
        Modules.setAttr(m, "sep", sep);
        Native.decref(sep);
        BuiltinTable t = new BuiltinTable();
        t.method("join", (self, args, kw) -> {
            Args.noKeywords("join", kw);
            if (args.length == 0) {
                throw PyRaise.typeError("join() missing 1 required positional argument: 'a'");
            }
            PathText first = PathText.of(args[0]);
            StringBuilder path = new StringBuilder(first.text());
            for (int i = 1; i < args.length; i++) {
                PathText part = PathText.of(args[i]);
                if (part.bytes() != first.bytes()) {
                    throw PyRaise.typeError("Can't mix strings and bytes in path components");
                }
                String b = part.text();
                if (b.startsWith("/")) {
                    path.setLength(0);
                    path.append(b);
                } else if (path.isEmpty() || path.charAt(path.length() - 1) == '/') {
                    path.append(b);
                } else {
                    path.append('/').append(b);
                }
            }
            return first.result(path.toString());
        });
        t.method("split", (self, args, kw) -> {
            PathText p = PathText.of(Args.clinic("split", args, kw, 1, "p")[0]);
            String[] ht = split(p.text());
            return Tuples.of(p.result(ht[0]), p.result(ht[1]));
        });
        oneArg(t, "dirname", s -> split(s)[0]);
        oneArg(t, "basename", s -> s.substring(s.lastIndexOf('/') + 1));
        oneArg(t, "normpath", OsModule::normpath);
        oneArg(t, "abspath", s -> normpath(s.startsWith("/") ? s : join(System.getProperty("user.dir"), s)));
        t.method("splitext", (self, args, kw) -> {
            PathText p = PathText.of(Args.clinic("splitext", args, kw, 1, "p")[0]);
            int cut = extensionStart(p.text());
            return Tuples.of(p.result(p.text().substring(0, cut)), p.result(p.text().substring(cut)));
        });
        t.method("isabs", (self, args, kw) ->
                Singletons.bool(PathText.of(Args.clinic("isabs", args, kw, 1, "s")[0]).text().startsWith("/")));
        query(t, "exists", Files::exists);
        query(t, "isfile", Files::isRegularFile);
        query(t, "isdir", Files::isDirectory);
        t.installFunctions(m);
        return m;
    }

    private static void oneArg(BuiltinTable t, String name, UnaryOperator<String> f) {
        t.method(name, (self, args, kw) -> {
            PathText p = PathText.of(Args.clinic(name, args, kw, 1, "p")[0]);
            return p.result(f.apply(p.text()));
        });
    }

    /** A file-system query; like CPython's, any error (bad path, no permission) answers False. */
    private static void query(BuiltinTable t, String name, java.util.function.Predicate<Path> test) {
        t.method(name, (self, args, kw) -> {
            PathText p = PathText.of(Args.clinic(name, args, kw, 1, "path")[0]);
            boolean r;
            try {
                r = !p.text().isEmpty() && p.text().indexOf('\0') < 0 && test.test(Path.of(p.text()));
            } catch (RuntimeException e) {
                r = false;
            }
            return Singletons.bool(r);
        });
    }

    private static String join(String a, String b) {
        return b.startsWith("/") ? b : a.isEmpty() || a.endsWith("/") ? a + b : a + "/" + b;
    }

    /** Head and tail; the head loses trailing slashes unless it is all slashes. */
    private static String[] split(String p) {
        int i = p.lastIndexOf('/') + 1;
        String head = p.substring(0, i), tail = p.substring(i);
        if (!head.isEmpty() && !head.chars().allMatch(c -> c == '/')) {
            head = head.replaceAll("/+$", "");
        }
        return new String[] {head, tail};
    }

    /** Where the extension starts: the last dot after the last slash, unless the name is only dots up to it. */
    private static int extensionStart(String p) {
        int sep = p.lastIndexOf('/'), dot = p.lastIndexOf('.');
        if (dot > sep) {
            for (int i = sep + 1; i < dot; i++) {
                if (p.charAt(i) != '.') {
                    return dot;
                }
            }
        }
        return p.length();
    }

    /** posixpath.normpath: no '.', '..' folded where it can be, two leading slashes kept (POSIX allows them). */
    private static String normpath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int initial = !path.startsWith("/") ? 0 : path.startsWith("//") && !path.startsWith("///") ? 2 : 1;
        List<String> parts = new ArrayList<>();
        for (String comp : path.split("/", -1)) {
            if (comp.isEmpty() || comp.equals(".")) {
                continue;
            }
            if (!comp.equals("..") || (initial == 0 && parts.isEmpty())
                    || (!parts.isEmpty() && parts.getLast().equals(".."))) {
                parts.add(comp);
            } else if (!parts.isEmpty()) {
                parts.removeLast();
            }
        }
        String r = "/".repeat(initial) + String.join("/", parts);
        return r.isEmpty() ? "." : r;
    }
}
