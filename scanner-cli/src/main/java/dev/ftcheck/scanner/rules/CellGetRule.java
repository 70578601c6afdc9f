package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT107",
        name = "cell-get-borrowed",
        family = Family.BORROWED_REFERENCE,
        severity = Severity.WARNING,
        summary = "PyCell_GET reads a cell's contents as a borrowed reference",
        description = """
                Reports `PyCell_GET`. Cells hold closure variables; a closure shared between threads shares its \
                cells, and `nonlocal` assignments replace their contents. Reported with medium confidence because a \
                cell that never leaves one thread is safe.""",
        rationale = """
                The macro reads the cell's pointer without taking a reference. A concurrent `PyCell_Set` (or a \
                `nonlocal` assignment in Python) drops the old contents, which can free the object you just read.""",
        example = """
                PyObject *v = PyCell_GET(cell);
                return Py_XNewRef(v);""",
        useInstead = """
                `PyObject *PyCell_Get(PyObject *cell)`: returns a new reference to the contents (NULL when empty, \
                with no exception), or NULL with `SystemError` when `cell` is not a cell.""",
        triggers = {"PyCell_GET"})
public final class CellGetRule extends BorrowedReferenceRule {
    public CellGetRule() {
        super(Set.of("PyCell_GET"), "PyCell_Get", "new reference");
    }

    @Override
    boolean analysesContainer() {
        return false;
    }

    @Override
    Confidence fixedConfidence() {
        return Confidence.MEDIUM;
    }

    @Override
    String hazard(CallSite call) {
        return "another thread sharing the closure can replace the contents of " + arg(call, 0, "the cell")
                + " and free the old object (medium confidence: only cells shared between threads are affected)";
    }

    @Override
    String fixHint(CallSite c, String api) {
        return "PyObject *v = PyCell_Get(" + arg(c, 0, "cell") + "); ... Py_XDECREF(v);";
    }
}
