package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.builtins.ObjectMethods.q;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.UnicodeApi;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.lang.foreign.Arena;
import java.math.BigInteger;

/** Methods of str that need no Unicode database: searching, splitting, stripping, joining, encoding. */
final class StrMethods {
    private StrMethods() {}

    /** Python's str.isspace() set (Py_UNICODE_ISSPACE), which split() and strip() use. */
    static boolean isSpace(int c) {
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f
                || c == 0x3000;
    }

    private static int[] cps(long s) {
        return Strs.value(s).codePoints().toArray();
    }

    private static long make(int[] cps, int from, int to) {
        return Strs.fromJava(new String(cps, from, to - from));
    }

    /** What str and bytes differ in for the shared algorithms: data, argument conversion, whitespace, results. */
    interface Flavor {
        int[] data(long self);

        /** A str argument for str, a bytes-like one for bytes; TypeError otherwise. */
        int[] arg(long o);

        long make(int[] s, int from, int to);

        boolean space(int c);

        boolean lineBreak(int c);

        /** The type word of messages: "str" or "bytes". */
        String word();
    }

    static final Flavor STR = new Flavor() {
        public int[] data(long self) {
            return cps(self);
        }

        public int[] arg(long o) {
            return cps(strArg(o, null));
        }

        public long make(int[] s, int from, int to) {
            return StrMethods.make(s, from, to);
        }

        public boolean space(int c) {
            return isSpace(c);
        }

        public boolean lineBreak(int c) {
            return StrMethods.lineBreak(c);
        }

        public String word() {
            return "str";
        }
    };

    /** A str argument: "must be str, not int" (the message of the method's own check). */
    private static long strArg(long o, String what) {
        if (!Strs.isStr(o)) {
            throw PyRaise.typeError(what == null ? "must be str, not %s" : what + " must be str, not %s", Types.name(o));
        }
        return o;
    }

    private static long maxsplit(long o) {
        if (o == 0) {
            return -1;
        }
        BigInteger v = Ints.index(o);
        if (v.bitLength() > 63) {
            throw PyRaise.overflow("Python int too large to convert to C ssize_t");
        }
        return v.longValue();
    }

