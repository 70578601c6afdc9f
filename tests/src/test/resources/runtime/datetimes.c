/* The datetime C-API (datetime.h): PyDateTime_IMPORT and the capsule, the constructor macros, the field and
   check macros, and what the objects do once made: repr/str, attributes, methods, arithmetic, comparisons and
   hashing, with CPython's errors ("Type: message").

   Objects are described by specs, built recursively: ('date', (2020, 1, 2)), ('datetime', (2020, 1, 2, 3),
   {'fold': 1}), ('timedelta', (1, 2, 3)), ('timezone', (('timedelta', (0, 3600)), 'X')), ('time', ()), ('utc',);
   an argument that is such a tuple is built first. Constructing through a spec calls the type; the capsule's
   constructors are driven by capi_* below. */
#include <Python.h>
#include <datetime.h>
#include <stddef.h>

static PyObject *error_text(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("NULL, no error");
    }
    PyObject *r = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

static int import_api(void)
{
    if (PyDateTimeAPI == NULL) {
        PyDateTime_IMPORT;
    }
    return PyDateTimeAPI != NULL ? 0 : -1;
}

static PyObject *type_named(const char *name)
{
    PyDateTime_CAPI *api = PyDateTimeAPI;
    if (strcmp(name, "date") == 0) return (PyObject *)api->DateType;
    if (strcmp(name, "datetime") == 0) return (PyObject *)api->DateTimeType;
    if (strcmp(name, "time") == 0) return (PyObject *)api->TimeType;
    if (strcmp(name, "timedelta") == 0) return (PyObject *)api->DeltaType;
    if (strcmp(name, "tzinfo") == 0) return (PyObject *)api->TZInfoType;
    return NULL;
}

static PyObject *build(PyObject *spec);

static PyObject *build_args(PyObject *args)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *out = PyTuple_New(n);
    for (Py_ssize_t i = 0; out != NULL && i < n; i++) {
        PyObject *v = build(PyTuple_GET_ITEM(args, i));
        if (v == NULL) {
            Py_CLEAR(out);
            break;
        }
        PyTuple_SET_ITEM(out, i, v);
    }
    return out;
}

/* A spec built into its object; anything that is not a spec is itself. */
static PyObject *build(PyObject *spec)
{
    if (!PyTuple_Check(spec) || PyTuple_GET_SIZE(spec) < 1 || !PyUnicode_Check(PyTuple_GET_ITEM(spec, 0))) {
        return Py_NewRef(spec);
    }
    if (import_api() < 0) {
        return NULL;
    }
    const char *name = PyUnicode_AsUTF8(PyTuple_GET_ITEM(spec, 0));
    if (strcmp(name, "utc") == 0) {
        return Py_NewRef(PyDateTime_TimeZone_UTC);
    }
    if (strcmp(name, "nan") == 0) {
        return PyFloat_FromDouble(Py_NAN);
    }
    PyObject *type = type_named(name);
    PyObject *module = NULL;
    if (type == NULL) {
        module = PyImport_ImportModule("datetime");
        type = module != NULL ? PyObject_GetAttrString(module, name) : NULL;
        Py_XDECREF(module);
        if (type == NULL) {
            return NULL;
        }
    }
    else {
        Py_INCREF(type);
    }
    PyObject *args = PyTuple_GET_SIZE(spec) > 1 && PyTuple_Check(PyTuple_GET_ITEM(spec, 1))
        ? build_args(PyTuple_GET_ITEM(spec, 1)) : PyTuple_New(0);
    PyObject *kw = PyTuple_GET_SIZE(spec) > 2 ? PyTuple_GET_ITEM(spec, 2) : NULL;
    PyObject *r = args != NULL ? PyObject_Call(type, args, kw) : NULL;
    Py_XDECREF(args);
    Py_DECREF(type);
    return r;
}

static PyObject *repr_or_error(PyObject *o)
{
    if (o == NULL) {
        return error_text();
    }
    PyObject *r = PyObject_Repr(o);
    Py_DECREF(o);
    return r != NULL ? r : error_text();
}

/* make(spec): repr of the object. */
static PyObject *make(PyObject *self, PyObject *spec)
{
    return repr_or_error(build(spec));
}

