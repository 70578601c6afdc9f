package dev.ftcheck.scanner.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which declarations the global-state rules treat as mutable shared variables. */
class GlobalStateCandidatesTest {
    @Test
    void exportMacrosWrapTheRealType() {
        assertTrue(GlobalState.isCandidateDeclaration("PyAPI_DATA(PyObject *)", "PyAPI_DATA(PyObject *) cache;"));
        assertTrue(GlobalState.isCandidateDeclaration("static int", "static int counter;"));
    }

    @Test
    void aScopeMacroReadAsATypeIsNoDeclaration() {
        // pybind11.h: "PYBIND11_NAMESPACE_END(detail)" (a '}' from another header) before a template, which the
        // parser then read as the type of file-scope variables named like the template's locals
        assertFalse(GlobalState.isCandidateDeclaration("PYBIND11_NAMESPACE_END(detail)",
                "PYBIND11_NAMESPACE_END(detail) template <return_value_policy policy = automatic>"));
        assertFalse(GlobalState.isCandidateDeclaration("NAMESPACE_BEGIN(impl)", "NAMESPACE_BEGIN(impl) int c = 1;"));
    }
}
