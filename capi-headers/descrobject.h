/* Descriptors declared by extensions: attribute getters/setters (PyGetSetDef) and struct members
   (PyMemberDef) with the Py_T_* member types. */
#ifndef Py_DESCROBJECT_H
#define Py_DESCROBJECT_H

typedef PyObject *(*getter)(PyObject *, void *);
typedef int (*setter)(PyObject *, PyObject *, void *);

struct PyGetSetDef {
    const char *name;
    getter get;
    setter set;
    const char *doc;
    void *closure;
};

struct PyMemberDef {
    const char *name;
    int type;           /* one of Py_T_* */
    Py_ssize_t offset;  /* from the start of the object */
    int flags;          /* Py_READONLY, Py_AUDIT_READ, Py_RELATIVE_OFFSET */
    const char *doc;
};

#define Py_T_SHORT 0
#define Py_T_INT 1
#define Py_T_LONG 2
#define Py_T_FLOAT 3
#define Py_T_DOUBLE 4
#define Py_T_STRING 5
#define _Py_T_OBJECT 6
#define Py_T_CHAR 7
#define Py_T_BYTE 8
#define Py_T_UBYTE 9
#define Py_T_USHORT 10
#define Py_T_UINT 11
#define Py_T_ULONG 12
#define Py_T_STRING_INPLACE 13
#define Py_T_BOOL 14
#define Py_T_OBJECT_EX 16
#define Py_T_LONGLONG 17
#define Py_T_ULONGLONG 18
#define Py_T_PYSSIZET 19
#define _Py_T_NONE 20

#define Py_READONLY 1
#define Py_AUDIT_READ 2
#define _Py_WRITE_RESTRICTED 4
#define Py_RELATIVE_OFFSET 8

PyAPI_DATA(PyTypeObject) PyClassMethodDescr_Type;
PyAPI_DATA(PyTypeObject) PyGetSetDescr_Type;
PyAPI_DATA(PyTypeObject) PyMemberDescr_Type;
PyAPI_DATA(PyTypeObject) PyMethodDescr_Type;
PyAPI_DATA(PyTypeObject) PyWrapperDescr_Type;
PyAPI_DATA(PyTypeObject) PyDictProxy_Type;
PyAPI_DATA(PyTypeObject) PyProperty_Type;

PyAPI_FUNC(PyObject *) PyDescr_NewMethod(PyTypeObject *type, PyMethodDef *meth);
PyAPI_FUNC(PyObject *) PyDescr_NewClassMethod(PyTypeObject *type, PyMethodDef *meth);
PyAPI_FUNC(PyObject *) PyDescr_NewMember(PyTypeObject *type, PyMemberDef *member);
PyAPI_FUNC(PyObject *) PyDescr_NewGetSet(PyTypeObject *type, PyGetSetDef *getset);
PyAPI_FUNC(PyObject *) PyDictProxy_New(PyObject *mapping);

PyAPI_FUNC(PyObject *) PyMember_GetOne(const char *obj_addr, PyMemberDef *member);
PyAPI_FUNC(int) PyMember_SetOne(char *obj_addr, PyMemberDef *member, PyObject *value);

typedef PyObject *(*wrapperfunc)(PyObject *self, PyObject *args, void *wrapped);
typedef PyObject *(*wrapperfunc_kwds)(PyObject *self, PyObject *args, void *wrapped, PyObject *kwds);
struct wrapperbase {
    const char *name;
    int offset;
    void *function;
    wrapperfunc wrapper;
    const char *doc;
    int flags;
    PyObject *name_strobj;
};
/* The common head of descriptor objects (3.13 layout); the method, member and getset descriptors follow it with
   their definition pointer as in 3.13. Wrapper descriptors (slot wrappers) stay opaque: the runtime's carry a
   PyMethodDef where CPython's carry a struct wrapperbase. */
typedef struct {
    PyObject ob_base;
    PyTypeObject *d_type;
    PyObject *d_name;
    PyObject *d_qualname;
} PyDescrObject;
#define PyDescr_COMMON PyDescrObject d_common
#define PyDescr_TYPE(x) (((PyDescrObject *)(x))->d_type)
#define PyDescr_NAME(x) (((PyDescrObject *)(x))->d_name)
typedef struct {
    PyDescr_COMMON;
    PyMethodDef *d_method;
    vectorcallfunc vectorcall;   /* NULL in the runtime's descriptors: calls go through tp_call */
} PyMethodDescrObject;
typedef struct {
    PyDescr_COMMON;
    PyMemberDef *d_member;
} PyMemberDescrObject;
typedef struct {
    PyDescr_COMMON;
    PyGetSetDef *d_getset;
} PyGetSetDescrObject;
typedef struct PyWrapperDescrObject PyWrapperDescrObject;

/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */
#define PyWrapperFlag_KEYWORDS 1

PyAPI_FUNC(PyObject *) PyWrapper_New(PyObject *, PyObject *);
PyAPI_FUNC(PyObject *) PyDescr_NewWrapper(PyTypeObject *, struct wrapperbase *, void *);
PyAPI_FUNC(int) PyDescr_IsData(PyObject *);

#endif
