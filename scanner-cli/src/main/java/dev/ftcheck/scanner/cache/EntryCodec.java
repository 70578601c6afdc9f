package dev.ftcheck.scanner.cache;

import dev.ftcheck.scanner.FileOutcome;
import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.api.RuleMetadata;
import dev.ftcheck.scanner.api.SourceFile;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns per-file outcomes and whole scan results into bytes and back. The format is a small tagged encoding of the
 * values rules produce: strings (each distinct one written once per entry, then referred to by number: names and
 * messages repeat a lot), ints, longs, booleans, enums, lists, sets, maps and records (by class name and canonical
 * constructor, so the fact records of any rule need no codec of their own). Two values are special: a
 * {@link RuleMetadata} is written as its rule code and resolved against the scan's rules, and a {@link SourceFile}
 * may only be the entry's own file and is re-bound to this scan's object for it. Anything else makes the entry
 * {@link Uncacheable}; bytes that do not decode are {@link Corrupt}. Decoded collections are mutable.
 */
final class EntryCodec {
    private static final int NULL = 0;
    private static final int STRING = 1;
    private static final int INT = 2;
    private static final int LONG = 3;
    private static final int TRUE = 4;
    private static final int FALSE = 5;
    private static final int ENUM = 6;
    private static final int LIST = 7;
    private static final int SET = 8;
    private static final int MAP = 9;
    private static final int RECORD = 10;
    private static final int RULE = 11;
    private static final int OWN_FILE = 12;

    /** Thrown when a value cannot be written: such an outcome is not cached. */
    static final class Uncacheable extends Exception {
        Uncacheable(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown when bytes do not decode: the entry counts as a miss. */
    static final class Corrupt extends Exception {
        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, RuleMetadata> rules = new HashMap<>();
    /** Classes by name, looked up once per codec: every record in an entry names its class. */
    private final Map<String, Class<?>> classes = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param rules the scan's rules: decoded findings refer to their metadata by code */
    EntryCodec(Collection<RuleMetadata> rules) {
        for (RuleMetadata m : rules) {
            this.rules.put(m.code(), m);
        }
    }

    byte[] encode(FileOutcome o, SourceFile self) throws Uncacheable {
        Writer w = new Writer(self);
        w.varint(o.parsed() + 1);
        w.varint(o.prefiltered() + 1);
        w.value(o.skipped());
        w.value(o.notes());
        w.value(o.findings());
        w.value(o.modules());
        w.varint(o.facts().size());
        for (FileOutcome.Fact f : o.facts()) {
            w.string(f.type().getName());
            w.value(f.value());
        }
        return w.toBytes();
    }

    @SuppressWarnings("unchecked")
    FileOutcome decodeOutcome(byte[] b, int off, int len, SourceFile self) throws Corrupt {
        Reader r = new Reader(b, off, len, self);
        int parsed = r.varint() - 1;
        int prefiltered = r.varint() - 1;
        List<dev.ftcheck.scanner.SkippedPath> skipped = r.list(dev.ftcheck.scanner.SkippedPath.class);
        List<dev.ftcheck.scanner.ScanNote> notes = r.list(dev.ftcheck.scanner.ScanNote.class);
        List<dev.ftcheck.scanner.api.Finding> findings = r.list(dev.ftcheck.scanner.api.Finding.class);
        List<dev.ftcheck.scanner.api.ModuleInfo> modules = r.list(dev.ftcheck.scanner.api.ModuleInfo.class);
        int n = r.varint();
        List<FileOutcome.Fact> facts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Class<?> type = r.type(r.string());
            Object value = r.value();
            if (!type.isInstance(value)) {
                throw new Corrupt("fact of type " + type.getName() + " holds a " + describe(value));
            }
            facts.add(new FileOutcome.Fact(type, value));
        }
        r.end();
        return new FileOutcome(parsed, prefiltered, skipped, notes, findings, modules, facts);
    }

    byte[] encode(ScanResult result) throws Uncacheable {
        Writer w = new Writer(null);
        w.value(result);
        return w.toBytes();
    }

    ScanResult decodeResult(byte[] b, int off, int len) throws Corrupt {
        Reader r = new Reader(b, off, len, null);
        Object v = r.value();
        r.end();
        if (!(v instanceof ScanResult result)) {
            throw new Corrupt("not a scan result: " + describe(v));
        }
        return result;
    }

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getName();
    }