/* show(spec): (repr, str). */
static PyObject *show(PyObject *self, PyObject *spec)
{
    PyObject *o = build(spec);
    if (o == NULL) {
        return error_text();
    }
    PyObject *r = PyObject_Repr(o), *s = PyObject_Str(o);
    Py_DECREF(o);
    if (r == NULL || s == NULL) {
        Py_XDECREF(r);
        Py_XDECREF(s);
        return error_text();
    }
    return Py_BuildValue("(NN)", r, s);
}

/* meth(spec, name, *args): repr of spec.name(*args). */
static PyObject *meth(PyObject *self, PyObject *args)
{
    PyObject *o = build(PyTuple_GET_ITEM(args, 0));
    if (o == NULL) {
        return error_text();
    }
    PyObject *f = PyObject_GetAttr(o, PyTuple_GET_ITEM(args, 1));
    Py_DECREF(o);
    if (f == NULL) {
        return error_text();
    }
    PyObject *rest = PyTuple_GetSlice(args, 2, PyTuple_GET_SIZE(args));
    PyObject *built = rest != NULL ? build_args(rest) : NULL;
    Py_XDECREF(rest);
    PyObject *r = built != NULL ? PyObject_Call(f, built, NULL) : NULL;
    Py_XDECREF(built);
    Py_DECREF(f);
    return repr_or_error(r);
}

/* get(spec, attr): repr of spec.attr. */
static PyObject *get(PyObject *self, PyObject *args)
{
    PyObject *o = build(PyTuple_GET_ITEM(args, 0));
    if (o == NULL) {
        return error_text();
    }
    PyObject *r = PyObject_GetAttr(o, PyTuple_GET_ITEM(args, 1));
    Py_DECREF(o);
    return repr_or_error(r);
}

/* op(name, a, b): repr of a <name> b; "neg", "abs", "pos" and "bool" take only a. */
static PyObject *op(PyObject *self, PyObject *args)
{
    const char *name;
    PyObject *sa, *sb = Py_None;
    if (!PyArg_ParseTuple(args, "sO|O", &name, &sa, &sb)) {
        return NULL;
    }
    PyObject *a = build(sa);
    PyObject *b = a != NULL ? build(sb) : NULL;
    if (b == NULL) {
        Py_XDECREF(a);
        return error_text();
    }
    static const char *const cmp[] = {"<", "<=", "==", "!=", ">", ">="};
    PyObject *r = NULL;
    int done = 0;
    for (int i = 0; i < 6; i++) {
        if (strcmp(name, cmp[i]) == 0) {
            r = PyObject_RichCompare(a, b, i);
            done = 1;
        }
    }
    if (!done) {
        r = strcmp(name, "+") == 0 ? PyNumber_Add(a, b)
            : strcmp(name, "-") == 0 ? PyNumber_Subtract(a, b)
            : strcmp(name, "*") == 0 ? PyNumber_Multiply(a, b)
            : strcmp(name, "/") == 0 ? PyNumber_TrueDivide(a, b)
            : strcmp(name, "//") == 0 ? PyNumber_FloorDivide(a, b)
            : strcmp(name, "%") == 0 ? PyNumber_Remainder(a, b)
            : strcmp(name, "divmod") == 0 ? PyNumber_Divmod(a, b)
            : strcmp(name, "neg") == 0 ? PyNumber_Negative(a)
            : strcmp(name, "pos") == 0 ? PyNumber_Positive(a)
            : strcmp(name, "abs") == 0 ? PyNumber_Absolute(a)
            : strcmp(name, "bool") == 0 ? PyBool_FromLong(PyObject_IsTrue(a))
            : (PyErr_Format(PyExc_ValueError, "no operator %s", name), NULL);
    }
    Py_DECREF(a);
    Py_DECREF(b);
    return repr_or_error(r);
}

/* samehash(a, b): whether hash(a) == hash(b), and whether a == b. */
static PyObject *samehash(PyObject *self, PyObject *args)
{
    PyObject *a = build(PyTuple_GET_ITEM(args, 0));
    PyObject *b = a != NULL ? build(PyTuple_GET_ITEM(args, 1)) : NULL;
    if (b == NULL) {
        Py_XDECREF(a);
        return error_text();
    }
    Py_hash_t ha = PyObject_Hash(a), hb = PyObject_Hash(b);
    int eq = PyObject_RichCompareBool(a, b, Py_EQ);
    Py_DECREF(a);
    Py_DECREF(b);
    if (ha == -1 || hb == -1 || eq < 0) {
        return error_text();
    }
    return Py_BuildValue("(OO)", ha == hb ? Py_True : Py_False, eq ? Py_True : Py_False);
}