    private static int indexOf(int[] s, int[] sub, int from, int to) {
        for (int i = from; i + sub.length <= to; i++) {
            if (matchAt(s, sub, i)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(int[] s, int[] sub, int from, int to) {
        for (int i = to - sub.length; i >= from; i--) {
            if (matchAt(s, sub, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchAt(int[] s, int[] sub, int i) {
        for (int k = 0; k < sub.length; k++) {
            if (s[i + k] != sub[k]) {
                return false;
            }
        }
        return true;
    }

    static long split(Flavor f, long self, long[] args, long kw, boolean right) {
        String name = right ? "rsplit" : "split";
        long[] a = Args.clinic(name, args, kw, 0, "sep", "maxsplit");
        int[] s = f.data(self);
        long max = maxsplit(a[1]);
        if (max < 0) {
            max = Long.MAX_VALUE;
        }
        java.util.ArrayList<Long> parts = new java.util.ArrayList<>();
        int n = s.length;
        if (Args.isNone(a[0])) {
            if (!right) {
                int i = 0;
                while (max-- > 0) {
                    while (i < n && f.space(s[i])) {
                        i++;
                    }
                    if (i == n) {
                        break;
                    }
                    int j = i++;
                    while (i < n && !f.space(s[i])) {
                        i++;
                    }
                    parts.add(f.make(s, j, i));
                }
                while (i < n && f.space(s[i])) {
                    i++;
                }
                if (i < n) {
                    parts.add(f.make(s, i, n));
                }
            } else {
                int i = n - 1;
                while (max-- > 0) {
                    while (i >= 0 && f.space(s[i])) {
                        i--;
                    }
                    if (i < 0) {
                        break;
                    }
                    int j = i--;
                    while (i >= 0 && !f.space(s[i])) {
                        i--;
                    }
                    parts.add(f.make(s, i + 1, j + 1));
                }
                while (i >= 0 && f.space(s[i])) {
                    i--;
                }
                if (i >= 0) {
                    parts.add(f.make(s, 0, i + 1));
                }
                java.util.Collections.reverse(parts);
            }
        } else {
            int[] sep = f.arg(a[0]);
            if (sep.length == 0) {
                throw PyRaise.valueError("empty separator");
            }
            if (!right) {
                int i = 0;
                while (max-- > 0) {
                    int j = indexOf(s, sep, i, n);
                    if (j < 0) {
                        break;
                    }
                    parts.add(f.make(s, i, j));
                    i = j + sep.length;
                }
                parts.add(f.make(s, i, n));
            } else {
                int j = n;
                while (max-- > 0) {
                    int i = lastIndexOf(s, sep, 0, j);
                    if (i < 0) {
                        break;
                    }
                    parts.add(f.make(s, i + sep.length, j));
                    j = i;
                }
                parts.add(f.make(s, 0, j));
                java.util.Collections.reverse(parts);
            }
        }
        long l = Lists.create(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Lists.set(l, i, parts.get(i));
        }
        return l;
    }

    /** strip/lstrip/rstrip(chars=None, /). */
    static long strip(Flavor f, long self, long[] args, long kw, String name, boolean left, boolean rightSide) {
        Args.positional(name, args, kw, 0, 1);
        int[] s = f.data(self);
        java.util.function.IntPredicate strip;
        if (args.length == 0 || args[0] == Singletons.NONE) {
            strip = f::space;
        } else {
            if (f == STR && !Strs.isStr(args[0])) {
                throw PyRaise.typeError("%s arg must be None or str", name);
            }
            java.util.Set<Integer> set = new java.util.HashSet<>();
            for (int c : f.arg(args[0])) {
                set.add(c);
            }
            strip = set::contains;
        }
        int i = 0, j = s.length;
        if (left) {
            while (i < j && strip.test(s[i])) {
                i++;
            }
        }
        if (rightSide) {
            while (j > i && strip.test(s[j - 1])) {
                j--;
            }
        }
        if (i == 0 && j == s.length && (Heap.type(self) == Types.STR || Heap.type(self) == Types.BYTES)) {
            return Heap.newRef(self);
        }
        return f.make(s, i, j);
    }

    /** CPython's ADJUST_INDICES for start/end arguments: {start, end} for a string of length n. */
    static long[] bounds(long[] args, int first, long n) {
        long start = args.length > first ? slice(args[first], 0) : 0;
        long end = args.length > first + 1 ? slice(args[first + 1], Long.MAX_VALUE) : Long.MAX_VALUE;
        if (end > n) {
            end = n;
        } else if (end < 0) {
            end = Math.max(0, end + n);
        }
        if (start < 0) {
            start = Math.max(0, start + n);
        }
        return new long[] {start, end};
    }

    private static long slice(long o, long dflt) {
        if (o == Singletons.NONE) {
            return dflt;
        }
        if (!Ints.isInt(o)) {
            throw PyRaise.typeError("slice indices must be integers or None or have an __index__ method");
        }
        BigInteger v = Ints.value(o);
        return v.bitLength() > 62 ? (v.signum() < 0 ? -(Long.MAX_VALUE / 2) : Long.MAX_VALUE / 2) : v.longValue();
    }

    /** find/rfind/index/rindex/count(sub[, start[, end]]). */
    static long search(Flavor f, long self, long[] args, long kw, String name) {
        Args.unpack(name, args, kw, 1, 3);
        int[] sub = f.arg(args[0]);
        int[] s = f.data(self);
        long[] b = bounds(args, 1, s.length);
        int start = (int) Math.min(b[0], Integer.MAX_VALUE), end = (int) b[1];
        if (name.equals("count")) {
            if (start > s.length || end < start) {
                return Ints.fromLong(0);
            }
            if (sub.length == 0) {
                return Ints.fromLong(end - start + 1);
            }
            long c = 0;
            for (int i = start; i + sub.length <= end; ) {
                if (matchAt(s, sub, i)) {
                    c++;
                    i += sub.length;
                } else {
                    i++;
                }
            }
            return Ints.fromLong(c);
        }
        int r = -1;
        if (start <= s.length && end - start >= sub.length) {
            r = name.startsWith("r") ? lastIndexOf(s, sub, start, end) : indexOf(s, sub, start, end);
        }
        if (r < 0 && name.contains("index")) {
            throw PyRaise.valueError(f == STR ? "substring not found" : "subsection not found");
        }
        return Ints.fromLong(r);
    }

    /** startswith/endswith(prefix[, start[, end]]); prefix may be a tuple of str. */
    static long affix(Flavor f, long self, long[] args, long kw, String name, boolean end) {
        Args.unpack(name, args, kw, 1, 3);
        int[] s = f.data(self);
        long[] b = bounds(args, 1, s.length);
        int[][] candidates;
        if (Tuples.isTuple(args[0])) {
            candidates = new int[(int) Tuples.size(args[0])][];
            for (int i = 0; i < candidates.length; i++) {
                long c = Tuples.get(args[0], i);
                if (f == STR && !Strs.isStr(c)) {
                    throw PyRaise.typeError("tuple for %s must only contain str, not %s", name, Types.name(c));
                }
                candidates[i] = f.arg(c);
            }
        } else if (f == STR ? Strs.isStr(args[0]) : BytesMethods.isBytesLike(args[0])) {
            candidates = new int[][] {f.arg(args[0])};
        } else {
            throw PyRaise.typeError("%s first arg must be %s or a tuple of %s, not %s", name, f.word(), f.word(),
                    Types.name(args[0]));
        }
        for (int[] sub : candidates) {
            long start = b[0], stop = b[1] - sub.length;
            if (stop < start) {
                continue;
            }
            if (sub.length == 0 || matchAt(s, sub, (int) (end ? stop : start))) {
                return Singletons.TRUE;
            }
        }
        return Singletons.FALSE;
    }

    static long replace(Flavor f, long self, long[] args, long kw) {
        Args.clinicCount("replace", Math.min(args.length, 2), 2, 2);
        long[] a = Args.clinic("replace", args, kw, 2, "old", "new", "count");
        int[] s = f.data(self);
        int[] old = f == STR ? cps(strArg(a[0], "replace() argument 1")) : f.arg(a[0]);
        int[] rep = f == STR ? cps(strArg(a[1], "replace() argument 2")) : f.arg(a[1]);
        long count = a[2] == 0 ? -1 : maxsplit(a[2]);
        if (count < 0) {
            count = Long.MAX_VALUE;
        }
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
        int i = 0;
        if (old.length == 0) {
            for (; i <= s.length; i++) {
                if (count-- > 0) {
                    append(out, rep, 0, rep.length);
                }
                if (i < s.length) {
                    out.add(s[i]);
                }
            }
            return f.make(out.stream().mapToInt(Integer::intValue).toArray(), 0, out.size());
        }
        while (i < s.length) {
            int j = count > 0 ? indexOf(s, old, i, s.length) : -1;
            if (j < 0) {
                append(out, s, i, s.length);
                break;
            }
            append(out, s, i, j);
            append(out, rep, 0, rep.length);
            i = j + old.length;
            count--;
        }
        return f.make(out.stream().mapToInt(Integer::intValue).toArray(), 0, out.size());
    }

    private static void append(java.util.ArrayList<Integer> out, int[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            out.add(s[i]);
        }
    }

    static long partition(Flavor f, long self, long[] args, long kw, boolean right) {
        long sepObj = Args.one(q(self, right ? "rpartition" : "partition"), args, kw);
        int[] sep = f.arg(sepObj);
        if (sep.length == 0) {
            throw PyRaise.valueError("empty separator");
        }
        int[] s = f.data(self);
        int i = right ? lastIndexOf(s, sep, 0, s.length) : indexOf(s, sep, 0, s.length);
        if (i < 0) {
            long whole = f.make(s, 0, s.length);
            return right ? Tuples.of(f.make(s, 0, 0), f.make(s, 0, 0), whole)
                    : Tuples.of(whole, f.make(s, 0, 0), f.make(s, 0, 0));
        }
        return Tuples.of(f.make(s, 0, i), f.make(sep, 0, sep.length), f.make(s, i + sep.length, s.length));
    }

    private static long encode(long self, long[] args, long kw) {
        long[] a = Args.clinic("encode", args, kw, 0, "encoding", "errors");
        try (Arena arena = Arena.ofConfined()) {
            long enc = 0, err = 0;
            if (a[0] != 0) {
                enc = arena.allocateFrom(Strs.value(strArg(a[0], "encode() argument 'encoding'"))).address();
            }
            if (a[1] != 0) {
                err = arena.allocateFrom(Strs.value(strArg(a[1], "encode() argument 'errors'"))).address();
            }
            return Slots.checkPtr(UnicodeApi.PyUnicode_AsEncodedString(self, enc, err));
        }
    }

    static BuiltinTable str() {
        BuiltinTable t = new BuiltinTable();
        t.slot("__add__", Slots.binary((self, other) -> {
            if (!Strs.isStr(other)) {
                throw PyRaise.typeError("can only concatenate str (not \"%s\") to str", Types.name(other));
            }
            return AbstractApi.PyNumber_Add(self, other);
        }));
        t.slot("__mul__", Slots.binary((self, n) -> AbstractApi.PyNumber_Multiply(self,
                Ints.fromLong(ContainerMethods.ssize(n)))));
        t.slot("__rmul__", Slots.binary((self, n) -> AbstractApi.PyNumber_Multiply(self,
                Ints.fromLong(ContainerMethods.ssize(n)))));
        t.slot("__contains__", Slots.binary((self, x) -> {
            if (!Strs.isStr(x)) {
                throw PyRaise.typeError("'in <string>' requires string as left operand, not %s", Types.name(x));
            }
            return Singletons.bool(Strs.value(self).contains(Strs.value(x)));
        }));
        Slots.comparisons(t, Strs::isStr);
        t.slot("__getitem__", Slots.binary(StrMethods::item));
        Slots.textSlots(t);
        t.method("__getnewargs__", (self, args, kw) -> {
            Args.none(q(self, "__getnewargs__"), args, kw);
            return Tuples.of(Strs.fromJava(Strs.value(self)));
        });
        t.method("split", (self, args, kw) -> split(STR, self, args, kw, false));
        t.method("rsplit", (self, args, kw) -> split(STR, self, args, kw, true));
        t.method("strip", (self, args, kw) -> strip(STR, self, args, kw, "strip", true, true));
        t.method("lstrip", (self, args, kw) -> strip(STR, self, args, kw, "lstrip", true, false));
        t.method("rstrip", (self, args, kw) -> strip(STR, self, args, kw, "rstrip", false, true));
        for (String m : new String[] {"find", "rfind", "index", "rindex", "count"}) {
            t.method(m, (self, args, kw) -> search(STR, self, args, kw, m));
        }
        t.method("startswith", (self, args, kw) -> affix(STR, self, args, kw, "startswith", false));
        t.method("endswith", (self, args, kw) -> affix(STR, self, args, kw, "endswith", true));
        t.method("replace", (self, args, kw) -> replace(STR, self, args, kw));
        t.method("partition", (self, args, kw) -> partition(STR, self, args, kw, false));
        t.method("rpartition", (self, args, kw) -> partition(STR, self, args, kw, true));
        t.method("join", (self, args, kw) -> UnicodeApi.PyUnicode_Join(self, Args.one(q(self, "join"), args, kw)));
        t.method("encode", StrMethods::encode);
        t.method("removeprefix", (self, args, kw) -> {
            String p = Strs.value(strArg(Args.one(q(self, "removeprefix"), args, kw), "removeprefix() argument"));
            String s = Strs.value(self);
            return s.startsWith(p) && !p.isEmpty() ? Strs.fromJava(s.substring(p.length())) : Strs.fromJava(s);
        });
        t.method("removesuffix", (self, args, kw) -> {
            String p = Strs.value(strArg(Args.one(q(self, "removesuffix"), args, kw), "removesuffix() argument"));
            String s = Strs.value(self);
            return s.endsWith(p) && !p.isEmpty() ? Strs.fromJava(s.substring(0, s.length() - p.length()))
                    : Strs.fromJava(s);
        });
        t.method("isascii", (self, args, kw) -> {
            Args.none(q(self, "isascii"), args, kw);
            return Singletons.bool(Strs.ascii(self));
        });
        for (String m : new String[] {"ljust", "rjust", "center"}) {
            t.method(m, (self, args, kw) -> pad(self, args, kw, m));
        }
        t.method("expandtabs", (self, args, kw) -> expandTabs(STR, self, args, kw));
        t.staticMethod("maketrans", (cls, args, kw) -> makeTrans(args, kw));
        t.method("translate", (self, args, kw) -> translate(self, Args.one(q(self, "translate"), args, kw)));
        t.method("splitlines", (self, args, kw) -> splitLines(STR, self, args, kw));
        t.method("zfill", (self, args, kw) -> {
            long width = ContainerMethods.ssize(Args.one(q(self, "zfill"), args, kw));
            int[] s = cps(self);
            if (width <= s.length) {
                return Strs.fromJava(Strs.value(self));
            }
            StringBuilder b = new StringBuilder();
            int start = 0;
            if (s.length > 0 && (s[0] == '+' || s[0] == '-')) {
                b.appendCodePoint(s[0]);
                start = 1;
            }
            b.append("0".repeat((int) (width - s.length)));
            b.append(new String(s, start, s.length - start));
            return Strs.fromJava(b.toString());
        });
        StrText.install(t);
        return t;
    }

    /** ljust/rjust/center(width, fillchar=' ', /). */
    private static long pad(long self, long[] args, long kw, String name) {
        Args.unpack(name, args, kw, 1, 2);
        long width = ContainerMethods.ssize(args[0]);
        int fill = ' ';
        if (args.length > 1) {
            if (!Strs.isStr(args[1])) {
                throw PyRaise.typeError("The fill character must be a unicode character, not %s", Types.name(args[1]));
            }
            int[] f = cps(args[1]);
            if (f.length != 1) {
                throw PyRaise.typeError("The fill character must be exactly one character long");
            }
            fill = f[0];
        }
        int[] s = cps(self);
        if (width <= s.length) {
            return Heap.type(self) == Types.STR ? Heap.newRef(self) : Strs.fromJava(Strs.value(self));
        }
        long marg = width - s.length;
        long left = switch (name) {
            case "ljust" -> 0;
            case "rjust" -> marg;
            default -> marg / 2 + (marg & width & 1);
        };
        String f = new String(Character.toChars(fill));
        return Strs.fromJava(f.repeat((int) left) + Strs.value(self) + f.repeat((int) (marg - left)));
    }

    /** expandtabs(tabsize=8): tabs to the next multiple of tabsize; \n and \r restart the column. */
    static long expandTabs(Flavor f, long self, long[] args, long kw) {
        long[] a = Args.clinic("expandtabs", args, kw, 0, "tabsize");
        long tab = a[0] == 0 ? 8 : ContainerMethods.ssize(a[0]);
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
        long col = 0;
        for (int c : f.data(self)) {
            if (c == '\t') {
                if (tab > 0) {
                    long n = tab - (col % tab);
                    for (long i = 0; i < n; i++) {
                        out.add((int) ' ');
                    }
                    col += n;
                }
            } else {
                out.add(c);
                col = c == '\n' || c == '\r' ? 0 : col + 1;
            }
        }
        return f.make(out.stream().mapToInt(Integer::intValue).toArray(), 0, out.size());
    }

    /** splitlines(keepends=False): \r\n is one boundary; the flavor says which others there are. */
    static long splitLines(Flavor f, long self, long[] args, long kw) {
        long[] a = Args.clinic("splitlines", args, kw, 0, "keepends");
        if (a[0] != 0 && !Ints.isInt(a[0])) {
            throw PyRaise.typeError("'%s' object cannot be interpreted as an integer", Types.name(a[0]));
        }
        boolean keep = a[0] != 0 && dev.ftcheck.runtime.obj.Protocols.isTrue(a[0]);
        int[] s = f.data(self);
        long l = Lists.create(0);
        int i = 0;
        while (i < s.length) {
            int j = i;
            while (j < s.length && !f.lineBreak(s[j])) {
                j++;
            }
            int eol = j;
            if (j < s.length) {
                j += s[j] == '\r' && j + 1 < s.length && s[j + 1] == '\n' ? 2 : 1;
                if (keep) {
                    eol = j;
                }
            }
            long line = f.make(s, i, eol);
            Lists.append(l, line);
            dev.ftcheck.runtime.nat.Native.decref(line);
            i = j;
        }
        return l;
    }

    /** Line boundaries of str.splitlines. */
    private static boolean lineBreak(int c) {
        return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x85
                || c == 0x2028 || c == 0x2029;
    }

    /** str.maketrans(x[, y[, z]]): a dict from ordinals to ordinals, strings or None. */
    private static long makeTrans(long[] args, long kw) {
        Args.positional("maketrans", args, kw, 1, 3);
        long d = dev.ftcheck.runtime.obj.Dicts.create("str.maketrans");
        try {
            if (args.length == 1) {
                if (!dev.ftcheck.runtime.obj.Dicts.isDict(args[0])) {
                    throw PyRaise.typeError("if you give only one argument to maketrans it must be a dict");
                }
                long[] kv = dev.ftcheck.runtime.obj.Dicts.items(args[0]);
                try {
                    for (int i = 0; i < kv.length; i += 2) {
                        long key = kv[i];
                        if (Strs.isStr(key)) {
                            int[] c = cps(key);
                            if (c.length != 1) {
                                throw PyRaise.valueError("string keys in translate table must be of length 1");
                            }
                            long ord = Ints.fromLong(c[0]);
                            dev.ftcheck.runtime.obj.Dicts.set(d, ord, kv[i + 1]);
                            dev.ftcheck.runtime.nat.Native.decref(ord);
                        } else if (Ints.isInt(key)) {
                            dev.ftcheck.runtime.obj.Dicts.set(d, key, kv[i + 1]);
                        } else {
                            throw PyRaise.typeError("keys in translate table must be strings or integers");
                        }
                    }
                } finally {
                    for (long r : kv) {
                        dev.ftcheck.runtime.nat.Native.decref(r);
                    }
                }
                return d;
            }
            if (!Strs.isStr(args[0])) {
                throw PyRaise.typeError("first maketrans argument must be a string if there is a second argument");
            }
            int[] x = cps(args[0]);
            int[] y = cps(strArg(args[1], "maketrans() argument 2"));
            if (x.length != y.length) {
                throw PyRaise.valueError("the first two maketrans arguments must have equal length");
            }
            for (int i = 0; i < x.length; i++) {
                put(d, x[i], Ints.fromLong(y[i]));
            }
            if (args.length > 2) {
                for (int c : cps(strArg(args[2], "maketrans() argument 3"))) {
                    put(d, c, Singletons.NONE);
                }
            }
            return d;
        } catch (RuntimeException e) {
            dev.ftcheck.runtime.nat.Native.decref(d);
            throw e;
        }
    }

    private static void put(long d, int key, long value) {
        long k = Ints.fromLong(key);
        dev.ftcheck.runtime.obj.Dicts.set(d, k, value);
        dev.ftcheck.runtime.nat.Native.decref(k);
        dev.ftcheck.runtime.nat.Native.decref(value);
    }

    /** str.translate(table): table[ord(c)] for each character; a LookupError keeps it, None deletes it. */
    private static long translate(long self, long table) {
        StringBuilder out = new StringBuilder();
        for (int c : cps(self)) {
            long key = Ints.fromLong(c);
            long v;
            try {
                v = itemOrMissing(table, key);
            } finally {
                dev.ftcheck.runtime.nat.Native.decref(key);
            }
            if (v == 0) {
                out.appendCodePoint(c);
                continue;
            }
            try {
                if (v == Singletons.NONE) {
                    continue;
                }
                if (Ints.isInt(v)) {
                    BigInteger n = Ints.value(v);
                    if (n.signum() < 0 || n.compareTo(BigInteger.valueOf(0x10ffff)) > 0) {
                        throw PyRaise.valueError("character mapping must be in range(0x110000)");
                    }
                    out.appendCodePoint(n.intValue());
                } else if (Strs.isStr(v)) {
                    out.append(Strs.value(v));
                } else {
                    throw PyRaise.typeError("character mapping must return integer, None or str");
                }
            } finally {
                dev.ftcheck.runtime.nat.Native.decref(v);
            }
        }
        return Strs.fromJava(out.toString());
    }

    /** table[key], or 0 when the lookup raised a LookupError (which is cleared). */
    private static long itemOrMissing(long table, long key) {
        {
            try {
                return dev.ftcheck.runtime.capi.AbstractApi.PyObject_GetItem(table, key);
            } catch (PyRaise r) {
                if (Types.isSubtype(r.type, dev.ftcheck.runtime.obj.Exceptions.LookupError)) {
                    return 0;
                }
                throw r;
            } catch (dev.ftcheck.runtime.obj.ErrorAlreadySet e) {
                if (dev.ftcheck.runtime.obj.Errors.matches(dev.ftcheck.runtime.obj.Exceptions.LookupError)) {
                    dev.ftcheck.runtime.obj.Errors.clear();
                    return 0;
                }
                throw e;
            }
        }
    }

    /** s[i] and s[start:stop:step]. */
    static long item(long self, long key) {
        int[] s = cps(self);
        if (Ints.isInt(key)) {
            long i = ContainerMethods.ssize(key);
            if (i < 0) {
                i += s.length;
            }
            if (i < 0 || i >= s.length) {
                throw PyRaise.indexError("string index out of range");
            }
            return make(s, (int) i, (int) i + 1);
        }
        if (Types.kindOf(key) == TypeKind.SLICE) {
            long[] r = sliceIndices(key, s.length);
            StringBuilder b = new StringBuilder();
            for (long i = r[0], k = 0; k < r[3]; i += r[2], k++) {
                b.appendCodePoint(s[(int) i]);
            }
            return Strs.fromJava(b.toString());
        }
        throw PyRaise.typeError("string indices must be integers, not '%s'", Types.name(key));
    }

    /** A slice's {start, stop, step, count} for a sequence of length n (PySlice_GetIndicesEx). */
    static long[] sliceIndices(long slice, long n) {
        long stepObj = dev.ftcheck.runtime.nat.Mem.getLong(slice + dev.ftcheck.runtime.obj.Objects.SL_STEP);
        long step = stepObj == Singletons.NONE ? 1 : slice(stepObj, 1);
        if (step == 0) {
            throw PyRaise.valueError("slice step cannot be zero");
        }
        long startObj = dev.ftcheck.runtime.nat.Mem.getLong(slice + dev.ftcheck.runtime.obj.Objects.SL_START);
        long stopObj = dev.ftcheck.runtime.nat.Mem.getLong(slice + dev.ftcheck.runtime.obj.Objects.SL_STOP);
        long lo = step < 0 ? -1 : 0, hi = step < 0 ? n - 1 : n;
        long start = startObj == Singletons.NONE ? (step < 0 ? hi : lo) : clamp(slice(startObj, 0), n, lo, hi);
        long stop = stopObj == Singletons.NONE ? (step < 0 ? lo : hi) : clamp(slice(stopObj, 0), n, lo, hi);
        long count = step > 0 ? (stop > start ? (stop - start - 1) / step + 1 : 0)
                : (start > stop ? (start - stop - 1) / (-step) + 1 : 0);
        return new long[] {start, stop, step, count};
    }

    private static long clamp(long i, long n, long lo, long hi) {
        if (i < 0) {
            i += n;
            return i < lo ? lo : i;
        }
        return i > hi ? hi : i;
    }
}
