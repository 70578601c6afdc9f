package dev.ftcheck.runtime.obj;

/**
 * Character names as unicodedata.name() gives them (for namereplace and \N{...}), from the JDK's Unicode tables:
 * no name for controls, private use, surrogates and unassigned code points; Hangul syllables by the Unicode
 * algorithm; ideographs as "CJK UNIFIED IDEOGRAPH-XXXX" and the like.
 */
public final class UnicodeNames {
    private static final String[] LEAD = {"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ",
        "C", "K", "T", "P", "H"};
    private static final String[] VOWEL = {"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE",
        "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"};
    private static final String[] TAIL = {"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS",
        "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"};

    private UnicodeNames() {}

    public static String name(int c) {
        if (c < 0 || c > 0x10FFFF) {
            return null;
        }
        int type = Character.getType(c);
        if (type == Character.CONTROL || type == Character.PRIVATE_USE || type == Character.SURROGATE
                || type == Character.UNASSIGNED) {
            return null;
        }
        if (c >= 0xAC00 && c <= 0xD7A3) {
            int s = c - 0xAC00;
            return "HANGUL SYLLABLE " + LEAD[s / 588] + VOWEL[(s % 588) / 28] + TAIL[s % 28];
        }
        String n = Character.getName(c);
        String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        if (n == null || !n.endsWith(" " + hex)) {
            return n;
        }
        // The JDK made the name from the block: only the algorithmically named ranges have one.
        Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
        String b = block == null ? "" : block.toString();
        if (b.startsWith("CJK_UNIFIED_IDEOGRAPHS")) {
            return "CJK UNIFIED IDEOGRAPH-" + hex;
        }
        if (b.startsWith("TANGUT")) {
            return "TANGUT IDEOGRAPH-" + hex;
        }
        if (b.startsWith("NUSHU")) {
            return "NUSHU CHARACTER-" + hex;
        }
        if (b.startsWith("KHITAN")) {
            return "KHITAN SMALL SCRIPT CHARACTER-" + hex;
        }
        return null;
    }

    /** The code point named {@code name} (any case), or -1. */
    public static int lookup(String name) {
        try {
            int c = Character.codePointOf(name);
            String n = name(c);
            return n != null && n.equalsIgnoreCase(name) ? c : -1;
        } catch (IllegalArgumentException e) {
            String up = name.toUpperCase(java.util.Locale.ROOT);
            for (String prefix : new String[] {"CJK UNIFIED IDEOGRAPH-", "TANGUT IDEOGRAPH-", "NUSHU CHARACTER-",
                "KHITAN SMALL SCRIPT CHARACTER-"}) {
                if (up.startsWith(prefix)) {
                    try {
                        int c = Integer.parseInt(up.substring(prefix.length()), 16);
                        return up.equals(name(c)) ? c : -1;
                    } catch (NumberFormatException x) {
                        return -1;
                    }
                }
            }
            return -1;
        }
    }
}
