package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.MemberAccesses;
import java.util.Set;

/**
 * A struct-access rule about writes only: stores to one header field, directly or through the old
 * {@code MACRO(o) = v} idiom, where reading it is fine and a setter accessor exists.
 */
abstract class FieldWriteRule extends StructAccessRule {
    private final String macro;
    private final String setter;
    private final String convention;

    /**
     * @param field the member whose writes are reported
     * @param macro the read accessor that old code assigns to
     * @param setter the setter to use instead
     * @param convention the setter's convention
     */
    FieldWriteRule(String field, String macro, String setter, String convention) {
        super(Set.of(field), Set.of(macro));
        this.macro = macro;
        this.setter = setter;
        this.convention = convention;
    }

    @Override
    final boolean reports(MemberAccesses.Access a) {
        return a.write();
    }

    @Override
    final String accessor(MemberAccesses.Access a) {
        return setter;
    }

    @Override
    final String convention(MemberAccesses.Access a) {
        return convention;
    }

    /** Names the macro assignment in the message when that is how the field was written. */
    final String viaMacro(MemberAccesses.Access a) {
        return a.viaMacro() ? " through " + macro + "(...) = ..." : "";
    }
}
