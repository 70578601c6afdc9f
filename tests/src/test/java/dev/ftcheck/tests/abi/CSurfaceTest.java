package dev.ftcheck.tests.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftcheck.tests.abi.CSurface.Kind;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The declaration reader behind HeaderSurfaceTest, on hand-written preprocessor output. */
class CSurfaceTest {
    private static final String OUTPUT = """
            # 1 "/inc/Python.h"
            #define Py_PYTHON_H
            #define Py_MAX(a, b) ((a) > (b) ? (a) : (b))
            #define GONE 1
            #undef GONE
            # 1 "/usr/include/stdio.h" 1 3 4
            #define EOF (-1)
            typedef struct _IO_FILE FILE;
            extern int printf(const char *, ...);
            # 5 "/inc/Python.h" 2
            typedef long Py_ssize_t, *Py_ssize_ptr;
            typedef int (*visitproc)(PyObject *, void *);
            typedef struct _typeobject PyTypeObject;
            struct PyModuleDef { int m_size; struct PyMethodDef *m_methods; };
            typedef enum { PyGILState_LOCKED, PyGILState_UNLOCKED = 1 } PyGILState_STATE;
            __attribute__ ((visibility ("default"))) PyObject * PyList_New(Py_ssize_t size);
            extern __attribute__ ((visibility ("default"))) PyTypeObject PyList_Type;
            extern __attribute__ ((visibility ("default"))) int (*PyOS_InputHook)(void);
            extern __attribute__ ((visibility ("default"))) const char *const Kinds[3];
            static inline Py_ssize_t Py_SIZE(PyObject *ob) { return ((PyVarObject *)ob)->ob_size; }
            #define Py_SIZE(ob) Py_SIZE(((PyObject*)(ob)))
            __attribute__ ((visibility ("default"))) int PyImport_AppendInittab(const char *name, PyObject *(*initfunc)(void));
            __attribute__ ((visibility ("default"))) void Py_Exit(int) __attribute__ ((__noreturn__));
            # 1 "/inc/internal/pycore.h" 1
            extern int _PyRuntime_hidden;
            """;

    @Test
    void readsEachKindFromTheHeadersInScopeOnly() {
        CSurface s = CSurface.read(OUTPUT, f -> f.startsWith("/inc/") && !f.contains("/internal/"));
        Map<String, Kind> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("Py_PYTHON_H", Kind.MACRO), Map.entry("Py_MAX", Kind.MACRO),
                Map.entry("Py_ssize_t", Kind.TYPEDEF), Map.entry("Py_ssize_ptr", Kind.TYPEDEF),
                Map.entry("visitproc", Kind.TYPEDEF), Map.entry("PyTypeObject", Kind.TYPEDEF),
                Map.entry("_typeobject", Kind.TAG), Map.entry("PyModuleDef", Kind.TAG),
                Map.entry("PyMethodDef", Kind.TAG), Map.entry("PyGILState_STATE", Kind.TYPEDEF),
                Map.entry("PyGILState_LOCKED", Kind.ENUMERATOR), Map.entry("PyGILState_UNLOCKED", Kind.ENUMERATOR),
                Map.entry("PyList_New", Kind.FUNCTION), Map.entry("PyList_Type", Kind.DATA),
                Map.entry("PyOS_InputHook", Kind.DATA), Map.entry("Kinds", Kind.DATA),
                Map.entry("Py_SIZE", Kind.FUNCTION), Map.entry("PyImport_AppendInittab", Kind.FUNCTION),
                Map.entry("Py_Exit", Kind.FUNCTION)));
        assertEquals(expected, new TreeMap<>(s.names()));
        assertEquals("/inc/Python.h", s.origin("PyList_New"));
    }
}
