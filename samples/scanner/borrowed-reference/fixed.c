/*
 * _registry: a small plugin registry in the style of many C extensions.
 * Fixed twin: strong-reference APIs (3.13+, or pythoncapi_compat.h on older Pythons).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject *plugins;      /* dict name -> plugin, shared by every thread */
    PyObject *load_order;   /* list of names */
} registry_state;

static inline registry_state *
get_registry_state(PyObject *module)
{
    return (registry_state *)PyModule_GetState(module);
}

/* lookup(name) -> plugin or None */
static PyObject *
registry_lookup(PyObject *module, PyObject *name)
{
    registry_state *st = get_registry_state(module);
    PyObject *plugin;
    int found = PyDict_GetItemRef(st->plugins, name, &plugin);
    if (found < 0) {
        return NULL;
    }
    if (found == 0) {
        Py_RETURN_NONE;
    }
    return plugin;              /* already a strong reference */
}

/* first() -> the plugin loaded first */
static PyObject *
registry_first(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    registry_state *st = get_registry_state(module);
    PyObject *name = PyList_GetItemRef(st->load_order, 0);
    if (name == NULL) {
        if (PyErr_ExceptionMatches(PyExc_IndexError)) {
            PyErr_Clear();
            Py_RETURN_NONE;
        }
        return NULL;
    }
    PyObject *plugin = registry_lookup(module, name);
    Py_DECREF(name);
    return plugin;
}

/* owner(proxy) -> the object a weak proxy points to */
static PyObject *
registry_owner(PyObject *module, PyObject *ref)
{
    PyObject *obj;
    int alive = PyWeakref_GetRef(ref, &obj);
    if (alive < 0) {
        return NULL;
    }
    if (alive == 0) {
        Py_RETURN_NONE;
    }
    return obj;
}

/* main_globals() -> __main__.__dict__ */
static PyObject *
registry_main_globals(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *main_module = PyImport_AddModuleRef("__main__");
    if (main_module == NULL) {
        return NULL;
    }
    PyObject *globals = Py_NewRef(PyModule_GetDict(main_module));
    Py_DECREF(main_module);
    return globals;
}

static PyMethodDef registry_methods[] = {
    {"lookup", registry_lookup, METH_O, "Find a plugin by name."},
    {"first", registry_first, METH_NOARGS, "The plugin loaded first."},
    {"owner", registry_owner, METH_O, "Dereference a weak reference."},
    {"main_globals", registry_main_globals, METH_NOARGS, "The __main__ namespace."},
    {NULL, NULL, 0, NULL}
};

static int
registry_exec(PyObject *module)
{
    registry_state *st = get_registry_state(module);
    st->plugins = PyDict_New();
    st->load_order = PyList_New(0);
    return (st->plugins && st->load_order) ? 0 : -1;
}

static PyModuleDef_Slot registry_slots[] = {
    {Py_mod_exec, registry_exec},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef registry_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_registry",
    .m_size = sizeof(registry_state),
    .m_methods = registry_methods,
    .m_slots = registry_slots,
};

PyMODINIT_FUNC
PyInit__registry(void)
{
    return PyModuleDef_Init(&registry_module);
}
