package dev.ftcheck.cli.run;

import dev.ftcheck.runtime.nat.ElfSymbols;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's file mappings in /proc/PID/maps form (also what the JVM copies into its hs_err file), and with them
 * the symbolization of a raw pc: which object, at what offset from its load base, in which function.
 */
public final class MemoryMap {
    private static final Pattern LINE = Pattern.compile(
            "^([0-9a-f]+)-([0-9a-f]+)\\s+\\S{4}\\s+([0-9a-f]+)\\s+\\S+\\s+\\d+\\s+(/.*?)\\s*$");

    private record Region(long start, long end, long fileOffset, String path) {}

    private final List<Region> regions;
    private final Map<String, Long> bases = new HashMap<>();
    private final Map<String, ElfSymbols> symbols = new HashMap<>();

    private MemoryMap(List<Region> regions) {
        this.regions = regions;
        for (Region r : regions) {
            long base = r.start - r.fileOffset;
            bases.merge(r.path, base, Math::min);
        }
    }

    /** Parses every maps-style line in {@code lines}, ignoring anything else. */
    public static MemoryMap parse(List<String> lines) {
        List<Region> rs = new ArrayList<>();
        for (String l : lines) {
            Matcher m = LINE.matcher(l);
            if (m.matches() && !m.group(4).endsWith("(deleted)")) {
                rs.add(new Region(Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16),
                        Long.parseUnsignedLong(m.group(3), 16), m.group(4)));
            }
        }
        return new MemoryMap(rs);
    }

    /** The path of the object mapped at {@code hexPc} ("0x..."), or null (also for a null pc). */
    String objectAt(String hexPc) {
        if (hexPc == null) {
            return null;
        }
        long pc = Long.parseUnsignedLong(hexPc.substring(2), 16);
        for (Region r : regions) {
            if (Long.compareUnsigned(pc, r.start) >= 0 && Long.compareUnsigned(pc, r.end) < 0) {
                return r.path;
            }
        }
        return null;
    }

    /**
     * The frame for {@code pc}. A return address (every frame but the innermost) points just past the call, so
     * its function is looked up at pc - 1; {@code gdbFunction} and {@code source} fill in what the ELF tables lack.
     */
    public NativeFrame symbolize(long pc, boolean returnAddress, String gdbFunction, String source) {
        for (Region r : regions) {
            if (Long.compareUnsigned(pc, r.start) >= 0 && Long.compareUnsigned(pc, r.end) < 0) {
                long off = pc - bases.get(r.path);
                ElfSymbols syms = symbols.computeIfAbsent(r.path, p -> ElfSymbols.read(Path.of(p)));
                var match = syms.lookup(returnAddress ? off - 1 : off);
                String fn = match.map(ElfSymbols.Match::function).orElse(gdbFunction);
                long fnOff = match.map(mm -> mm.offset() + (returnAddress ? 1 : 0)).orElse(-1L);
                return new NativeFrame(Path.of(r.path).getFileName().toString(), r.path, off, fn, fnOff, source);
            }
        }
        return new NativeFrame(null, null, -1, gdbFunction, -1, source);
    }
}
