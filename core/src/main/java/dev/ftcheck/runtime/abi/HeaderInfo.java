package dev.ftcheck.runtime.abi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the shipped headers advertise, read from their {@code patchlevel.h} so the headers stay the one source. */
public record HeaderInfo(String pyVersion, long pyVersionHex) {
    private static final Pattern VERSION = Pattern.compile("#\\s*define\\s+PY_VERSION\\s+\"([^\"]+)\"");
    private static final Pattern MAJOR = Pattern.compile("#\\s*define\\s+PY_MAJOR_VERSION\\s+(\\d+)");
    private static final Pattern MINOR = Pattern.compile("#\\s*define\\s+PY_MINOR_VERSION\\s+(\\d+)");
    private static final Pattern MICRO = Pattern.compile("#\\s*define\\s+PY_MICRO_VERSION\\s+(\\d+)");
    private static final Pattern SERIAL = Pattern.compile("#\\s*define\\s+PY_RELEASE_SERIAL\\s+(\\d+)");
    private static final Pattern LEVEL = Pattern.compile("#\\s*define\\s+PY_RELEASE_LEVEL\\s+(\\w+)");

    private static final Pattern ABI_MINOR = Pattern.compile("#\\s*define\\s+_Py_FTCHECK_ABI_MINOR\\s+(\\d+)");

    public static HeaderInfo read(Path includeDir) {
        Path patchlevel = includeDir.resolve("patchlevel.h");
        try {
            String text = forStagedAbi(Files.readString(patchlevel), patchlevel);
            int major = intOf(MAJOR, text, patchlevel);
            int minor = intOf(MINOR, text, patchlevel);
            int micro = intOf(MICRO, text, patchlevel);
            int serial = intOf(SERIAL, text, patchlevel);
            String levelName = find(LEVEL, text, patchlevel);
            int level = switch (levelName) {
                case "PY_RELEASE_LEVEL_ALPHA" -> 0xA;
                case "PY_RELEASE_LEVEL_BETA" -> 0xB;
                case "PY_RELEASE_LEVEL_GAMMA" -> 0xC;
                case "PY_RELEASE_LEVEL_FINAL" -> 0xF;
                default -> throw new IllegalStateException(patchlevel + ": unknown release level " + levelName);
            };
            long hex = ((long) major << 24) | ((long) minor << 16) | ((long) micro << 8) | ((long) level << 4) | serial;
            return new HeaderInfo(find(VERSION, text, patchlevel), hex);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + patchlevel, e);
        }
    }

    /**
     * The text that applies to the tree's ABI: a staged tree fixes {@code _Py_FTCHECK_ABI_MINOR}, and the version
     * numbers sit in that minor's {@code #if}/{@code #elif} block; the common definitions stay in place.
     */
    private static String forStagedAbi(String text, Path file) {
        Matcher abi = ABI_MINOR.matcher(text);
        if (!abi.find()) {
            return text;
        }
        String minor = abi.group(1);
        Matcher block = Pattern.compile("#\\s*(?:el)?if\\s+_Py_FTCHECK_ABI_MINOR\\s*==\\s*" + minor
                + "\\b(.*?)(?=#\\s*(?:elif|else|endif))", Pattern.DOTALL).matcher(text);
        if (!block.find()) {
            throw new IllegalStateException(file + " has no version block for ABI 3." + minor);
        }
        String common = text.replaceAll("(?s)#\\s*if\\s+_Py_FTCHECK_ABI_MINOR\\s*==.*?#\\s*endif", "");
        return block.group(1) + "\n" + common;
    }

    public String pyVersionHexString() {
        return String.format("0x%08X", pyVersionHex);
    }

    private static int intOf(Pattern p, String text, Path file) {
        return Integer.parseInt(find(p, text, file));
    }

    private static String find(Pattern p, String text, Path file) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(file + " lacks " + p.pattern());
        }
        return m.group(1);
    }
}
