/* Multi-phase, GIL-free sample: module state (a call counter guarded by a PyMutex), a heap type created with
 * PyType_FromModuleAndSpec whose instances protect their fields with critical sections, a METH_METHOD method
 * that finds the module state through its defining class, and keyword parsing. */
#include <Python.h>
#include <stddef.h>

typedef struct {
    PyMutex lock;
    long long calls;     /* guarded by lock */
    PyObject *counter_type;
} module_state;

typedef struct {
    PyObject_HEAD
    long long value;     /* guarded by the object's critical section */
    PyObject *history;   /* list of amounts; list operations lock internally */
    PyObject *label;
} Counter;

static struct PyModuleDef module_def;

static module_state *state_of(PyObject *module)
{
    return (module_state *)PyModule_GetState(module);
}

static PyObject *Counter_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"start", "label", NULL};
    long long start = 0;
    PyObject *label = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|LO:Counter", kwlist, &start, &label)) {
        return NULL;
    }
    Counter *self = (Counter *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->value = start;
    self->history = PyList_New(0);
    self->label = Py_NewRef(label);
    if (self->history == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static void Counter_dealloc(PyObject *op)
{
    Counter *self = (Counter *)op;
    PyTypeObject *tp = Py_TYPE(op);
    Py_XDECREF(self->history);
    Py_XDECREF(self->label);
    tp->tp_free(op);
    Py_DECREF(tp);
}

/* increment(amount=1): the read-modify-write happens inside a critical section on self. */
static PyObject *Counter_increment(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    Counter *self = (Counter *)op;
    long long amount = 1;
    if (nargs > 1) {
        PyErr_SetString(PyExc_TypeError, "increment() takes at most 1 argument");
        return NULL;
    }
    if (nargs == 1) {
        amount = PyLong_AsLongLong(args[0]);
        if (amount == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    long long now;
    Py_BEGIN_CRITICAL_SECTION(op);
    self->value += amount;
    now = self->value;
    Py_END_CRITICAL_SECTION();
    return PyLong_FromLongLong(now);
}

/* add_many(n): n increments of 1 in C, each in its own critical section (a tight contention loop). */
static PyObject *Counter_add_many(PyObject *op, PyObject *arg)
{
    Counter *self = (Counter *)op;
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    for (long i = 0; i < n; i++) {
        Py_BEGIN_CRITICAL_SECTION(op);
        self->value += 1;
        Py_END_CRITICAL_SECTION();
    }
    Py_RETURN_NONE;
}

/* record(x): appends to the history list (internally locked). */
static PyObject *Counter_record(PyObject *op, PyObject *arg)
{
    Counter *self = (Counter *)op;
    if (PyList_Append(self->history, arg) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* transfer(other, amount): moves amount between two counters, locking both (lower address first). */
static PyObject *Counter_transfer(PyObject *op, PyObject *args)
{
    PyObject *other;
    long long amount;
    if (!PyArg_ParseTuple(args, "OL:transfer", &other, &amount)) {
        return NULL;
    }
    if (Py_TYPE(other) != Py_TYPE(op)) {
        PyErr_Format(PyExc_TypeError, "transfer() needs a %s, not %.100s", Py_TYPE(op)->tp_name,
                     Py_TYPE(other)->tp_name);
        return NULL;
    }
    Py_BEGIN_CRITICAL_SECTION2(op, other);
    ((Counter *)op)->value -= amount;
    ((Counter *)other)->value += amount;
    Py_END_CRITICAL_SECTION2();
    Py_RETURN_NONE;
}

/* calls_so_far(): METH_METHOD | METH_FASTCALL | METH_KEYWORDS reaching module state via the defining class. */
static PyObject *Counter_module_calls(PyObject *op, PyTypeObject *defining_class, PyObject *const *args,
                                      Py_ssize_t nargs, PyObject *kwnames)
{
    module_state *st = (module_state *)PyType_GetModuleState(defining_class);
    if (st == NULL) {
        return NULL;
    }
    long long calls;
    PyMutex_Lock(&st->lock);
    calls = st->calls;
    PyMutex_Unlock(&st->lock);
    return PyLong_FromLongLong(calls);
}

static PyObject *Counter_get_value(PyObject *op, void *closure)
{
    long long v;
    Py_BEGIN_CRITICAL_SECTION(op);
    v = ((Counter *)op)->value;
    Py_END_CRITICAL_SECTION();
    return PyLong_FromLongLong(v);
}

static PyObject *Counter_repr(PyObject *op)
{
    Counter *self = (Counter *)op;
    return PyUnicode_FromFormat("Counter(%lld, label=%R)", self->value, self->label);
}

static PyMethodDef Counter_methods[] = {
    {"increment", (PyCFunction)(void (*)(void))Counter_increment, METH_FASTCALL, NULL},
    {"add_many", Counter_add_many, METH_O, NULL},
    {"record", Counter_record, METH_O, NULL},
    {"transfer", Counter_transfer, METH_VARARGS, NULL},
    {"module_calls", (PyCFunction)(void (*)(void))Counter_module_calls, METH_METHOD | METH_FASTCALL | METH_KEYWORDS,
     NULL},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef Counter_members[] = {
    {"history", Py_T_OBJECT_EX, offsetof(Counter, history), Py_READONLY, NULL},
    {"label", Py_T_OBJECT_EX, offsetof(Counter, label), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef Counter_getset[] = {
    {"value", Counter_get_value, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot Counter_slots[] = {
    {Py_tp_new, Counter_new},
    {Py_tp_dealloc, Counter_dealloc},
    {Py_tp_methods, Counter_methods},
    {Py_tp_members, Counter_members},
    {Py_tp_getset, Counter_getset},
    {Py_tp_repr, Counter_repr},
    {0, NULL},
};

static PyType_Spec Counter_spec = {
    "ftmulti.Counter", sizeof(Counter), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, Counter_slots,
};

/* bump(): counts module-level calls under the module state's PyMutex. */
static PyObject *bump(PyObject *module, PyObject *unused)
{
    module_state *st = state_of(module);
    PyMutex_Lock(&st->lock);
    st->calls++;
    PyMutex_Unlock(&st->lock);
    Py_RETURN_NONE;
}

static PyObject *bump_many(PyObject *module, PyObject *arg)
{
    module_state *st = state_of(module);
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    for (long i = 0; i < n; i++) {
        PyMutex_Lock(&st->lock);
        st->calls++;
        PyMutex_Unlock(&st->lock);
    }
    Py_RETURN_NONE;
}

static PyObject *calls(PyObject *module, PyObject *unused)
{
    module_state *st = state_of(module);
    PyMutex_Lock(&st->lock);
    long long c = st->calls;
    PyMutex_Unlock(&st->lock);
    return PyLong_FromLongLong(c);
}

/* describe(name, count=1, *, sep=", "): keyword parsing and Py_BuildValue. */
static PyObject *describe(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"name", "count", "sep", NULL};
    const char *name;
    int count = 1;
    const char *sep = ", ";
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|i$s:describe", kwlist, &name, &count, &sep)) {
        return NULL;
    }
    return Py_BuildValue("{s:s,s:i,s:s,s:(ii)}", "name", name, "count", count, "sep", sep, "pair", count,
                         count * 2);
}

static PyMethodDef module_methods[] = {
    {"bump", bump, METH_NOARGS, NULL},
    {"bump_many", bump_many, METH_O, NULL},
    {"calls", calls, METH_NOARGS, NULL},
    {"describe", (PyCFunction)(void (*)(void))describe, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

static int exec_types(PyObject *module)
{
    module_state *st = state_of(module);
    st->counter_type = PyType_FromModuleAndSpec(module, &Counter_spec, NULL);
    if (st->counter_type == NULL) {
        return -1;
    }
    return PyModule_AddType(module, (PyTypeObject *)st->counter_type);
}

static int exec_constants(PyObject *module)
{
    if (PyModule_AddIntConstant(module, "ANSWER", 42) < 0) {
        return -1;
    }
    return PyModule_AddStringConstant(module, "FLAVOUR", "multi-phase");
}

static int module_traverse(PyObject *module, visitproc visit, void *arg)
{
    module_state *st = state_of(module);
    Py_VISIT(st->counter_type);
    return 0;
}

static int module_clear(PyObject *module)
{
    module_state *st = state_of(module);
    Py_CLEAR(st->counter_type);
    return 0;
}

static void module_free(void *module)
{
    module_clear((PyObject *)module);
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, exec_types},
    {Py_mod_exec, exec_constants},
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "ftmulti",
    .m_doc = "Multi-phase GIL-free sample.",
    .m_size = sizeof(module_state),
    .m_methods = module_methods,
    .m_slots = module_slots,
    .m_traverse = module_traverse,
    .m_clear = module_clear,
    .m_free = module_free,
};

PyMODINIT_FUNC PyInit_ftmulti(void)
{
    return PyModuleDef_Init(&module_def);
}
