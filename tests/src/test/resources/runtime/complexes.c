/* complexobject.h and complex through the number protocol: arithmetic mixed with int and float (PyNumber_*),
   Smith's division, integer and general powers, abs, hashes, ==, repr of signed zeros, NaNs and infinities,
   complex(...) from numbers, strings (the parser's rules and errors) and __complex__ objects, the methods and
   members, PyComplex_* including the by-value Py_complex pair. Results come back as reprs (shortest round-trip
   digits, so bit-exact); errors as "Type: message". KnownAnswerModulesTest compares them with CPython 3.13's. */
#include <Python.h>
#include <math.h>

static PyObject *error_text(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    PyObject *r = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

/* repr(o) (stolen), or the error that left o NULL. */
static PyObject *rep(PyObject *o)
{
    if (o == NULL) {
        return error_text();
    }
    PyObject *r = PyObject_Repr(o);
    Py_DECREF(o);
    return r != NULL ? r : error_text();
}

#define ADD(expr) do { PyObject *v_ = rep(expr); PyList_Append(out, v_); Py_DECREF(v_); } while (0)

static PyObject *finish(PyObject *out)
{
    PyObject *t = PyList_AsTuple(out);
    Py_DECREF(out);
    return t;
}

static PyObject *cx(double re, double im)
{
    return PyComplex_FromDoubles(re, im);
}

/* A double result, or NULL when it reports an error. */
static PyObject *dbl(double v)
{
    return v == -1.0 && PyErr_Occurred() ? NULL : PyFloat_FromDouble(v);
}

static PyObject *bool_of(int r)
{
    if (r < 0) {
        return NULL;
    }
    return PyBool_FromLong(r);
}

/* a op b for a = ar+ai*j and b = br+bi*j, and a with b's real part as float and as int. */
static PyObject *ops(PyObject *self, PyObject *args)
{
    double ar, ai, br, bi;
    if (!PyArg_ParseTuple(args, "dddd", &ar, &ai, &br, &bi)) {
        return NULL;
    }
    PyObject *out = PyList_New(0);
    PyObject *a = cx(ar, ai), *b = cx(br, bi), *f = PyFloat_FromDouble(br), *n = PyLong_FromDouble(br);
    ADD(PyNumber_Add(a, b));
    ADD(PyNumber_Subtract(a, b));
    ADD(PyNumber_Multiply(a, b));
    ADD(PyNumber_TrueDivide(a, b));
    ADD(PyNumber_Power(a, b, Py_None));
    ADD(PyNumber_Add(a, f));
    ADD(PyNumber_Add(f, a));
    ADD(PyNumber_Subtract(f, a));
    ADD(PyNumber_Multiply(n, a));
    ADD(PyNumber_TrueDivide(a, f));
    ADD(PyNumber_TrueDivide(n, a));
    ADD(PyNumber_Power(a, n, Py_None));
    ADD(PyNumber_Power(n, a, Py_None));
    ADD(PyNumber_Power(a, f, Py_None));
    ADD(PyNumber_Negative(a));
    ADD(PyNumber_Positive(a));
    ADD(PyNumber_Absolute(a));
    ADD(bool_of(PyObject_IsTrue(a)));
    ADD(PyObject_RichCompare(a, b, Py_EQ));
    ADD(PyObject_RichCompare(a, b, Py_NE));
    ADD(PyObject_RichCompare(a, f, Py_EQ));
    ADD(PyObject_RichCompare(f, a, Py_EQ));
    ADD(PyObject_RichCompare(n, a, Py_NE));
    Py_hash_t h = PyObject_Hash(a);
    ADD(h == -1 && PyErr_Occurred() ? NULL : PyLong_FromSsize_t(ai != ai || ar != ar ? 0 : h));
    ADD(PyObject_Str(a));
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(f);
    Py_DECREF(n);
    return finish(out);
}

/* complex(s) for a string. */
static PyObject *parse(PyObject *self, PyObject *s)
{
    return rep(PyObject_CallOneArg((PyObject *)&PyComplex_Type, s));
}

/* complex(*args, **kwargs). */
static PyObject *make(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return rep(PyObject_Call((PyObject *)&PyComplex_Type, args, kwargs));
}

static PyObject *special(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0);
    double inf = INFINITY, nan = NAN;
    ADD(cx(1, 2));
    ADD(cx(0, 1));
    ADD(cx(0, -0.0));
    ADD(cx(-0.0, 0));
    ADD(cx(-0.0, -0.0));
    ADD(cx(0.0, 0.0));
    ADD(cx(-0.0, 1));
    ADD(cx(nan, inf));
    ADD(cx(1, nan));
    ADD(cx(1, -nan));
    ADD(cx(-inf, -inf));
    ADD(cx(1e16, 1e-5));
    ADD(cx(1e300, -2.5e-300));
    ADD(cx(0.1, 0.2));
    ADD(cx(123456789.0, -1.0 / 3));
    PyObject *z = cx(1.5, -2.25);
    ADD(PyLong_FromSsize_t(PyObject_Hash(z)));
    ADD(dbl(PyComplex_RealAsDouble(z)));
    ADD(dbl(PyComplex_ImagAsDouble(z)));
    Py_complex c = PyComplex_AsCComplex(z);
    ADD(Py_BuildValue("(dd)", c.real, c.imag));
    c.real = -4.0;
    c.imag = 0.5;
    ADD(PyComplex_FromCComplex(c));
    ADD(PyObject_CallMethod(z, "conjugate", NULL));
    ADD(PyObject_CallMethod(z, "__getnewargs__", NULL));
    ADD(PyObject_CallMethod(z, "__complex__", NULL));
    ADD(PyObject_CallMethod(z, "conjugate", "i", 1));
    ADD(PyObject_GetAttrString(z, "real"));
    ADD(PyObject_GetAttrString(z, "imag"));
    ADD(PyObject_SetAttrString(z, "real", Py_None) < 0 ? NULL : Py_NewRef(Py_None));
    ADD(PyObject_CallMethod(z, "__lt__", "O", z));
    ADD(PyObject_CallMethod(z, "__add__", "s", "a"));
    ADD(PyObject_CallMethod(z, "__radd__", "i", 2));
    ADD(PyObject_CallMethod(z, "__rsub__", "d", 0.5));
    ADD(PyObject_CallMethod(z, "__rtruediv__", "i", 1));
    ADD(PyObject_CallMethod(z, "__pow__", "i", 2));
    ADD(PyObject_CallMethod(z, "__rpow__", "i", 2));
    ADD(PyObject_CallMethod(z, "__pow__", "ii", 2, 3));
    ADD(PyObject_CallMethod(z, "__eq__", "d", 1.5));
    ADD(PyObject_CallMethod(z, "__ne__", "O", z));
    ADD(PyObject_CallMethod(z, "__hash__", NULL));
    ADD(PyObject_CallMethod(z, "__abs__", NULL));
    ADD(PyObject_CallMethod(z, "__bool__", NULL));
    ADD(PyObject_CallMethod(z, "__format__", "s", ""));
    ADD(PyObject_RichCompare(z, z, Py_LT));
    ADD(PyNumber_FloorDivide(z, z));
    ADD(PyNumber_Remainder(z, z));
    ADD(PyNumber_Divmod(z, z));
    ADD(PyNumber_Long(z));
    ADD(PyNumber_Float(z));
    ADD(PyNumber_Invert(z));
    ADD(PyNumber_Add(z, Py_None));
    ADD(PyNumber_Power(z, z, PyLong_FromLong(3)));
    ADD(PyLong_FromLong(PyNumber_Check(z)));
    ADD(PyLong_FromLong(PyIndex_Check(z)));
    ADD(PyLong_FromLong(PyComplex_Check(z)));
    ADD(PyLong_FromLong(PyComplex_CheckExact(z)));
    ADD(dbl(PyFloat_AsDouble(z)));
    Py_DECREF(z);
    /* non-complex arguments of the PyComplex_* readers */
    PyObject *i = PyLong_FromLong(7), *f = PyFloat_FromDouble(2.5), *s = PyUnicode_FromString("x");
    ADD(dbl(PyComplex_RealAsDouble(i)));
    ADD(dbl(PyComplex_ImagAsDouble(i)));
    ADD(dbl(PyComplex_RealAsDouble(f)));
    ADD(dbl(PyComplex_ImagAsDouble(f)));
    double bad = PyComplex_RealAsDouble(s);
    ADD(bad == -1.0 && PyErr_Occurred() ? NULL : PyFloat_FromDouble(bad));
    bad = PyComplex_ImagAsDouble(s);
    ADD(bad == -1.0 && PyErr_Occurred() ? NULL : PyFloat_FromDouble(bad));
    c = PyComplex_AsCComplex(i);
    ADD(Py_BuildValue("(dd)", c.real, c.imag));
    c = PyComplex_AsCComplex(s);
    ADD(c.real == -1.0 && PyErr_Occurred() ? NULL : Py_BuildValue("(dd)", c.real, c.imag));
    /* exact comparison with ints, including ones a double cannot hold */
    PyObject *big = PyLong_FromString("9007199254740993", NULL, 10), *bigc = cx(9007199254740992.0, 0);
    ADD(PyObject_RichCompare(bigc, big, Py_EQ));
    ADD(PyObject_RichCompare(big, bigc, Py_EQ));
    ADD(PyObject_RichCompare(bigc, i, Py_EQ));
    ADD(PyObject_RichCompare(i, cx(7, 0), Py_EQ));
    ADD(PyObject_RichCompare(i, cx(7, 1), Py_EQ));
    PyObject *huge = PyLong_FromString("1" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
        "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
        "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
        "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
        "0000000000" "0000000000" "0000000000", NULL, 10);
    ADD(PyNumber_Add(bigc, huge));
    ADD(PyObject_CallOneArg((PyObject *)&PyComplex_Type, huge));
    ADD(PyObject_RichCompare(cx(inf, 0), huge, Py_EQ));
    Py_DECREF(big);
    Py_DECREF(bigc);
    Py_DECREF(huge);
    Py_DECREF(i);
    Py_DECREF(f);
    Py_DECREF(s);
    ADD(PyNumber_Absolute(cx(1e308, 1e308)));
    ADD(PyNumber_Absolute(cx(1.7e308, 1.7e308)));
    ADD(PyNumber_Absolute(cx(inf, nan)));
    ADD(PyNumber_Absolute(cx(nan, 1)));
    ADD(PyNumber_Absolute(cx(3, 4)));
    ADD(PyNumber_Absolute(cx(5e-324, 5e-324)));
    ADD(PyNumber_TrueDivide(cx(1, 1), cx(0, 0)));
    ADD(PyNumber_TrueDivide(cx(1, 1), PyLong_FromLong(0)));
    ADD(PyNumber_TrueDivide(cx(inf, 0), cx(nan, 1)));
    ADD(PyNumber_TrueDivide(cx(1, 1), cx(inf, inf)));
    ADD(PyNumber_TrueDivide(cx(1e308, 1e308), cx(1e-308, 1e-308)));
    ADD(PyNumber_TrueDivide(cx(1, 2), cx(3, 4)));
    ADD(PyNumber_TrueDivide(cx(1, 2), cx(4, 3)));
    ADD(PyNumber_Multiply(cx(1e308, 1e308), cx(1e308, 1e308)));
    ADD(PyNumber_Multiply(cx(inf, inf), cx(1, 0)));
    ADD(PyNumber_Power(cx(0, 0), PyLong_FromLong(-1), Py_None));
    ADD(PyNumber_Power(cx(0, 0), cx(0, 1), Py_None));
    ADD(PyNumber_Power(cx(0, 0), cx(0, 0), Py_None));
    ADD(PyNumber_Power(cx(0, 0), cx(2, 0), Py_None));
    ADD(PyNumber_Power(cx(0, 0), cx(2.5, 0), Py_None));
    ADD(PyNumber_Power(cx(1e200, 0), PyLong_FromLong(2), Py_None));
    ADD(PyNumber_Power(cx(1, 1), PyFloat_FromDouble(inf), Py_None));
    ADD(PyNumber_Power(cx(1, 1), cx(0, inf), Py_None));
    ADD(PyNumber_Power(cx(1, 0), PyFloat_FromDouble(-inf), Py_None));
    ADD(PyNumber_Power(cx(1, 1), cx(1e308, 0), Py_None));
    ADD(PyNumber_Power(cx(0.5, 0.5), PyFloat_FromDouble(1e308), Py_None));
    ADD(PyNumber_Power(cx(inf, 0), PyFloat_FromDouble(0.5), Py_None));
    ADD(PyNumber_Power(cx(1, 2), PyLong_FromLong(100), Py_None));
    ADD(PyNumber_Power(cx(1, 2), PyLong_FromLong(101), Py_None));
    ADD(PyNumber_Power(cx(1, 2), PyLong_FromLong(-7), Py_None));
    ADD(PyNumber_Power(cx(1.1, -0.3), PyFloat_FromDouble(100.0), Py_None));
    ADD(PyNumber_Power(cx(1.1, -0.3), PyFloat_FromDouble(100.5), Py_None));
    ADD(PyNumber_Power(cx(0, 1), cx(1e10, 0), Py_None));
    ADD(PyNumber_Power(cx(2, 0), PyFloat_FromDouble(-1074.5), Py_None));
    ADD(PyNumber_Power(PyLong_FromLong(2), cx(0, 1), Py_None));
    ADD(PyNumber_Power(PyLong_FromLong(-8), cx(1.0 / 3, 0), Py_None));
    ADD(PyNumber_Power(cx(3, 4), cx(-2, 0), Py_None));
    ADD(PyNumber_Power(cx(3, 4), cx(0.25, -1.5), Py_None));
    ADD(PyNumber_Power(PyFloat_FromDouble(-1.0), PyFloat_FromDouble(0.5), Py_None));
    return finish(out);
}

static PyObject *with_complex(PyObject *self, PyObject *args)
{
    double re, im;
    if (!PyArg_ParseTuple(args, "dd", &re, &im)) {
        return NULL;
    }
    return PyComplex_FromDoubles(re, im);
}

static PyMethodDef methods[] = {
    {"ops", ops, METH_VARARGS, NULL},
    {"parse", parse, METH_O, NULL},
    {"make", (PyCFunction)(void (*)(void))make, METH_VARARGS | METH_KEYWORDS, NULL},
    {"special", special, METH_NOARGS, NULL},
    {"with_complex", with_complex, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "complexes", NULL, 0, methods};

PyMODINIT_FUNC PyInit_complexes(void)
{
    return PyModule_Create(&module);
}