    /** How a record class is taken apart and put together, found once per class. */
    private record Shape(Method[] accessors, Constructor<?> constructor) {
        static final ClassValue<Shape> OF = new ClassValue<>() {
            @Override
            protected Shape computeValue(Class<?> type) {
                RecordComponent[] parts = type.getRecordComponents();
                Method[] accessors = new Method[parts.length];
                Class<?>[] types = new Class<?>[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    accessors[i] = parts[i].getAccessor();
                    accessors[i].setAccessible(true); // fact records are package-private to their rules
                    types[i] = parts[i].getType();
                }
                try {
                    Constructor<?> c = type.getDeclaredConstructor(types);
                    c.setAccessible(true);
                    return new Shape(accessors, c);
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
                }
            }
        };
    }

    private static final class Writer {
        private byte[] buf = new byte[1024];
        private int pos;
        private final Map<String, Integer> strings = new HashMap<>();
        private final SourceFile self;

        Writer(SourceFile self) {
            this.self = self;
        }

        byte[] toBytes() {
            return Arrays.copyOf(buf, pos);
        }

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        void tag(int t) {
            ensure(1);
            buf[pos++] = (byte) t;
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        void signed(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        /** A string: a back-reference when it was written before in this entry. */
        void string(String s) {
            Integer seen = strings.get(s);
            if (seen != null) {
                varint(((long) seen << 1) | 1);
                return;
            }
            strings.put(s, strings.size());
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint((long) b.length << 1);
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        void value(Object v) throws Uncacheable {
            switch (v) {
                case null -> tag(NULL);
                case String s -> {
                    tag(STRING);
                    string(s);
                }
                case Integer i -> {
                    tag(INT);
                    signed(i);
                }
                case Long l -> {
                    tag(LONG);
                    signed(l);
                }
                case Boolean b -> tag(b ? TRUE : FALSE);
                case Enum<?> e -> {
                    tag(ENUM);
                    string(e.getDeclaringClass().getName());
                    string(e.name());
                }
                case RuleMetadata m -> {
                    tag(RULE);
                    string(m.code());
                }
                case SourceFile f -> {
                    if (self == null || (f != self && !f.displayPath().equals(self.displayPath()))) {
                        throw new Uncacheable("refers to another file: " + f.displayPath());
                    }
                    tag(OWN_FILE);
                }
                case Record r -> record(r);
                case List<?> l -> {
                    tag(LIST);
                    elements(l);
                }
                case Set<?> s -> {
                    tag(SET);
                    elements(s);
                }
                case Map<?, ?> m -> {
                    tag(MAP);
                    varint(m.size());
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        value(e.getKey());
                        value(e.getValue());
                    }
                }
                default -> throw new Uncacheable("no encoding for " + v.getClass().getName());
            }
        }

        private void elements(Collection<?> c) throws Uncacheable {
            varint(c.size());
            for (Object o : c) {
                value(o);
            }
        }

        private void record(Record r) throws Uncacheable {
            tag(RECORD);
            string(r.getClass().getName());
            Shape shape = Shape.OF.get(r.getClass());
            varint(shape.accessors().length);
            for (Method m : shape.accessors()) {
                try {
                    value(m.invoke(r));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new Uncacheable("cannot read " + m + ": " + e);
                }
            }
        }
    }

    private final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;
        private final List<String> strings = new ArrayList<>();
        private final SourceFile self;

        Reader(byte[] buf, int off, int len, SourceFile self) {
            this.buf = buf;
            this.pos = off;
            this.end = off + len;
            this.self = self;
        }

        void end() throws Corrupt {
            if (pos != end) {
                throw new Corrupt((end - pos) + " bytes left over");
            }
        }

        private int u8() throws Corrupt {
            if (pos >= end) {
                throw new Corrupt("truncated");
            }
            return buf[pos++] & 0xff;
        }

        long varlong() throws Corrupt {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new Corrupt("varint too long");
        }

        int varint() throws Corrupt {
            long v = varlong();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new Corrupt("count out of range: " + v);
            }
            return (int) v;
        }

