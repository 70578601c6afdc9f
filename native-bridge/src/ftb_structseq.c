/* Struct sequences (structseq.h): tuple subclasses whose items are also named, read-only attributes, as
   pwd.struct_passwd or os.stat_result. Fields past n_in_sequence are hidden: attributes, not items. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "Python.h"

const char *const PyStructSequence_UnnamedField = "unnamed field";

typedef struct seqinfo {
    PyTypeObject *type;
    Py_ssize_t n_fields;    /* all fields, hidden ones included: the allocated items */
    Py_ssize_t n_visible;   /* n_in_sequence: what len() and indexing see */
    struct seqinfo *next;
} seqinfo;

static seqinfo *infos;
static PyMutex infos_lock;

static seqinfo *info_of(PyTypeObject *type)
{
    PyMutex_Lock(&infos_lock);
    seqinfo *i = NULL;
    /* a subclass of a struct sequence type allocates as its base does */
    for (; type != NULL && i == NULL; type = type->tp_base) {
        for (i = infos; i != NULL && i->type != type; i = i->next) {
        }
    }
    PyMutex_Unlock(&infos_lock);
    return i;
}

static Py_ssize_t count_fields(const PyStructSequence_Desc *desc, Py_ssize_t *unnamed)
{
    Py_ssize_t n = 0;
    *unnamed = 0;
    for (; desc->fields[n].name != NULL; n++) {
        if (desc->fields[n].name == PyStructSequence_UnnamedField) {
            (*unnamed)++;
        }
    }
    return n;
}

/* One read-only member per named field, reading the item slot it stands for. */
static PyMemberDef *members_of(const PyStructSequence_Desc *desc, Py_ssize_t n)
{
    PyMemberDef *m = calloc((size_t)n + 1, sizeof *m);
    if (m == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (desc->fields[i].name == PyStructSequence_UnnamedField) {
            continue;
        }
        m[k].name = desc->fields[i].name;
        m[k].type = _Py_T_OBJECT;   /* None for a field not set, as CPython does */
        m[k].offset = (Py_ssize_t)(offsetof(PyTupleObject, ob_item) + (size_t)i * sizeof(PyObject *));
        m[k].flags = Py_READONLY;
        m[k].doc = desc->fields[i].doc;
        k++;
    }
    return m;
}

static PyObject *structseq_repr(PyObject *self)
{
    seqinfo *info = info_of(Py_TYPE(self));
    PyMemberDef *members = Py_TYPE(self)->tp_members;
    PyObject *parts = PyList_New(0);
    if (parts == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; info != NULL && i < info->n_visible; i++) {
        PyObject *item = PyTuple_GET_ITEM(self, i);
        const char *name = members != NULL && members[i].name != NULL ? members[i].name : "?";
        PyObject *part = PyUnicode_FromFormat("%s=%R", name, item != NULL ? item : Py_None);
        if (part == NULL || PyList_Append(parts, part) < 0) {
            Py_XDECREF(part);
            Py_DECREF(parts);
            return NULL;
        }
        Py_DECREF(part);
    }
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *body = sep != NULL ? PyUnicode_Join(sep, parts) : NULL;
    Py_XDECREF(sep);
    Py_DECREF(parts);
    if (body == NULL) {
        return NULL;
    }
    PyObject *r = PyUnicode_FromFormat("%s(%U)", Py_TYPE(self)->tp_name, body);
    Py_DECREF(body);
    return r;
}

/* The hidden items are not covered by the tuple's own deallocation, which sees only ob_size of them. */
static void structseq_dealloc(PyObject *self)
{
    seqinfo *info = info_of(Py_TYPE(self));
    PyObject **items = ((PyTupleObject *)self)->ob_item;
    for (Py_ssize_t i = info != NULL ? info->n_visible : 0; info != NULL && i < info->n_fields; i++) {
        Py_CLEAR(items[i]);
    }
    PyTuple_Type.tp_dealloc(self);
}

/* len() and items through the sequence slots: the runtime's tuple type does not lend its own to subclasses yet. */
static Py_ssize_t structseq_length(PyObject *self)
{
    return Py_SIZE(self);
}

static PyObject *structseq_item(PyObject *self, Py_ssize_t i)
{
    if (i < 0 || i >= Py_SIZE(self)) {
        PyErr_SetString(PyExc_IndexError, "tuple index out of range");
        return NULL;
    }
    PyObject *item = PyTuple_GET_ITEM(self, i);
    return Py_NewRef(item != NULL ? item : Py_None);
}

static PySequenceMethods structseq_as_sequence = {.sq_length = structseq_length, .sq_item = structseq_item};

