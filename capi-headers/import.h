/* Importing modules. */
#ifndef Py_IMPORT_H
#define Py_IMPORT_H

PyAPI_FUNC(PyObject *) PyImport_ImportModule(const char *name);
/* 3.14: getattr(import(mod_name), attr_name) as a new reference. */
#if PY_VERSION_HEX >= 0x030E0000
PyAPI_FUNC(PyObject *) PyImport_ImportModuleAttr(PyObject *mod_name, PyObject *attr_name);
PyAPI_FUNC(PyObject *) PyImport_ImportModuleAttrString(const char *mod_name, const char *attr_name);
#endif
PyAPI_FUNC(PyObject *) PyImport_ImportModuleNoBlock(const char *name);
PyAPI_FUNC(PyObject *) PyImport_ImportModuleLevel(const char *name, PyObject *globals, PyObject *locals, PyObject *fromlist, int level);
PyAPI_FUNC(PyObject *) PyImport_ImportModuleLevelObject(PyObject *name, PyObject *globals, PyObject *locals, PyObject *fromlist, int level);
PyAPI_FUNC(PyObject *) PyImport_Import(PyObject *name);
PyAPI_FUNC(PyObject *) PyImport_AddModuleRef(const char *name);
PyAPI_FUNC(PyObject *) PyImport_AddModule(const char *name);
PyAPI_FUNC(PyObject *) PyImport_AddModuleObject(PyObject *name);
PyAPI_FUNC(PyObject *) PyImport_GetModuleDict(void);
PyAPI_FUNC(PyObject *) PyImport_GetModule(PyObject *name);
PyAPI_FUNC(PyObject *) PyImport_ReloadModule(PyObject *m);
#define PyImport_ImportModuleEx(n, g, l, f) PyImport_ImportModuleLevel((n), (g), (l), (f), 0)

struct _frozen {
    const char *name;
    const unsigned char *code;
    int size;
    int is_package;
};
PyAPI_DATA(const struct _frozen *) PyImport_FrozenModules;
struct _inittab {
    const char *name;
    PyObject *(*initfunc)(void);
};
PyAPI_DATA(struct _inittab *) PyImport_Inittab;

/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */
PyAPI_FUNC(long) PyImport_GetMagicNumber(void);
PyAPI_FUNC(const char *) PyImport_GetMagicTag(void);
PyAPI_FUNC(PyObject *) PyImport_ExecCodeModule(const char *, PyObject *);
PyAPI_FUNC(PyObject *) PyImport_ExecCodeModuleEx(const char *, PyObject *, const char *);
PyAPI_FUNC(PyObject *) PyImport_ExecCodeModuleWithPathnames(const char *, PyObject *, const char *, const char *);
PyAPI_FUNC(PyObject *) PyImport_ExecCodeModuleObject(PyObject *, PyObject *, PyObject *, PyObject *);
PyAPI_FUNC(PyObject *) PyImport_GetImporter(PyObject *);
PyAPI_FUNC(int) PyImport_ImportFrozenModuleObject(PyObject *);
PyAPI_FUNC(int) PyImport_ImportFrozenModule(const char *);
PyAPI_FUNC(int) PyImport_AppendInittab(const char *, PyObject *(*) (void));
#if PY_VERSION_HEX < 0x030E0000
PyAPI_FUNC(PyObject *) PyInit__imp(void);
#endif
PyAPI_FUNC(int) PyImport_ExtendInittab(struct _inittab *);

#endif