        long signed() throws Corrupt {
            long v = varlong();
            return (v >>> 1) ^ -(v & 1);
        }

        String string() throws Corrupt {
            long h = varlong();
            if ((h & 1) == 1) {
                long idx = h >>> 1;
                if (idx >= strings.size()) {
                    throw new Corrupt("string reference out of range");
                }
                return strings.get((int) idx);
            }
            long len = h >>> 1;
            if (len > end - pos) {
                throw new Corrupt("truncated string");
            }
            String s = new String(buf, pos, (int) len, StandardCharsets.UTF_8);
            pos += (int) len;
            strings.add(s);
            return s;
        }

        /** A count of elements that each take at least one byte: more than the bytes left is corruption. */
        private int count() throws Corrupt {
            int n = varint();
            if (n > end - pos) {
                throw new Corrupt("count larger than the entry");
            }
            return n;
        }

        <T> List<T> list(Class<T> element) throws Corrupt {
            Object v = value();
            if (!(v instanceof List<?> l)) {
                throw new Corrupt("expected a list, found " + describe(v));
            }
            for (Object o : l) {
                if (!element.isInstance(o)) {
                    throw new Corrupt("expected " + element.getName() + ", found " + describe(o));
                }
            }
            @SuppressWarnings("unchecked")
            List<T> typed = (List<T>) l;
            return typed;
        }

        Class<?> type(String name) throws Corrupt {
            Class<?> c = classes.get(name);
            if (c != null) {
                return c;
            }
            try {
                c = Class.forName(name, false, EntryCodec.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new Corrupt("unknown class " + name);
            }
            classes.put(name, c);
            return c;
        }

        Object value() throws Corrupt {
            int tag = u8();
            switch (tag) {
                case NULL:
                    return null;
                case STRING:
                    return string();
                case INT: {
                    long v = signed();
                    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        throw new Corrupt("int out of range");
                    }
                    return (int) v;
                }
                case LONG:
                    return signed();
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case ENUM: {
                    Class<?> type = type(string());
                    String name = string();
                    if (!type.isEnum()) {
                        throw new Corrupt(type.getName() + " is not an enum");
                    }
                    for (Object c : type.getEnumConstants()) {
                        if (((Enum<?>) c).name().equals(name)) {
                            return c;
                        }
                    }
                    throw new Corrupt("no constant " + name + " in " + type.getName());
                }
                case RULE: {
                    String code = string();
                    RuleMetadata m = rules.get(code);
                    if (m == null) {
                        throw new Corrupt("rule " + code + " is not part of this scan");
                    }
                    return m;
                }
                case OWN_FILE:
                    if (self == null) {
                        throw new Corrupt("a file reference outside a file entry");
                    }
                    return self;
                case LIST: {
                    int n = count();
                    List<Object> l = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        l.add(value());
                    }
                    return l;
                }
                case SET: {
                    int n = count();
                    Set<Object> s = new LinkedHashSet<>(Math.max(16, n * 2));
                    for (int i = 0; i < n; i++) {
                        s.add(value());
                    }
                    return s;
                }
                case MAP: {
                    int n = count();
                    Map<Object, Object> m = new LinkedHashMap<>(Math.max(16, n * 2));
                    for (int i = 0; i < n; i++) {
                        m.put(value(), value());
                    }
                    return m;
                }
                case RECORD:
                    return record();
                default:
                    throw new Corrupt("unknown tag " + tag);
            }
        }

        private Object record() throws Corrupt {
            Class<?> type = type(string());
            if (!type.isRecord()) {
                throw new Corrupt(type.getName() + " is not a record");
            }
            Shape shape = Shape.OF.get(type);
            int n = varint();
            if (n != shape.accessors().length) {
                throw new Corrupt(type.getName() + " has " + shape.accessors().length + " components, not " + n);
            }
            Object[] args = new Object[n];
            for (int i = 0; i < n; i++) {
                args[i] = value();
            }
            try {
                return shape.constructor().newInstance(args);
            } catch (InstantiationException | IllegalAccessException | IllegalArgumentException e) {
                throw new Corrupt("cannot rebuild " + type.getName() + ": " + e);
            } catch (InvocationTargetException e) {
                throw new Corrupt("cannot rebuild " + type.getName() + ": " + e.getCause());
            }
        }
    }
}