/* macros(spec): what the field and check macros read from the object. */
static PyObject *macros(PyObject *self, PyObject *spec)
{
    PyObject *o = build(spec);
    if (o == NULL) {
        return error_text();
    }
    PyObject *checks = Py_BuildValue("(iiiiiiiiii)", PyDate_Check(o), PyDate_CheckExact(o), PyDateTime_Check(o),
                                     PyDateTime_CheckExact(o), PyTime_Check(o), PyTime_CheckExact(o),
                                     PyDelta_Check(o), PyDelta_CheckExact(o), PyTZInfo_Check(o),
                                     PyTZInfo_CheckExact(o));
    PyObject *fields;
    if (PyDateTime_Check(o)) {
        fields = Py_BuildValue("(iiiiiiiiO)", PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o), PyDateTime_GET_DAY(o),
                               PyDateTime_DATE_GET_HOUR(o), PyDateTime_DATE_GET_MINUTE(o),
                               PyDateTime_DATE_GET_SECOND(o), PyDateTime_DATE_GET_MICROSECOND(o),
                               PyDateTime_DATE_GET_FOLD(o), PyDateTime_DATE_GET_TZINFO(o));
    }
    else if (PyDate_Check(o)) {
        fields = Py_BuildValue("(iii)", PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o), PyDateTime_GET_DAY(o));
    }
    else if (PyTime_Check(o)) {
        fields = Py_BuildValue("(iiiiiO)", PyDateTime_TIME_GET_HOUR(o), PyDateTime_TIME_GET_MINUTE(o),
                               PyDateTime_TIME_GET_SECOND(o), PyDateTime_TIME_GET_MICROSECOND(o),
                               PyDateTime_TIME_GET_FOLD(o), PyDateTime_TIME_GET_TZINFO(o));
    }
    else if (PyDelta_Check(o)) {
        fields = Py_BuildValue("(iii)", PyDateTime_DELTA_GET_DAYS(o), PyDateTime_DELTA_GET_SECONDS(o),
                               PyDateTime_DELTA_GET_MICROSECONDS(o));
    }
    else {
        fields = Py_NewRef(Py_None);
    }
    Py_DECREF(o);
    if (checks == NULL || fields == NULL) {
        Py_XDECREF(checks);
        Py_XDECREF(fields);
        return error_text();
    }
    return Py_BuildValue("(NN)", checks, fields);
}

/* capi_date(y, m, d): PyDate_FromDate. */
static PyObject *capi_date(PyObject *self, PyObject *args)
{
    int y, m, d;
    if (!PyArg_ParseTuple(args, "iii", &y, &m, &d) || import_api() < 0) {
        return NULL;
    }
    return repr_or_error(PyDate_FromDate(y, m, d));
}

/* capi_datetime(y, m, d, h, mi, s, us[, fold]): PyDateTime_FromDateAndTime or ...AndFold. */
static PyObject *capi_datetime(PyObject *self, PyObject *args)
{
    int y, m, d, h, mi, s, us, fold = -1;
    if (!PyArg_ParseTuple(args, "iiiiiii|i", &y, &m, &d, &h, &mi, &s, &us, &fold) || import_api() < 0) {
        return NULL;
    }
    return repr_or_error(fold < 0 ? PyDateTime_FromDateAndTime(y, m, d, h, mi, s, us)
                                  : PyDateTime_FromDateAndTimeAndFold(y, m, d, h, mi, s, us, fold));
}

/* capi_time(h, mi, s, us[, fold]): PyTime_FromTime or PyTime_FromTimeAndFold. */
static PyObject *capi_time(PyObject *self, PyObject *args)
{
    int h, mi, s, us, fold = -1;
    if (!PyArg_ParseTuple(args, "iiii|i", &h, &mi, &s, &us, &fold) || import_api() < 0) {
        return NULL;
    }
    return repr_or_error(fold < 0 ? PyTime_FromTime(h, mi, s, us) : PyTime_FromTimeAndFold(h, mi, s, us, fold));
}

