package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.builtins.ObjectMethods.q;

import dev.ftcheck.runtime.capi.UnicodeApi;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/** str's methods that need the Unicode database or a formatter: case mappings, predicates, format, %. */
public final class StrText {
    private StrText() {}

    /** s[key] for a str (an index or a slice), what PyObject_GetItem does for str. */
    public static long item(long s, long key) {
        return StrMethods.item(s, key);
    }

    private static void mapping(BuiltinTable t, String name, Function<int[], int[]> f) {
        t.method(name, (self, args, kw) -> {
            Args.none(q(self, name), args, kw);
            return Strs.fromCodePoints(f.apply(Strs.codePoints(self)));
        });
    }

    /** A predicate true when every character has the property (and there is at least one). */
    private static void every(BuiltinTable t, String name, IntPredicate p) {
        whole(t, name, s -> {
            if (s.length == 0) {
                return false;
            }
            for (int c : s) {
                if (!p.test(c)) {
                    return false;
                }
            }
            return true;
        });
    }

    private static void whole(BuiltinTable t, String name, Predicate<int[]> p) {
        t.method(name, (self, args, kw) -> {
            Args.none(q(self, name), args, kw);
            return Singletons.bool(p.test(Strs.codePoints(self)));
        });
    }

    static void install(BuiltinTable t) {
        mapping(t, "lower", StrCase::lower);
        mapping(t, "upper", StrCase::upper);
        mapping(t, "casefold", StrCase::casefold);
        mapping(t, "swapcase", StrCase::swapcase);
        mapping(t, "capitalize", StrCase::capitalize);
        mapping(t, "title", StrCase::title);
        every(t, "isalpha", StrCase::isAlpha);
        every(t, "isalnum", StrCase::isAlnum);
        every(t, "isdecimal", StrCase::isDecimal);
        every(t, "isdigit", StrCase::isDigit);
        every(t, "isnumeric", StrCase::isNumeric);
        every(t, "isspace", StrCase::isSpace);
        whole(t, "isprintable", s -> {
            for (int c : s) {
                if (!StrCase.isPrintable(c)) {
                    return false;
                }
            }
            return true;
        });
        whole(t, "isidentifier", StrCase::isIdentifier);
        whole(t, "islower", StrCase::isLower);
        whole(t, "isupper", StrCase::isUpper);
        whole(t, "istitle", StrCase::isTitle);
        t.method("format", StrFormat::format);
        t.method("format_map", StrFormat::formatMap);
        t.method("__format__", StrFormat::strFormatMethod);
        t.slot("__mod__", Slots.binary(UnicodeApi::PyUnicode_Format));
        t.slot("__rmod__", Slots.binary((self, other) -> Strs.isStr(other) ? UnicodeApi.PyUnicode_Format(other, self)
                : Singletons.NOTIMPLEMENTED));
    }
}
