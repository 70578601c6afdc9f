/* slotprobe for BuiltinSlotsTest: which C slots of the built-in type objects are filled (non-NULL), as
   (type, slot, filled) triples: extensions read and call these slots directly, so a NULL one crashes them. */
#include <Python.h>
#define S(f) PyList_Append(out, Py_BuildValue("(ssi)", name, #f, t->f != NULL)); 
static PyObject *probe(PyObject *self, PyObject *unused) {
    struct { const char *n; PyTypeObject *t; } types[] = {
      {"object",&PyBaseObject_Type},{"type",&PyType_Type},{"str",&PyUnicode_Type},{"bytes",&PyBytes_Type},{"bytearray",&PyByteArray_Type},
      {"int",&PyLong_Type},{"bool",&PyBool_Type},{"float",&PyFloat_Type},{"complex",&PyComplex_Type},{"list",&PyList_Type},{"tuple",&PyTuple_Type},
      {"dict",&PyDict_Type},{"set",&PySet_Type},{"frozenset",&PyFrozenSet_Type},{"range",&PyRange_Type},{"slice",&PySlice_Type},{"memoryview",&PyMemoryView_Type},
      {"module",&PyModule_Type},{"cell",&PyCell_Type},{"capsule",&PyCapsule_Type},{"seqiter",&PySeqIter_Type},{"NoneType",Py_TYPE(Py_None)},
      {"cfunction",&PyCFunction_Type},{"method_descr",&PyMethodDescr_Type},{"getset_descr",&PyGetSetDescr_Type},{"member_descr",&PyMemberDescr_Type},
      {"BaseException",(PyTypeObject*)PyExc_BaseException},{"ValueError",(PyTypeObject*)PyExc_ValueError},{"property",&PyProperty_Type},{"super",&PySuper_Type},
      {"classmethod",&PyClassMethod_Type},{"staticmethod",&PyStaticMethod_Type},{"function",&PyFunction_Type},{"method",&PyMethod_Type},{"enumerate",&PyEnum_Type},
      {"dictkeys",&PyDictKeys_Type},{"dictitems",&PyDictItems_Type},{"dictvalues",&PyDictValues_Type},{"mappingproxy",&PyDictProxy_Type},{"weakref",&_PyWeakref_RefType},{NULL,NULL}};
    PyObject *out = PyList_New(0);
    for (int i = 0; types[i].n; i++) { const char *name = types[i].n; PyTypeObject *t = types[i].t;
      S(tp_repr) S(tp_str) S(tp_hash) S(tp_richcompare) S(tp_iter) S(tp_iternext) S(tp_getattro) S(tp_setattro) S(tp_call) S(tp_new) S(tp_init) S(tp_alloc) S(tp_free) S(tp_dealloc)
      S(tp_as_number) S(tp_as_sequence) S(tp_as_mapping) S(tp_as_buffer) S(tp_descr_get) S(tp_descr_set) S(tp_dict) S(tp_mro) S(tp_base) S(tp_bases) S(tp_traverse)
      if (t->tp_as_number) { PyList_Append(out, Py_BuildValue("(ssi)", name, "nb_add", t->tp_as_number->nb_add != NULL)); PyList_Append(out, Py_BuildValue("(ssi)", name, "nb_bool", t->tp_as_number->nb_bool != NULL)); PyList_Append(out, Py_BuildValue("(ssi)", name, "nb_index", t->tp_as_number->nb_index != NULL));PyList_Append(out, Py_BuildValue("(ssi)", name, "nb_int", t->tp_as_number->nb_int != NULL));PyList_Append(out, Py_BuildValue("(ssi)", name, "nb_float", t->tp_as_number->nb_float != NULL)); }
      if (t->tp_as_sequence) { PyList_Append(out, Py_BuildValue("(ssi)", name, "sq_length", t->tp_as_sequence->sq_length != NULL)); PyList_Append(out, Py_BuildValue("(ssi)", name, "sq_item", t->tp_as_sequence->sq_item != NULL)); PyList_Append(out, Py_BuildValue("(ssi)", name, "sq_contains", t->tp_as_sequence->sq_contains != NULL)); PyList_Append(out, Py_BuildValue("(ssi)", name, "sq_concat", t->tp_as_sequence->sq_concat != NULL));}
      if (t->tp_as_mapping) { PyList_Append(out, Py_BuildValue("(ssi)", name, "mp_length", t->tp_as_mapping->mp_length != NULL)); PyList_Append(out, Py_BuildValue("(ssi)", name, "mp_subscript", t->tp_as_mapping->mp_subscript != NULL)); PyList_Append(out, Py_BuildValue("(ssi)", name, "mp_ass_subscript", t->tp_as_mapping->mp_ass_subscript != NULL));}
      if (t->tp_as_buffer) { PyList_Append(out, Py_BuildValue("(ssi)", name, "bf_getbuffer", t->tp_as_buffer->bf_getbuffer != NULL)); }
    }
    return out;
}
static PyMethodDef m[] = {{"probe", probe, METH_NOARGS, NULL}, {NULL}};
static PyModuleDef_Slot slots[] = {{Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL}};
static struct PyModuleDef d = {PyModuleDef_HEAD_INIT, "slotprobe", NULL, 0, m, slots};
PyMODINIT_FUNC PyInit_slotprobe(void) { return PyModuleDef_Init(&d); }