static int remember(PyTypeObject *type, Py_ssize_t n_fields, Py_ssize_t n_visible)
{
    seqinfo *i = malloc(sizeof *i);
    if (i == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    i->type = type;
    i->n_fields = n_fields;
    i->n_visible = n_visible;
    PyMutex_Lock(&infos_lock);
    i->next = infos;
    infos = i;
    PyMutex_Unlock(&infos_lock);
    return 0;
}

static int check_desc(const PyStructSequence_Desc *desc, Py_ssize_t *n, Py_ssize_t *unnamed)
{
    *n = count_fields(desc, unnamed);
    if (desc->n_in_sequence < 0 || desc->n_in_sequence > *n) {
        PyErr_Format(PyExc_SystemError, "struct sequence %s: n_in_sequence %d is outside 0..%zd", desc->name,
                     desc->n_in_sequence, *n);
        return -1;
    }
    return 0;
}

PyTypeObject *PyStructSequence_NewType(PyStructSequence_Desc *desc)
{
    Py_ssize_t n, unnamed;
    if (check_desc(desc, &n, &unnamed) < 0) {
        return NULL;
    }
    PyMemberDef *members = members_of(desc, n);
    if (members == NULL) {
        return NULL;
    }
    PyType_Slot slots[] = {
        {Py_tp_repr, (void *)structseq_repr},
        {Py_tp_dealloc, (void *)structseq_dealloc},
        {Py_tp_members, members},
        {Py_sq_length, (void *)structseq_length},
        {Py_sq_item, (void *)structseq_item},
        {desc->doc != NULL ? Py_tp_doc : 0, (void *)desc->doc},
        {0, NULL},
    };
    PyType_Spec spec = {desc->name, (int)offsetof(PyTupleObject, ob_item), (int)sizeof(PyObject *),
                        Py_TPFLAGS_DEFAULT, slots};
    PyObject *type = PyType_FromSpecWithBases(&spec, (PyObject *)&PyTuple_Type);
    if (type == NULL || remember((PyTypeObject *)type, n, desc->n_in_sequence) < 0) {
        Py_XDECREF(type);
        free(members);
        return NULL;
    }
    return (PyTypeObject *)type;
}

int PyStructSequence_InitType2(PyTypeObject *type, PyStructSequence_Desc *desc)
{
    Py_ssize_t n, unnamed;
    if (check_desc(desc, &n, &unnamed) < 0) {
        return -1;
    }
    if (type->tp_flags & Py_TPFLAGS_READY) {
        PyErr_Format(PyExc_RuntimeError, "Struct sequence type %s is already initialized", desc->name);
        return -1;
    }
    PyMemberDef *members = members_of(desc, n);
    if (members == NULL) {
        return -1;
    }
    type->tp_name = desc->name;
    type->tp_doc = desc->doc;
    type->tp_basicsize = (Py_ssize_t)offsetof(PyTupleObject, ob_item);
    type->tp_itemsize = (Py_ssize_t)sizeof(PyObject *);
    type->tp_repr = structseq_repr;
    type->tp_dealloc = structseq_dealloc;
    type->tp_members = members;
    type->tp_as_sequence = &structseq_as_sequence;
    type->tp_base = &PyTuple_Type;
    type->tp_flags = Py_TPFLAGS_DEFAULT;
    if (PyType_Ready(type) < 0 || remember(type, n, desc->n_in_sequence) < 0) {
        free(members);
        type->tp_members = NULL;
        return -1;
    }
    return 0;
}

void PyStructSequence_InitType(PyTypeObject *type, PyStructSequence_Desc *desc)
{
    (void)PyStructSequence_InitType2(type, desc);
}

PyObject *PyStructSequence_New(PyTypeObject *type)
{
    seqinfo *info = info_of(type);
    if (info == NULL) {
        PyErr_Format(PyExc_SystemError, "%s is not a struct sequence type", type->tp_name);
        return NULL;
    }
    PyObject *o = PyType_GenericAlloc(type, info->n_fields);
    if (o == NULL) {
        return NULL;
    }
    PyObject **items = ((PyTupleObject *)o)->ob_item;
    for (Py_ssize_t i = 0; i < info->n_fields; i++) {
        items[i] = NULL;
    }
    Py_SET_SIZE(o, info->n_visible);
    return o;
}

void PyStructSequence_SetItem(PyObject *p, Py_ssize_t pos, PyObject *o)
{
    ((PyTupleObject *)p)->ob_item[pos] = o;   /* steals, and does not release an old item, as in CPython */
}

PyObject *PyStructSequence_GetItem(PyObject *p, Py_ssize_t pos)
{
    return ((PyTupleObject *)p)->ob_item[pos];
}
