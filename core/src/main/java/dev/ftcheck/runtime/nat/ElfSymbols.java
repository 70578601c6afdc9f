package dev.ftcheck.runtime.nat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * The function symbols of one ELF64 little-endian shared object, read from its .symtab (which, unlike .dynsym and
 * dladdr, also names static functions) and from .dynsym when the object is stripped. Enough to turn an offset into
 * the object into {@code function+0xoff}, as a debugger does.
 */
public final class ElfSymbols {
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_DYNSYM = 11;
    private static final int STT_FUNC = 2;
    private static final int STT_OBJECT = 1;
    private static final int SYM_SIZE = 24;

    /** A symbol match: the function's name and how far into it the address is. */
    public record Match(String function, long offset) {}

    private final long[] starts;
    private final long[] sizes;
    private final String[] names;

    private ElfSymbols(long[] starts, long[] sizes, String[] names) {
        this.starts = starts;
        this.sizes = sizes;
        this.names = names;
    }

    /** Reads the object's function symbols; an unreadable or non-ELF file yields an empty table. */
    public static ElfSymbols read(Path file) {
        return read(file, STT_FUNC);
    }

    /** The object's variables (data symbols), for naming the global at an address. */
    public static ElfSymbols readVariables(Path file) {
        return read(file, STT_OBJECT);
    }

    private static ElfSymbols read(Path file, int symbolType) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            if (b.limit() < 64 || b.getInt(0) != 0x464c457f || b.get(4) != 2 || b.get(5) != 1) {
                return empty();
            }
            long shoff = b.getLong(0x28);
            int shentsize = Short.toUnsignedInt(b.getShort(0x3A));
            int shnum = Short.toUnsignedInt(b.getShort(0x3C));
            ElfSymbols symtab = table(b, shoff, shentsize, shnum, SHT_SYMTAB, symbolType);
            return symtab.names.length > 0 ? symtab : table(b, shoff, shentsize, shnum, SHT_DYNSYM, symbolType);
        } catch (IOException | RuntimeException e) {
            return empty();
        }
    }

    private static ElfSymbols empty() {
        return new ElfSymbols(new long[0], new long[0], new String[0]);
    }

    private static ElfSymbols table(ByteBuffer b, long shoff, int shentsize, int shnum, int type, int symbolType) {
        for (int i = 0; i < shnum; i++) {
            int sh = (int) (shoff + (long) i * shentsize);
            if (b.getInt(sh + 4) != type) {
                continue;
            }
            long off = b.getLong(sh + 0x18);
            long size = b.getLong(sh + 0x20);
            int link = b.getInt(sh + 0x28);
            int strSh = (int) (shoff + (long) link * shentsize);
            long strOff = b.getLong(strSh + 0x18);
            int n = (int) (size / SYM_SIZE);
            long[] st = new long[n];
            long[] sz = new long[n];
            String[] nm = new String[n];
            int k = 0;
            for (int j = 0; j < n; j++) {
                int sym = (int) (off + (long) j * SYM_SIZE);
                int info = b.get(sym + 4);
                long value = b.getLong(sym + 8);
                if ((info & 0xf) != symbolType || value == 0) {
                    continue;
                }
                st[k] = value;
                sz[k] = b.getLong(sym + 16);
                nm[k] = cString(b, (int) (strOff + Integer.toUnsignedLong(b.getInt(sym))));
                k++;
            }
            Integer[] idx = new Integer[k];
            for (int j = 0; j < k; j++) {
                idx[j] = j;
            }
            Arrays.sort(idx, (x, y) -> Long.compareUnsigned(st[x], st[y]));
            long[] s2 = new long[k];
            long[] z2 = new long[k];
            String[] n2 = new String[k];
            for (int j = 0; j < k; j++) {
                s2[j] = st[idx[j]];
                z2[j] = sz[idx[j]];
                n2[j] = nm[idx[j]];
            }
            return new ElfSymbols(s2, z2, n2);
        }
        return empty();
    }

    private static String cString(ByteBuffer b, int at) {
        int end = at;
        while (b.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The function containing {@code address} (an offset from the object's load base), if a symbol covers it. */
    public Optional<Match> lookup(long address) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(starts[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return Optional.empty();
        }
        long delta = address - starts[found];
        // Size 0 symbols (hand-written assembly) get the benefit of the doubt.
        if (sizes[found] != 0 && delta >= sizes[found]) {
            return Optional.empty();
        }
        return Optional.of(new Match(names[found], delta));
    }

    /** Number of function symbols read (for tests and diagnostics). */
    public int size() {
        return names.length;
    }
}
