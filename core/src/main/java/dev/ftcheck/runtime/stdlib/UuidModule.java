package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The part of {@code uuid} extensions reach for: UUID from hex (with or without braces, "urn:uuid:" and hyphens),
 * bytes or int; its str, repr, hex, int, bytes, urn, version, comparisons and hash; and uuid4(). Not here: the
 * name-based and time-based generators, fields, bytes_le, SafeUUID.
 */
final class UuidModule {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(128);

    /** A UUID is its 128-bit value. */
    private record Value(BigInteger value) implements StandInTypes.Behaviour {
        String hex() {
            return String.format("%032x", value);
        }

        @Override
        public String repr(long self) {
            return "UUID('" + str(self) + "')";
        }

        @Override
        public String str(long self) {
            String h = hex();
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                    + "-" + h.substring(20);
        }

        @Override
        public long hash(long self) {
            long i = Ints.fromBig(value);
            try {
                return Protocols.hash(i);
            } finally {
                dev.ftcheck.runtime.nat.Native.decref(i);
            }
        }

        @Override
        public long compare(long self, long other, int op) {
            if (!(Heap.state(other) instanceof Value o)) {
                return Heap.newRef(Singletons.NOTIMPLEMENTED);
            }
            int c = value.compareTo(o.value);
            return Singletons.bool(Compare.outcome(c, op));
        }
    }

    private UuidModule() {}

    static long create() {
        long type = StandInTypes.define("uuid.UUID", methods(), (t, args, kw) -> {
            long[] a = Args.clinic("UUID", args, kw, 0, "hex", "bytes", "bytes_le", "fields", "int", "version");
            return StandInTypes.instance(t, new Value(value(a)));
        });
        long m = Modules.create("uuid");
        Modules.setAttr(m, "UUID", type);
        new BuiltinTable().method("uuid4", (self, args, kw) -> {
            Args.none("uuid4", args, kw);
            byte[] b = new byte[16];
            RANDOM.nextBytes(b);
            b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
            b[8] = (byte) ((b[8] & 0x3f) | 0x80); // the RFC 4122 variant
            return StandInTypes.instance(type, new Value(new BigInteger(1, b)));
        }).installFunctions(m);
        return m;
    }

    /** The 128-bit value from exactly one of hex, bytes or int (bytes_le and fields: NotImplementedError). */
    private static BigInteger value(long[] a) {
        int given = 0;
        for (int i = 0; i < 5; i++) {
            given += a[i] != 0 && a[i] != Singletons.NONE ? 1 : 0;
        }
        if (given != 1) {
            throw PyRaise.typeError("one of the hex, bytes, bytes_le, fields, or int arguments must be given");
        }
        if (a[2] != 0 && a[2] != Singletons.NONE || a[3] != 0 && a[3] != Singletons.NONE) {
            throw new PyRaise(dev.ftcheck.runtime.obj.Exceptions.byName("NotImplementedError"),
                    "ftcheck: uuid.UUID(bytes_le=...) and UUID(fields=...) are not implemented");
        }
        if (a[0] != 0 && a[0] != Singletons.NONE) {
            String h = Strs.check(a[0], "hex").replace("urn:", "").replace("uuid:", "");
            h = h.replaceAll("^\\{|}$", "").replace("-", "");
            if (h.length() != 32 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw PyRaise.valueError("badly formed hexadecimal UUID string");
            }
            return new BigInteger(h, 16);
        }
        if (a[1] != 0 && a[1] != Singletons.NONE) {
            byte[] b = Bytes.isBytes(a[1]) ? Bytes.value(a[1]) : null;
            if (b == null || b.length != 16) {
                throw PyRaise.valueError("bytes is not a 16-char string");
            }
            return new BigInteger(1, b);
        }
        BigInteger i = Ints.value(a[4]);
        if (i.signum() < 0 || i.compareTo(MAX) >= 0) {
            throw PyRaise.valueError("int is out of range (need a 128-bit value)");
        }
        return i;
    }

    private static Value self(long o) {
        if (!(Heap.state(o) instanceof Value v)) {
            throw PyRaise.typeError("descriptor requires a 'uuid.UUID' object but received '%s'", Types.name(o));
        }
        return v;
    }

    private static BuiltinTable methods() {
        BuiltinTable t = new BuiltinTable();
        t.getter("hex", self -> Strs.fromJava(self(self).hex()));
        t.getter("int", self -> Ints.fromBig(self(self).value()));
        t.getter("bytes", self -> Bytes.fromJava(HexFormat.of().parseHex(self(self).hex())));
        t.getter("urn", self -> Strs.fromJava("urn:uuid:" + self(self).str(self)));
        t.getter("version", self -> {
            BigInteger v = self(self).value();
            // only the RFC 4122 variant has a version
            return v.testBit(63) && !v.testBit(62) ? Ints.fromLong(v.shiftRight(76).intValue() & 0xf)
                    : Heap.newRef(Singletons.NONE);
        });
        return t;
    }
}
