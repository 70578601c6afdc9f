package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.ContainerOrigin;
import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.FunctionInfo;
import dev.ftcheck.scanner.analysis.InsertOnlyDicts;
import java.util.Set;

/** The borrowed dict lookups (FT102, FT103): what they share beyond the borrowed-reference family. */
abstract class DictLookupRule extends BorrowedReferenceRule {
    DictLookupRule(Set<String> apis, String replacement, String convention) {
        super(apis, replacement, convention);
    }

    /**
     * Measured on the real-world corpus: lookups in a parameter (5 of 9) or a field of one (12 of 15) were real
     * races in fewer than 9 of 10 triaged findings: dicts built once and only read, a caller's private dict.
     */
    @Override
    Set<ContainerOrigin.Kind> lowConfidenceKinds() {
        return Set.of(ContainerOrigin.Kind.PARAMETER, ContainerOrigin.Kind.PARAMETER_FIELD);
    }

    @Override
    boolean knownImmutable(FileAnalysis fa, FunctionInfo f, CallSite c, String container) {
        return InsertOnlyDicts.isInsertOnly(fa, container); // values are never replaced or removed
    }
}
