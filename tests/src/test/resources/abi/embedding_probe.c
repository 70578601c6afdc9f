/* The bridge's struct-by-value natives without the Java runtime: PyStatus values, PyWideStringList editing,
   the start-up functions that must refuse (and report themselves), Py_ExitStatusException's exit.
   Prints "ok <check>" lines; exits 1 on the first failure. Usage: embedding_probe | embedding_probe --exit N */
#include <Python.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define CHECK(cond, what) \
    do { \
        if (!(cond)) { \
            printf("FAIL %s (line %d)\n", what, __LINE__); \
            exit(1); \
        } \
    } while (0)

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--exit") == 0) {
        Py_ExitStatusException(PyStatus_Exit(atoi(argv[2])));
    }
    PyStatus ok = PyStatus_Ok();
    CHECK(!PyStatus_Exception(ok) && !PyStatus_IsError(ok) && !PyStatus_IsExit(ok), "ok status");
    PyStatus err = PyStatus_Error("broken");
    CHECK(PyStatus_Exception(err) && PyStatus_IsError(err) && !PyStatus_IsExit(err), "error status");
    CHECK(strcmp(err.err_msg, "broken") == 0, "error message kept");
    PyStatus ex = PyStatus_Exit(3);
    CHECK(PyStatus_Exception(ex) && PyStatus_IsExit(ex) && ex.exitcode == 3, "exit status");
    CHECK(PyStatus_IsError(PyStatus_NoMemory()), "no-memory status");
    printf("ok status\n");

    PyWideStringList list = {0, NULL};
    CHECK(!PyStatus_Exception(PyWideStringList_Append(&list, L"b")), "append");
    CHECK(!PyStatus_Exception(PyWideStringList_Insert(&list, 0, L"a")), "insert at 0");
    CHECK(!PyStatus_Exception(PyWideStringList_Insert(&list, 99, L"c")), "insert past the end appends");
    CHECK(PyStatus_IsError(PyWideStringList_Insert(&list, -1, L"x")), "negative index refused");
    CHECK(list.length == 3 && wcscmp(list.items[0], L"a") == 0 && wcscmp(list.items[1], L"b") == 0
              && wcscmp(list.items[2], L"c") == 0, "list contents");
    for (Py_ssize_t i = 0; i < list.length; i++) {
        PyMem_RawFree(list.items[i]);
    }
    PyMem_RawFree(list.items);
    printf("ok wide_string_list\n");

    PyConfig config;
    memset(&config, 0, sizeof config);
    PyStatus refused = PyConfig_Read(&config);
    CHECK(PyStatus_IsError(refused) && strcmp(refused.func, "PyConfig_Read") == 0, "PyConfig_Read refuses");
    refused = Py_InitializeFromConfig(&config);
    CHECK(PyStatus_IsError(refused) && strcmp(refused.func, "Py_InitializeFromConfig") == 0, "start-up refuses");
    printf("ok startup_refused\n");

    Py_complex c = {1.5, -2.0};
    (void)c; /* PyComplex_FromCComplex needs the runtime's complex type; only its linkage is checked here. */
    CHECK(&PyComplex_FromCComplex != NULL && &PyComplex_AsCComplex != NULL, "complex by value exported");
    printf("ok complex_linked\n");
    return 0;
}