/* capi_delta(d, s, us[, normalize]): PyDelta_FromDSU, or Delta_FromDelta with normalize given. */
static PyObject *capi_delta(PyObject *self, PyObject *args)
{
    int d, s, us, normalize = -1;
    if (!PyArg_ParseTuple(args, "iii|i", &d, &s, &us, &normalize) || import_api() < 0) {
        return NULL;
    }
    return repr_or_error(normalize < 0 ? PyDelta_FromDSU(d, s, us)
                                       : PyDateTimeAPI->Delta_FromDelta(d, s, us, normalize, PyDateTimeAPI->DeltaType));
}

/* capi_aware(y, m, d, h, mi, s, us, tz_spec, fold): the capsule's constructors with a tzinfo. */
static PyObject *capi_aware(PyObject *self, PyObject *args)
{
    int y, m, d, h, mi, s, us, fold;
    PyObject *tzspec;
    if (!PyArg_ParseTuple(args, "iiiiiiiOi", &y, &m, &d, &h, &mi, &s, &us, &tzspec, &fold) || import_api() < 0) {
        return NULL;
    }
    PyObject *tz = build(tzspec);
    if (tz == NULL) {
        return error_text();
    }
    PyObject *dt = PyDateTimeAPI->DateTime_FromDateAndTimeAndFold(y, m, d, h, mi, s, us, tz, fold,
                                                                   PyDateTimeAPI->DateTimeType);
    PyObject *t = dt != NULL ? PyDateTimeAPI->Time_FromTimeAndFold(h, mi, s, us, tz, fold, PyDateTimeAPI->TimeType)
                             : NULL;
    Py_DECREF(tz);
    if (t == NULL) {
        Py_XDECREF(dt);
        return error_text();
    }
    PyObject *r = Py_BuildValue("(NNii)", PyObject_Repr(dt), PyObject_Repr(t),
                                PyDateTime_DATE_GET_TZINFO(dt) == PyDateTime_TIME_GET_TZINFO(t),
                                _PyDateTime_HAS_TZINFO(dt));
    Py_DECREF(dt);
    Py_DECREF(t);
    return r;
}

/* capi_timezone(offset_spec[, name]): PyTimeZone_FromOffset or ...AndName, then (repr, str, is UTC). */
static PyObject *capi_timezone(PyObject *self, PyObject *args)
{
    PyObject *spec, *name = NULL;
    if (!PyArg_ParseTuple(args, "O|O", &spec, &name) || import_api() < 0) {
        return NULL;
    }
    PyObject *offset = build(spec);
    if (offset == NULL) {
        return error_text();
    }
    PyObject *tz = name == NULL ? PyTimeZone_FromOffset(offset) : PyTimeZone_FromOffsetAndName(offset, name);
    Py_DECREF(offset);
    if (tz == NULL) {
        return error_text();
    }
    PyObject *r = Py_BuildValue("(NNO)", PyObject_Repr(tz), PyObject_Str(tz),
                                tz == PyDateTime_TimeZone_UTC ? Py_True : Py_False);
    Py_DECREF(tz);
    return r;
}

/* capi_fromtimestamp(args): PyDateTime_FromTimestamp(args) (args a tuple: timestamp[, tz spec]). */
static PyObject *capi_fromtimestamp(PyObject *self, PyObject *args)
{
    if (import_api() < 0) {
        return NULL;
    }
    PyObject *built = build_args(args);
    if (built == NULL) {
        return error_text();
    }
    PyObject *r = PyDateTime_FromTimestamp(built);
    Py_DECREF(built);
    return repr_or_error(r);
}

/* capi_datefromtimestamp(*args): PyDate_FromTimestamp(args). */
static PyObject *capi_datefromtimestamp(PyObject *self, PyObject *args)
{
    if (import_api() < 0) {
        return NULL;
    }
    return repr_or_error(PyDate_FromTimestamp(args));
}

