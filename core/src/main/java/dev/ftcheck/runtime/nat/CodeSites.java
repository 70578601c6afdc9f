package dev.ftcheck.runtime.nat;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names native code addresses as a debugger does: {@code function() (object.so+0xoff)}. dladdr finds the object
 * and its load base; the object's own symbol table ({@link ElfSymbols}) names the function, static ones included.
 * Used for the C callers and allocation sites of checked-mode reports.
 */
public final class CodeSites {
    /**
     * One named address: the object's file name, the offset into it, the function if a symbol covers it, and the
     * source file and line when the object has debug information (null, 0 otherwise).
     */
    public record Site(String object, long offset, String function, String file, int line) {
        public String describe() {
            String where = object + "+0x" + Long.toHexString(offset);
            return function != null ? function + "() (" + where + ")" : where;
        }
    }

    private static final long DL_INFO_SIZE = 32; // dli_fname, dli_fbase, dli_sname, dli_saddr
    private final MethodHandle dladdr;
    private final ConcurrentHashMap<String, ElfSymbols> symbols = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ElfSymbols> variables = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Optional<Site>> named = new ConcurrentHashMap<>();

    public CodeSites() {
        Linker linker = Linker.nativeLinker();
        dladdr = linker.downcallHandle(linker.defaultLookup().find("dladdr").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    }

    /** The site of a return address (the call instruction before it), or empty for 0 or code outside any object. */
    public Optional<Site> ofReturnAddress(long address) {
        return address == 0 ? Optional.empty() : named.computeIfAbsent(address, a -> of(a - 1, a));
    }

    /** The loaded object holding an address: its path and load base (dladdr). */
    private record Loaded(String path, long base) {}

    private Optional<Loaded> loaded(long address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(DL_INFO_SIZE, 8);
            if ((int) dladdr.invokeExact(address, info) == 0) {
                return Optional.empty();
            }
            long fname = info.get(ValueLayout.JAVA_LONG, 0);
            return Optional.of(new Loaded(fname == 0 ? "?" : Mem.cString(fname), info.get(ValueLayout.JAVA_LONG, 8)));
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    private Optional<Site> of(long lookupAddress, long shownAddress) {
        return loaded(lookupAddress).map(o -> {
            String path = o.path();
            long base = o.base();
            ElfSymbols table = symbols.computeIfAbsent(path, p -> ElfSymbols.read(Path.of(p)));
            String function = table.lookup(lookupAddress - base).map(ElfSymbols.Match::function).orElse(null);
            String[] line = function != null ? sourceLine(path, lookupAddress - base) : null;
            return new Site(Path.of(path).getFileName().toString(), shownAddress - base, function,
                    line != null ? line[0] : null, line != null ? Integer.parseInt(line[1]) : 0);
        });
    }

    /** A global variable's address as {@code name (object.so+0xoff)}, its name from the symbol table. */
    public String describeVariable(long address) {
        return loaded(address).map(o -> {
            ElfSymbols table = variables.computeIfAbsent(o.path(), p -> ElfSymbols.readVariables(Path.of(p)));
            String where = Path.of(o.path()).getFileName() + "+0x" + Long.toHexString(address - o.base());
            return table.lookup(address - o.base()).map(m -> "'" + m.function() + "'"
                    + (m.offset() != 0 ? "+" + m.offset() : "") + " (" + where + ")").orElse(where);
        }).orElse("at 0x" + Long.toHexString(address));
    }

    /** file and line of an offset into an object, from its DWARF line table through binutils' addr2line. */
    private static String[] sourceLine(String object, long offset) {
        try {
            // -i: with inlined functions, the last line is the one in the function that contains the address
            Process p = new ProcessBuilder("addr2line", "-i", "-e", object, "0x" + Long.toHexString(offset))
                    .redirectErrorStream(true).start();
            String[] out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .trim().split("\n");
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.+):(\\d+)(?: \\(discriminator \\d+\\))?$")
                    .matcher(out[out.length - 1]);
            return m.matches() && !m.group(1).startsWith("??") ? new String[] {m.group(1), m.group(2)} : null;
        } catch (java.io.IOException e) {
            return null; // no binutils: functions and offsets only
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@link Site#describe()} of a return address, or {@code fallback} when it cannot be named. */
    public String describe(long returnAddress, String fallback) {
        return ofReturnAddress(returnAddress).map(Site::describe).orElse(fallback);
    }
}
