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
    /** One named address: the object's file name, the offset into it, and the function if a symbol covers it. */
    public record Site(String object, long offset, String function) {
        public String describe() {
            String where = object + "+0x" + Long.toHexString(offset);
            return function != null ? function + "() (" + where + ")" : where;
        }
    }

    private static final long DL_INFO_SIZE = 32; // dli_fname, dli_fbase, dli_sname, dli_saddr
    private final MethodHandle dladdr;
    private final ConcurrentHashMap<String, ElfSymbols> symbols = new ConcurrentHashMap<>();

    public CodeSites() {
        Linker linker = Linker.nativeLinker();
        dladdr = linker.downcallHandle(linker.defaultLookup().find("dladdr").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    }

    /** The site of a return address (the call instruction before it), or empty for 0 or code outside any object. */
    public Optional<Site> ofReturnAddress(long address) {
        return address == 0 ? Optional.empty() : of(address - 1, address);
    }

    private Optional<Site> of(long lookupAddress, long shownAddress) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(DL_INFO_SIZE, 8);
            if ((int) dladdr.invokeExact(lookupAddress, info) == 0) {
                return Optional.empty();
            }
            long fname = info.get(ValueLayout.JAVA_LONG, 0);
            long base = info.get(ValueLayout.JAVA_LONG, 8);
            String path = fname == 0 ? "?" : Mem.cString(fname);
            ElfSymbols table = symbols.computeIfAbsent(path, p -> ElfSymbols.read(Path.of(p)));
            String function = table.lookup(lookupAddress - base).map(ElfSymbols.Match::function).orElse(null);
            return Optional.of(new Site(Path.of(path).getFileName().toString(), shownAddress - base, function));
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    /** {@link Site#describe()} of a return address, or {@code fallback} when it cannot be named. */
    public String describe(long returnAddress, String fallback) {
        return ofReturnAddress(returnAddress).map(Site::describe).orElse(fallback);
    }
}