/* capsule(): what the capsule and the module hold. */
static PyObject *capsule(PyObject *self, PyObject *unused)
{
    if (import_api() < 0) {
        return error_text();
    }
    PyObject *m = PyImport_ImportModule("datetime");
    if (m == NULL) {
        return error_text();
    }
    PyObject *cap = PyObject_GetAttrString(m, "datetime_CAPI");
    PyObject *utc = PyObject_GetAttrString(m, "UTC");
    PyObject *tzutc = PyObject_GetAttrString(m, "timezone");
    PyObject *tzu = tzutc != NULL ? PyObject_GetAttrString(tzutc, "utc") : NULL;
    PyObject *minyear = PyObject_GetAttrString(m, "MINYEAR"), *maxyear = PyObject_GetAttrString(m, "MAXYEAR");
    Py_DECREF(m);
    if (cap == NULL || utc == NULL || tzu == NULL || minyear == NULL || maxyear == NULL) {
        Py_XDECREF(cap);
        Py_XDECREF(utc);
        Py_XDECREF(tzutc);
        Py_XDECREF(tzu);
        Py_XDECREF(minyear);
        Py_XDECREF(maxyear);
        return error_text();
    }
    PyObject *r = Py_BuildValue("(sOOOOOssssN)", PyCapsule_GetName(cap),
                                PyCapsule_IsValid(cap, PyDateTime_CAPSULE_NAME) ? Py_True : Py_False,
                                PyCapsule_GetPointer(cap, PyDateTime_CAPSULE_NAME) == PyDateTimeAPI ? Py_True : Py_False,
                                utc == PyDateTime_TimeZone_UTC && tzu == utc ? Py_True : Py_False, minyear, maxyear,
                                PyDateTimeAPI->DateType->tp_name, PyDateTimeAPI->DateTimeType->tp_name,
                                PyDateTimeAPI->DeltaType->tp_name, PyDateTimeAPI->TZInfoType->tp_name,
                                PyObject_Repr((PyObject *)Py_TYPE(PyDateTime_TimeZone_UTC)));
    Py_DECREF(cap);
    Py_DECREF(utc);
    Py_DECREF(tzutc);
    Py_DECREF(tzu);
    Py_DECREF(minyear);
    Py_DECREF(maxyear);
    return r;
}

/* layout(): the struct sizes and offsets the macros rely on. */
static PyObject *layout(PyObject *self, PyObject *unused)
{
    return Py_BuildValue("(nnnnnnn)", (Py_ssize_t)sizeof(PyDateTime_Delta), (Py_ssize_t)sizeof(PyDateTime_Date),
                         (Py_ssize_t)sizeof(PyDateTime_Time), (Py_ssize_t)sizeof(PyDateTime_DateTime),
                         (Py_ssize_t)offsetof(PyDateTime_DateTime, tzinfo), (Py_ssize_t)offsetof(PyDateTime_Time, fold),
                         (Py_ssize_t)sizeof(PyDateTime_CAPI));
}

static PyMethodDef methods[] = {
    {"make", make, METH_O, NULL},
    {"show", show, METH_O, NULL},
    {"meth", meth, METH_VARARGS, NULL},
    {"get", get, METH_VARARGS, NULL},
    {"op", op, METH_VARARGS, NULL},
    {"samehash", samehash, METH_VARARGS, NULL},
    {"macros", macros, METH_O, NULL},
    {"capi_date", capi_date, METH_VARARGS, NULL},
    {"capi_datetime", capi_datetime, METH_VARARGS, NULL},
    {"capi_time", capi_time, METH_VARARGS, NULL},
    {"capi_delta", capi_delta, METH_VARARGS, NULL},
    {"capi_aware", capi_aware, METH_VARARGS, NULL},
    {"capi_timezone", capi_timezone, METH_VARARGS, NULL},
    {"capi_fromtimestamp", capi_fromtimestamp, METH_VARARGS, NULL},
    {"capi_datefromtimestamp", capi_datefromtimestamp, METH_VARARGS, NULL},
    {"capsule", capsule, METH_NOARGS, NULL},
    {"layout", layout, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "datetimes", NULL, 0, methods};

PyMODINIT_FUNC PyInit_datetimes(void)
{
    PyObject *m = PyModule_Create(&module);
#ifdef Py_GIL_DISABLED
    if (m != NULL) {
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    }
#endif
    return m;
}
