package dev.ftcheck.scanner.api;

import dev.ftcheck.compat.FtcompatShims;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API to use instead of the reported one: its name or signature ({@code PyList_GetItemRef}), its return
 * convention ("new reference; NULL with IndexError when out of range"), and, when the replacement is newer than
 * CPython 3.8, how {@code compat-shims/ftcompat.h} provides it on older versions (null otherwise).
 */
public record Replacement(String api, String returnConvention, String compat) {
    private static final Pattern FIRST_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A replacement whose compat advice is looked up from the shim table, so no rule has to remember it. */
    public static Replacement of(String api, String returnConvention) {
        return new Replacement(api, returnConvention, compatAdvice(api).orElse(null));
    }

    /** The ftcompat.h sentence for the API a replacement text starts with, or for the GIL declaration it names. */
    static Optional<String> compatAdvice(String replacementApi) {
        if (replacementApi == null) {
            return Optional.empty();
        }
        if (replacementApi.contains("PyUnstable_Module_SetGIL")) {
            return FtcompatShims.adviceFor("ftcompat_Module_SetGILNotUsed");
        }
        if (replacementApi.contains("Py_mod_gil")) {
            return FtcompatShims.adviceFor("FTCOMPAT_MOD_GIL_NOT_USED_SLOT");
        }
        Matcher m = FIRST_IDENTIFIER.matcher(replacementApi);
        return m.find() ? FtcompatShims.adviceFor(m.group()) : Optional.empty();
    }
}
