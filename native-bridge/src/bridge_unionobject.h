/* types.UnionType (bridge_unionobject.c) and what it shares with types.GenericAlias; internal to the bridge, as
   CPython keeps unionobject.h internal. */
#ifndef BRIDGE_UNIONOBJECT_H
#define BRIDGE_UNIONOBJECT_H

#include "Python.h"

/* The type of int | str. */
extern PyTypeObject ftb_UnionType;

/* a | b for types, None, generic aliases and unions: a union of both (or the one type when they are the same);
   NotImplemented for anything else. */
PyObject *ftb_union_or(PyObject *a, PyObject *b);

/* The type parameters among args (tuple): those with __typing_subst__, and nested generics' __parameters__. */
PyObject *ftb_make_parameters(PyObject *args);

/* Appends to out (a list of str) how an argument shows in an alias's or union's repr. */
int ftb_repr_item(PyObject *out, PyObject *p);

#endif
