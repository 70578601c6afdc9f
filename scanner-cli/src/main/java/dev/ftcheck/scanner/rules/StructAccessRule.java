package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.Expressions;
import dev.ftcheck.scanner.analysis.TypeText;

import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.MemberAccesses;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import java.util.Set;

/**
 * Shared logic of the struct-access family: find member accesses to CPython object internals, skip members of
 * structs this file defines itself and the bodies of accessor shims, and report what the subclass selects.
 */
abstract class StructAccessRule implements FileRule {

    private final Set<String> fields;
    private final Set<String> writeMacros;

    /**
     * @param fields member names this rule looks at
     * @param writeMacros accessor macros whose use as an assignment target this rule reports ({@code Py_TYPE(o) = t})
     */
    StructAccessRule(Set<String> fields, Set<String> writeMacros) {
        this.fields = fields;
        this.writeMacros = writeMacros;
    }

    /** A rule about {@code fields} that reports no macro assignments. */
    StructAccessRule(Set<String> fields) {
        this(fields, Set.of());
    }

    /** Whether this access is reported; every access unless a subclass narrows it (e.g. to writes). */
    boolean reports(MemberAccesses.Access a) {
        return true;
    }

    /** Confidence for an access whose base type is not known. */
    Confidence unknownBaseConfidence() {
        return Confidence.HIGH;
    }

    /** True when the base type proves the access is harmless for this rule (e.g. a tuple's items). */
    boolean exempt(MemberAccesses.Access a) {
        return false;
    }

    /** Members every object has through {@code PyObject_HEAD}: a project's object struct really has them. */
    private static final Set<String> HEAD_FIELDS = Set.of("ob_refcnt", "ob_type", "ob_size", "ob_base");

    /**
     * True when the member belongs to a struct of the project rather than to a CPython object: the base's declared
     * type is not a CPython type ({@code Py*}/{@code _Py*}), or, with the base type unknown, the containing field
     * ({@code s->stack.ob_item}) has such a type, or this file declares a struct member of that name. Not for the
     * {@code PyObject_HEAD} members, which the project's own object structs do have.
     */
    static boolean ownStructMember(FileAnalysis fa, MemberAccesses.Access a) {
        if (a.viaMacro() || HEAD_FIELDS.contains(a.field())) {
            return false;
        }
        if (a.baseType() != null) {
            return !isCpythonType(a.baseType());
        }
        String container = Expressions.lastField(Expressions.normalize(a.baseText()));
        if (container != null) {
            String type = fa.fieldType(container);
            if (type != null) {
                return !isCpythonType(type);
            }
        }
        return fa.fieldType(a.field()) != null;
    }

    private static boolean isCpythonType(String type) {
        String base = TypeText.baseName(type.replace("struct ", "").trim());
        return base == null || base.startsWith("Py") || base.startsWith("_Py") || base.equals("void");
    }

    abstract String accessor(MemberAccesses.Access a);

    abstract String convention(MemberAccesses.Access a);

    abstract String message(MemberAccesses.Access a);

    /** The accessor for this access in its file; a rule that looks at the surrounding tokens overrides it. */
    String accessor(FileAnalysis fa, MemberAccesses.Access a) {
        return accessor(a);
    }

    String convention(FileAnalysis fa, MemberAccesses.Access a) {
        return convention(a);
    }

    String message(FileAnalysis fa, MemberAccesses.Access a) {
        return message(a);
    }

    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        for (MemberAccesses.Access a : MemberAccesses.find(fa, fields, writeMacros)) {
            if (!reports(a) || exempt(a)) {
                continue;
            }
            if (a.baseType() != null && fa.definesStruct(a.baseType()) || ownStructMember(fa, a)) {
                continue; // a member of the project's own struct that happens to share the name
            }
            Confidence confidence = a.baseType() == null && !a.viaMacro() ? unknownBaseConfidence() : Confidence.HIGH;
            String base = a.baseText().isEmpty() ? "" : " on `" + a.baseText() + "`";
            ctx.report(fa.tokens().start(a.fieldToken()), fa.tokens().end(a.fieldToken()))
                    .api(a.field())
                    .replacement(accessor(fa, a), convention(fa, a))
                    .message(message(fa, a) + (confidence == Confidence.HIGH ? ""
                            : " Confidence is medium: the type of `" + a.baseText()
                                    + "` is not visible here, so it may be a struct of your own."))
                    .confidence(confidence)
                    .fixHint("Use " + accessor(fa, a) + base + ".")
                    .report();
        }
    }
}
