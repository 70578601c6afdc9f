package dev.ftcheck.cli.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the supervisor needs from the JVM's fatal error file (hs_err): the signal, the faulting thread, the fault
 * address and the thread's stack bounds (to recognise a stack overflow), the JVM's own native frames (used when gdb
 * is not available) and the memory map. Unknown values are null / -1.
 */
public record HsErrFile(String signal, long tid, String threadName, long faultAddress, long stackLow,
        long stackHigh, List<String> jvmFrames, MemoryMap memoryMap) {
    private static final Pattern HEADER = Pattern.compile("^#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\) at pc=.*tid=(\\d+)");
    private static final Pattern THREAD = Pattern.compile(
            "^Current thread \\(0x[0-9a-f]+\\):\\s+\\S+ \"([^\"]*)\".*?stack\\(0x([0-9a-f]+),0x([0-9a-f]+)\\)");
    private static final Pattern SIGINFO = Pattern.compile("^siginfo:.*si_addr: 0x([0-9a-f]+)");
    private static final Pattern C_FRAME = Pattern.compile(
            "^C\\s+\\[([^+\\]]+)\\+0x([0-9a-f]+)\\](?:\\s+(\\S+?)(?:\\+0x([0-9a-f]+))?)?\\s*$");

    static HsErrFile parse(List<String> lines) {
        String signal = null;
        long tid = -1;
        String thread = null;
        long fault = -1;
        long low = -1;
        long high = -1;
        List<String> frames = new ArrayList<>();
        boolean inNative = false;
        for (String l : lines) {
            Matcher m;
            if (signal == null && (m = HEADER.matcher(l)).find()) {
                signal = m.group(1);
                tid = Long.parseLong(m.group(2));
            } else if (thread == null && (m = THREAD.matcher(l)).find()) {
                thread = m.group(1);
                low = Long.parseUnsignedLong(m.group(2), 16);
                high = Long.parseUnsignedLong(m.group(3), 16);
            } else if (fault < 0 && (m = SIGINFO.matcher(l)).find()) {
                fault = Long.parseUnsignedLong(m.group(1), 16);
            } else if (l.startsWith("Native frames:")) {
                inNative = frames.isEmpty();
            } else if (inNative) {
                if (l.isBlank()) {
                    inNative = false;
                } else if (l.startsWith("C ")) {
                    frames.add(l.strip());
                }
            }
        }
        return new HsErrFile(signal, tid, thread, fault, low, high, frames, MemoryMap.parse(lines));
    }

    /** A fault address inside the thread's own stack region (guard pages included): the stack overflowed. */
    boolean stackOverflow() {
        // The guard zones are the lowest pages of the thread's stack region.
        return faultAddress >= 0 && stackLow > 0 && "SIGSEGV".equals(signal)
                && Long.compareUnsigned(faultAddress, stackLow - 64 * 1024) >= 0
                && Long.compareUnsigned(faultAddress, stackLow + 256 * 1024) < 0
                && Long.compareUnsigned(faultAddress, stackHigh) < 0;
    }

    /** The JVM's {@code C  [obj+0xoff]  fn+0xoff} frames as {@link NativeFrame}s (names from the JVM's decoder). */
    List<NativeFrame> nativeFrames() {
        List<NativeFrame> out = new ArrayList<>();
        for (String f : jvmFrames) {
            Matcher m = C_FRAME.matcher(f);
            if (m.matches()) {
                out.add(new NativeFrame(m.group(1), null, Long.parseUnsignedLong(m.group(2), 16), m.group(3),
                        m.group(4) == null ? -1 : Long.parseUnsignedLong(m.group(4), 16), null));
            }
        }
        return out;
    }
}
