/* Prints the thread-state layout facts the bridge relies on. Against CPython 3.13's headers it measures
   struct _ts; against ftcheck's it prints the constants in internal/ftbridge.h. Outputs must match. */
#include <Python.h>
#include <stddef.h>
#include <stdio.h>
#ifdef FTCHECK_PYTHON_H
#  include <internal/ftbridge.h>
#  define TSTATE_SIZE FTB_TSTATE_SIZE
#  define OFF_C_RECURSION FTB_TSTATE_C_RECURSION_REMAINING
#  define OFF_DELETE_LATER FTB_TSTATE_DELETE_LATER
#  define C_RECURSION_LIMIT FTB_C_RECURSION_LIMIT
#else
#  define TSTATE_SIZE sizeof(PyThreadState)
#  define OFF_C_RECURSION offsetof(PyThreadState, c_recursion_remaining)
#  define OFF_DELETE_LATER offsetof(PyThreadState, delete_later)
#  define C_RECURSION_LIMIT Py_C_RECURSION_LIMIT
#endif

int main(void)
{
    printf("tstate size %zu\n", (size_t)TSTATE_SIZE);
    printf("tstate c_recursion_remaining %zu\n", (size_t)OFF_C_RECURSION);
    printf("tstate delete_later %zu\n", (size_t)OFF_DELETE_LATER);
    printf("c recursion limit %d\n", (int)C_RECURSION_LIMIT);
    return 0;
}
