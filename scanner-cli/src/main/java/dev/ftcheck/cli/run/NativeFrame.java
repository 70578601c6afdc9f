package dev.ftcheck.cli.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One symbolized native frame: the shared object, the offset into it, the function containing it and the offset
 * into that function; {@code source} is {@code file:line} when a debugger knew it.
 *
 * @param object the shared object's file name, or null for code outside any file (JIT-compiled Java)
 * @param path the shared object's full path, or null
 * @param offset pc minus the object's load base, or -1 when the pc is unknown
 * @param function the function name, or null when no symbol covers the pc
 * @param functionOffset pc minus the function's start, or -1
 * @param source {@code file:line}, or null
 */
public record NativeFrame(String object, String path, long offset, String function, long functionOffset,
        String source) {
    /** {@code read_through_null+0x7 (t.so+0x1170)}, shortened where parts are unknown. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(function == null ? "??" : function);
        if (function != null && functionOffset >= 0) {
            sb.append("+0x").append(Long.toHexString(functionOffset));
        }
        if (object != null) {
            sb.append(" (").append(object);
            if (offset >= 0) {
                sb.append("+0x").append(Long.toHexString(offset));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** {@code function() (t.so+0x1170)}, the form of the one-line crash message. */
    public String site() {
        return (function == null ? "??" : function + "()") + (object == null ? ""
                : " (" + object + (offset >= 0 ? "+0x" + Long.toHexString(offset) : "") + ")");
    }

    Map<String, Object> toJson() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("object", object);
        j.put("path", path);
        j.put("offset", offset >= 0 ? "0x" + Long.toHexString(offset) : null);
        j.put("function", function);
        j.put("functionOffset", functionOffset >= 0 ? "0x" + Long.toHexString(functionOffset) : null);
        j.put("source", source);
        j.put("text", describe());
        return j;
    }
}
