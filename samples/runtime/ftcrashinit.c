/* Crash sample: a module whose PyInit dereferences NULL in a static helper, so `ftcheck run` must report a crash
 * during the import itself. */
#include <Python.h>

static volatile int *volatile init_target; /* stays NULL */

static __attribute__((noinline)) int init_tables(void)
{
    return *init_target;
}

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "ftcrashinit", "Crashes while it is imported.", -1, NULL,
};

PyMODINIT_FUNC PyInit_ftcrashinit(void)
{
    if (init_tables() != 0) {
        return NULL;
    }
    return PyModule_Create(&module);
}
