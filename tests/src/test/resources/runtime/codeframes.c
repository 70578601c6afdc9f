/* Code objects, frames and tracebacks built through the C-API the way Cython's traceback support builds them
   (PyCode_NewEmpty, PyFrame_New, PyTraceBack_Here), their accessors and fields, the traceback's printed form,
   and what the ceval.h queries answer when no Python frame is executing (asked from a thread created in C).
   KnownAnswerModulesTest compares the answers with CPython 3.13t's. */
#include <Python.h>
#include <frameobject.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The exception type's name, cleared: messages may hold addresses. */
static PyObject *error_name(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    PyObject *name = PyUnicode_FromString(Py_TYPE(exc)->tp_name);
    Py_DECREF(exc);
    return name;
}

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

static PyObject *or_error(PyObject *v)
{
    return v != NULL ? v : error_name();
}

static PyObject *location(PyCodeObject *co, int addr)
{
    int sl = -9, sc = -9, el = -9, ec = -9;
    int ok = PyCode_Addr2Location(co, addr, &sl, &sc, &el, &ec);
    return Py_BuildValue("(iiiii)", ok, sl, sc, el, ec);
}

static PyObject *empty_code(PyObject *self, PyObject *args)
{
    PyCodeObject *co = PyCode_NewEmpty("spam.pyx", "eggs", 42);
    if (co == NULL) {
        return NULL;
    }
    PyObject *fields = Py_BuildValue("(OOOiiiiiiiiiO)", co->co_filename, co->co_name, co->co_qualname,
            co->co_firstlineno, co->co_argcount, co->co_posonlyargcount, co->co_kwonlyargcount, co->co_flags,
            co->co_nlocalsplus, co->co_nlocals, co->co_ncellvars, co->co_nfreevars, co->co_linetable);
    PyObject *accessors = Py_BuildValue("(NNNNnO)", PyCode_GetCode(co), PyCode_GetVarnames(co),
            PyCode_GetCellvars(co), PyCode_GetFreevars(co), PyCode_GetNumFree(co), co->co_consts);
    PyObject *lines = Py_BuildValue("(iiiii)", PyCode_Addr2Line(co, 0), PyCode_Addr2Line(co, 1),
            PyCode_Addr2Line(co, 2), PyCode_Addr2Line(co, 4), PyCode_Addr2Line(co, -1));
    PyObject *locs = Py_BuildValue("(NNN)", location(co, 0), location(co, 2), location(co, 4));
    Py_DECREF(co);
    return Py_BuildValue("(NNNN)", fields, accessors, lines, locs);
}

/* A code object with arguments, cells and free variables, and a line table of two entries. */
static PyObject *full_code(PyObject *self, PyObject *args)
{
    PyObject *bytecode = PyBytes_FromStringAndSize("\x97\x00\x64\x00\x53\x00\x09\x00", 8);
    PyObject *consts = Py_BuildValue("(Os)", Py_None, "k");
    PyObject *names = Py_BuildValue("(s)", "glob");
    PyObject *varnames = Py_BuildValue("(sss)", "a", "b", "c");
    PyObject *freevars = Py_BuildValue("(s)", "f");
    PyObject *cellvars = Py_BuildValue("(s)", "b");
    PyObject *filename = PyUnicode_FromString("full.py");
    PyObject *name = PyUnicode_FromString("full");
    PyObject *qualname = PyUnicode_FromString("Outer.full");
    /* One-line entries: (code 10: same line, 1 unit, columns 1..5), then (code 11: next line, 2 units). */
    PyObject *linetable = PyBytes_FromStringAndSize("\xd0\x01\x05\xd9\x02\x06", 6);
    PyObject *exctable = PyBytes_FromStringAndSize("", 0);
    PyCodeObject *co = PyUnstable_Code_NewWithPosOnlyArgs(2, 1, 0, 3, 4, CO_OPTIMIZED | CO_NEWLOCALS, bytecode,
            consts, names, varnames, freevars, cellvars, filename, name, qualname, 10, linetable, exctable);
    PyObject *r;
    if (co == NULL) {
        r = error_text();
    } else {
        PyObject *lines = Py_BuildValue("(iiiiii)", PyCode_Addr2Line(co, 0), PyCode_Addr2Line(co, 2),
                PyCode_Addr2Line(co, 4), PyCode_Addr2Line(co, 6), PyCode_Addr2Line(co, 8),
                PyCode_Addr2Line(co, -1));
        r = Py_BuildValue("(OOiiiiiiiNNNNnNNN)", co->co_name, co->co_qualname, co->co_argcount,
                co->co_posonlyargcount, co->co_nlocalsplus, co->co_nlocals, co->co_ncellvars, co->co_nfreevars,
                co->co_stacksize, PyCode_GetCode(co), PyCode_GetVarnames(co), PyCode_GetCellvars(co),
                PyCode_GetFreevars(co), PyCode_GetNumFree(co), lines, location(co, 0), location(co, 4));
        Py_DECREF(co);
    }
    Py_DECREF(bytecode); Py_DECREF(consts); Py_DECREF(names); Py_DECREF(varnames); Py_DECREF(freevars);
    Py_DECREF(cellvars); Py_DECREF(filename); Py_DECREF(name); Py_DECREF(qualname); Py_DECREF(linetable);
    Py_DECREF(exctable);
    return r;
}

/* Every line-table entry form: short, long, no location, no columns (negative line delta). */
static PyObject *line_forms(PyObject *self, PyObject *args)
{
    PyCodeObject *co = PyCode_NewEmpty("l.py", "l", 20);
    if (co == NULL) {
        return NULL;
    }
    PyObject *table = PyBytes_FromStringAndSize("\x90\x34\xf0\x06\x01\x08\x03\xf8\xe8\x05", 10);
    PyObject *bytecode = PyBytes_FromStringAndSize("\x09\x00\x09\x00\x09\x00\x09\x00", 8);
    PyObject *empty = PyTuple_New(0);
    PyObject *exctable = PyBytes_FromStringAndSize("", 0);
    PyCodeObject *c = PyUnstable_Code_New(0, 0, 0, 0, 0, bytecode, empty, empty, empty, empty, empty,
            co->co_filename, co->co_name, co->co_name, 20, table, exctable);
    Py_DECREF(co);
    Py_DECREF(table);
    Py_DECREF(bytecode);
    Py_DECREF(empty);
    Py_DECREF(exctable);
    if (c == NULL) {
        return error_text();
    }
    PyObject *r = Py_BuildValue("((iiiiii)(NNNNNN))", PyCode_Addr2Line(c, 0), PyCode_Addr2Line(c, 2),
            PyCode_Addr2Line(c, 4), PyCode_Addr2Line(c, 6), PyCode_Addr2Line(c, 8), PyCode_Addr2Line(c, 3),
            location(c, 0), location(c, 2), location(c, 4), location(c, 6), location(c, 8), location(c, -1));
    Py_DECREF(c);
    return r;
}

/* Wrong arguments to the code constructors. */
static PyObject *bad_code(PyObject *self, PyObject *args)
{
    PyObject *empty = PyTuple_New(0);
    PyObject *bytes = PyBytes_FromStringAndSize("", 0);
    PyObject *name = PyUnicode_FromString("n");
    PyObject *notuple = PyLong_FromLong(1);
    PyObject *r1 = (PyObject *)PyUnstable_Code_New(0, 0, 0, 0, 0, bytes, empty, empty, notuple, empty, empty,
            name, name, name, 1, bytes, bytes);
    r1 = r1 ? r1 : error_name();
    PyObject *r2 = (PyObject *)PyUnstable_Code_New(-1, 0, 0, 0, 0, bytes, empty, empty, empty, empty, empty,
            name, name, name, 1, bytes, bytes);
    r2 = r2 ? r2 : error_name();
    PyObject *r3 = (PyObject *)PyUnstable_Code_New(0, 0, 0, 0, 0, bytes, empty, empty, empty, empty, empty,
            notuple, name, name, 1, bytes, bytes);
    r3 = r3 ? r3 : error_name();
    PyObject *r4 = (PyObject *)PyUnstable_Code_NewWithPosOnlyArgs(1, 2, 0, 0, 0, 0, bytes, empty, empty, empty,
            empty, empty, name, name, name, 1, bytes, bytes);
    r4 = r4 ? r4 : error_name();
    PyObject *r6 = (PyObject *)PyUnstable_Code_New(0, 0, 0, 0, 0, bytes, empty, empty, empty, empty, empty,
            name, name, NULL, 1, bytes, bytes);
    r6 = r6 ? r6 : error_name();
    PyCodeObject *odd = PyCode_NewEmpty("a\xff.py", "n", 1);
    PyObject *oddname = odd ? Py_NewRef(odd->co_filename) : error_name();
    Py_XDECREF(odd);
    PyObject *r5 = (PyObject *)PyCode_NewEmpty("f", "n", 1);
    int extra_index = (int)PyUnstable_Eval_RequestCodeExtraIndex(NULL);
    void *extra = (void *)1;
    int g0 = PyUnstable_Code_GetExtra(r5, extra_index, &extra);
    PyObject *got0 = PyLong_FromLong(extra == NULL);
    int s1 = PyUnstable_Code_SetExtra(r5, extra_index, (void *)0x1234);
    int g1 = PyUnstable_Code_GetExtra(r5, extra_index, &extra);
    PyObject *got1 = PyLong_FromVoidPtr(extra);
    int s2 = PyUnstable_Code_SetExtra(r5, extra_index + 1, NULL);
    PyObject *e2 = error_name();
    int g2 = PyUnstable_Code_GetExtra(empty, 0, &extra);
    PyObject *e3 = error_name();
    int g3 = PyUnstable_Code_GetExtra(r5, 200, &extra);
    PyObject *got3 = PyLong_FromLong(extra == NULL);
    Py_DECREF(r5);
    PyObject *extras = Py_BuildValue("(iNiiNiNiNiN)", g0, got0, s1, g1, got1, s2, e2, g2, e3, g3, got3);
    PyObject *r = Py_BuildValue("(NNNNNNN)", r1, r2, r3, r4, extras, r6, oddname);
    Py_DECREF(empty); Py_DECREF(bytes); Py_DECREF(name); Py_DECREF(notuple);
    return r;
}

static PyObject *frame_fields(PyFrameObject *f)
{
    PyObject *code = (PyObject *)PyFrame_GetCode(f);
    PyObject *back = (PyObject *)PyFrame_GetBack(f);
    PyObject *globals = PyFrame_GetGlobals(f);
    PyObject *gen = PyFrame_GetGenerator(f);
    PyObject *locals = PyFrame_GetLocals(f);
    PyObject *r = Py_BuildValue("(OiiOONNN)", ((PyCodeObject *)code)->co_name, PyFrame_GetLineNumber(f),
            PyFrame_GetLasti(f), back ? back : Py_None, gen ? gen : Py_None,
            PyUnicode_FromString(globals ? Py_TYPE(globals)->tp_name : "NULL"),
            PyUnicode_FromString(locals ? Py_TYPE(locals)->tp_name : "NULL"),
            locals ? PyObject_Repr(locals) : error_name());
    Py_DECREF(code);
    Py_XDECREF(back);
    Py_XDECREF(globals);
    Py_XDECREF(gen);
    Py_XDECREF(locals);
    return r;
}

static PyObject *the_module;

static PyObject *traceback(PyObject *self, PyObject *args)
{
    PyObject *globals = PyDict_New();
    PyCodeObject *inner = PyCode_NewEmpty("spam.pyx", "eggs", 42);
    PyCodeObject *outer = PyCode_NewEmpty("spam.pyx", "toast", 7);
    PyThreadState *ts = PyThreadState_Get();
    PyFrameObject *f1 = PyFrame_New(ts, inner, globals, NULL);
    PyFrameObject *f2 = PyFrame_New(ts, outer, globals, NULL);
    PyObject *before = Py_BuildValue("(NN)", frame_fields(f1), frame_fields(f2));
    PyErr_SetString(PyExc_ValueError, "boom");
    int here1 = PyTraceBack_Here(f1);
    int here2 = PyTraceBack_Here(f2);
    PyObject *exc = PyErr_GetRaisedException();
    PyTracebackObject *tb = (PyTracebackObject *)PyException_GetTraceback(exc);
    PyObject *chain = PyList_New(0);
    for (PyTracebackObject *t = tb; t != NULL; t = t->tb_next) {
        PyCodeObject *c = PyFrame_GetCode(t->tb_frame);
        PyObject *entry = Py_BuildValue("(OOii)", c->co_filename, c->co_name, t->tb_lasti, t->tb_lineno);
        PyList_Append(chain, entry);
        Py_DECREF(entry);
        Py_DECREF(c);
    }
    PyObject *out = PyList_New(0);
    PyObject_SetAttrString(the_module, "sink", out);
    int printed = PyTraceBack_Print((PyObject *)tb, the_module);
    PyObject *text = printed == 0 ? PyUnicode_Join(PyUnicode_FromString(""), out) : error_text();
    PyObject *notb = PyTraceBack_Print(Py_None, the_module) < 0 ? error_name() : PyUnicode_FromString("ok");
    PyObject *nulltb = PyLong_FromLong(PyTraceBack_Print(NULL, the_module));
    PyObject *lo = PyFrame_GetLocals(f1);
    PyObject *lo2 = PyFrame_GetLocals(f1);
    PyObject *locals_same = Py_BuildValue("(ii)", lo == globals, lo == lo2);
    Py_DECREF(lo);
    Py_DECREF(lo2);
    PyObject *r = Py_BuildValue("(NiiiNNNNNN)", before, here1, here2, (PyObject *)tb->tb_frame == (PyObject *)f2,
            chain, text, notb, nulltb, PyUnicode_FromString(Py_TYPE(tb)->tp_name), locals_same);
    Py_DECREF(out);
    Py_DECREF(tb);
    Py_DECREF(exc);
    Py_DECREF(f1);
    Py_DECREF(f2);
    Py_DECREF(inner);
    Py_DECREF(outer);
    Py_DECREF(globals);
    return r;
}

static PyObject *sink_write(PyObject *self, PyObject *s)
{
    PyObject *sink = PyObject_GetAttrString(self, "sink");
    if (sink == NULL) {
        return NULL;
    }
    int rc = PyList_Append(sink, s);
    Py_DECREF(sink);
    return rc < 0 ? NULL : Py_NewRef(Py_None);
}

/* Frame variables: a frame from PyFrame_New with explicit locals. */
static PyObject *frame_vars(PyObject *self, PyObject *args)
{
    PyObject *globals = PyDict_New();
    PyObject *locals = Py_BuildValue("{s:i}", "x", 5);
    PyCodeObject *co = PyCode_NewEmpty("v.py", "v", 3);
    PyFrameObject *f = PyFrame_New(PyThreadState_Get(), co, globals, locals);
    PyObject *x = PyFrame_GetVarString(f, "x");
    x = x ? x : error_text();
    PyObject *name = PyUnicode_FromString("y");
    PyObject *y = PyFrame_GetVar(f, name);
    PyObject *yerr = y ? y : error_text();
    PyObject *notstr = PyLong_FromLong(3);
    PyObject *z = PyFrame_GetVar(f, notstr);
    PyObject *zerr = z ? z : error_text();
    PyObject *lo = PyFrame_GetLocals(f);
    PyObject *r = Py_BuildValue("(NNNNi)", or_error(x), yerr, zerr, PyUnicode_FromString(Py_TYPE(lo)->tp_name),
            lo == locals);
    Py_DECREF(lo);
    Py_DECREF(name);
    Py_DECREF(notstr);
    Py_DECREF(f);
    Py_DECREF(co);
    Py_DECREF(locals);
    Py_DECREF(globals);
    return r;
}

/* The interpreter frame a PyFrame_New frame holds (f_frame, at offset 40 in 3.13t's private PyFrameObject). */
static PyObject *interpreter_frame(PyObject *self, PyObject *args)
{
    PyObject *globals = PyDict_New();
    PyCodeObject *co = PyCode_NewEmpty("i.py", "i", 11);
    PyFrameObject *f = PyFrame_New(PyThreadState_Get(), co, globals, NULL);
    struct _PyInterpreterFrame *iframe = *(struct _PyInterpreterFrame **)((char *)f + 40);
    PyObject *code = PyUnstable_InterpreterFrame_GetCode(iframe);
    PyObject *optimized = PyCode_Optimize((PyObject *)co, Py_None, Py_None, Py_None);
    PyObject *r = Py_BuildValue("(iiii)", code == (PyObject *)co, PyUnstable_InterpreterFrame_GetLasti(iframe),
            PyUnstable_InterpreterFrame_GetLine(iframe), optimized == (PyObject *)co);
    Py_XDECREF(code);
    Py_XDECREF(optimized);
    Py_DECREF(f);
    Py_DECREF(co);
    Py_DECREF(globals);
    return r;
}

/* The text with every occurrence of `what` replaced by `with` (the temporary file's path is not stable). */
static PyObject *replaced(PyObject *text, const char *what, const char *with)
{
    const char *s = PyUnicode_AsUTF8(text);
    char out[4096];
    size_t n = 0, wl = strlen(what), tl = strlen(with);
    while (*s && n + tl + 1 < sizeof(out)) {
        if (strncmp(s, what, wl) == 0) {
            memcpy(out + n, with, tl);
            n += tl;
            s += wl;
        } else {
            out[n++] = *s++;
        }
    }
    out[n] = 0;
    return PyUnicode_FromString(out);
}

/* PyTraceBack_Print with source lines read from the file, and five entries of one line folded after three. */
static PyObject *print_source(PyObject *self, PyObject *args)
{
    char path[] = "/tmp/codeframes_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    const char *src = "def first():\n    \t  second()  \n\n        return 3\n";
    if (write(fd, src, strlen(src)) < 0) {
        close(fd);
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    close(fd);
    PyObject *globals = PyDict_New();
    PyCodeObject *c2 = PyCode_NewEmpty(path, "second", 2);
    PyCodeObject *c4 = PyCode_NewEmpty(path, "deep", 4);
    PyCodeObject *c9 = PyCode_NewEmpty(path, "beyond", 9);
    PyCodeObject *order[] = {c9, c4, c4, c4, c4, c4, c2};
    PyFrameObject *frames[7];
    for (int i = 0; i < 7; i++) {
        frames[i] = PyFrame_New(PyThreadState_Get(), order[i], globals, NULL);
    }
    /* With an exception set, PyFrame_New fails when globals have no __builtins__ (CPython cannot tell its
       lookup's miss from an error then); Cython fetches the exception first for that reason. */
    PyErr_SetString(PyExc_KeyError, "k");
    PyFrameObject *refused = PyFrame_New(PyThreadState_Get(), c2, globals, NULL);
    PyObject *refusal = PyUnicode_FromString(refused == NULL && PyErr_ExceptionMatches(PyExc_KeyError)
            ? "refused, KeyError kept" : "made");
    Py_XDECREF(refused);
    for (int i = 0; i < 7; i++) {
        PyTraceBack_Here(frames[i]);
        Py_DECREF(frames[i]);
    }
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *tb = PyException_GetTraceback(exc);
    PyObject *out = PyList_New(0);
    PyObject_SetAttrString(the_module, "sink", out);
    PyTraceBack_Print(tb, the_module);
    PyObject *pieces = PyLong_FromSsize_t(PyList_GET_SIZE(out));
    PyObject *empty = PyUnicode_FromString("");
    PyObject *joined = PyUnicode_Join(empty, out);
    Py_DECREF(empty);
    PyObject *text = replaced(joined, path, "<tmp>");
    unlink(path);
    Py_DECREF(joined);
    Py_DECREF(out);
    Py_DECREF(tb);
    Py_DECREF(exc);
    Py_DECREF(c2);
    Py_DECREF(c4);
    Py_DECREF(c9);
    Py_DECREF(globals);
    return Py_BuildValue("(NNN)", text, pieces, refusal);
}

static PyObject *no_frame_answers;

static PyObject *no_frame_queries(void)
{
    PyObject *frame = (PyObject *)PyEval_GetFrame();
    PyObject *tsframe = (PyObject *)PyThreadState_GetFrame(PyThreadState_Get());
    PyObject *globals = PyEval_GetGlobals();
    PyObject *gerr = globals ? Py_NewRef(globals) : error_name();
    PyObject *locals = PyEval_GetLocals();
    PyObject *lerr = locals ? Py_NewRef(locals) : error_text();
    PyObject *fglobals = PyEval_GetFrameGlobals();
    PyObject *fgerr = fglobals ? fglobals : error_name();
    PyObject *flocals = PyEval_GetFrameLocals();
    PyObject *flerr = flocals ? flocals : error_text();
    PyCompilerFlags none = {0, 0}, some = {0x2000, 0};
    int merged0 = PyEval_MergeCompilerFlags(&none);
    int merged1 = PyEval_MergeCompilerFlags(&some);
    return Py_BuildValue("(OONNNNiiii)", frame ? frame : Py_None, tsframe ? tsframe : Py_None, gerr, lerr, fgerr,
            flerr, merged0, merged1, none.cf_flags, some.cf_flags);
}

static void *thread_main(void *arg)
{
    PyGILState_STATE g = PyGILState_Ensure();
    no_frame_answers = no_frame_queries();
    PyGILState_Release(g);
    return NULL;
}

static PyObject *no_frame(PyObject *self, PyObject *args)
{
    pthread_t t;
    Py_BEGIN_ALLOW_THREADS
    pthread_create(&t, NULL, thread_main, NULL);
    pthread_join(t, NULL);
    Py_END_ALLOW_THREADS
    PyObject *r = no_frame_answers;
    no_frame_answers = NULL;
    return r;
}

static PyObject *func_names(PyObject *self, PyObject *args)
{
    PyObject *cfunc = PyObject_GetAttrString(self, "func_names");
    PyObject *n = PyLong_FromLong(4);
    PyObject *r = Py_BuildValue("(ssssssss)", PyEval_GetFuncName(cfunc), PyEval_GetFuncDesc(cfunc),
            PyEval_GetFuncName((PyObject *)&PyLong_Type), PyEval_GetFuncDesc((PyObject *)&PyLong_Type),
            PyEval_GetFuncName(n), PyEval_GetFuncDesc(n), PyEval_GetFuncName(self), PyEval_GetFuncDesc(self));
    Py_DECREF(cfunc);
    Py_DECREF(n);
    return r;
}

static PyObject *recursion_limit(PyObject *self, PyObject *args)
{
    int before = Py_GetRecursionLimit();
    Py_SetRecursionLimit(123);
    int during = Py_GetRecursionLimit();
    Py_SetRecursionLimit(before);
    return Py_BuildValue("(iii)", before, during, Py_GetRecursionLimit());
}

/* Code watchers: 4 C threads create and drop 500 code objects each while a watcher counts the events. */
static _Atomic long code_created, code_destroyed;

static int count_code_events(PyCodeEvent event, PyCodeObject *co)
{
    if (event == PY_CODE_EVENT_CREATE) {
        code_created++;
    } else if (event == PY_CODE_EVENT_DESTROY) {
        code_destroyed++;
    }
    return 0;
}

static void *code_churn(void *arg)
{
    PyGILState_STATE g = PyGILState_Ensure();
    for (int i = 0; i < 500; i++) {
        PyCodeObject *co = PyCode_NewEmpty("w.py", "w", i + 1);
        Py_XDECREF(co);
    }
    PyGILState_Release(g);
    return NULL;
}

static PyObject *code_watchers(PyObject *self, PyObject *args)
{
    code_created = code_destroyed = 0;
    int id = PyCode_AddWatcher(count_code_events);
    if (id < 0) {
        return NULL;
    }
    pthread_t t[4];
    Py_BEGIN_ALLOW_THREADS
    for (int i = 0; i < 4; i++) {
        pthread_create(&t[i], NULL, code_churn, NULL);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
    }
    Py_END_ALLOW_THREADS
    long created = code_created, destroyed = code_destroyed;
    int cleared = PyCode_ClearWatcher(id);
    PyObject *again = PyCode_ClearWatcher(id) < 0 ? error_text() : PyUnicode_FromString("cleared twice");
    PyObject *invalid = PyCode_ClearWatcher(8) < 0 ? error_text() : PyUnicode_FromString("cleared 8");
    PyCodeObject *after = PyCode_NewEmpty("w.py", "w", 1);
    Py_XDECREF(after);
    int ids[9], n = 0;
    for (; n < 9; n++) {
        ids[n] = PyCode_AddWatcher(count_code_events);
        if (ids[n] < 0) {
            break;
        }
    }
    PyObject *full = error_text();
    for (int i = 0; i < n; i++) {
        PyCode_ClearWatcher(ids[i]);
    }
    return Py_BuildValue("(llliNNiN)", created, destroyed, code_created, cleared, again, invalid, n, full);
}

static PyMethodDef methods[] = {
    {"code_watchers", code_watchers, METH_NOARGS, NULL},
    {"empty_code", empty_code, METH_NOARGS, NULL},
    {"full_code", full_code, METH_NOARGS, NULL},
    {"line_forms", line_forms, METH_NOARGS, NULL},
    {"bad_code", bad_code, METH_NOARGS, NULL},
    {"traceback", traceback, METH_NOARGS, NULL},
    {"write", sink_write, METH_O, NULL},
    {"interpreter_frame", interpreter_frame, METH_NOARGS, NULL},
    {"print_source", print_source, METH_NOARGS, NULL},
    {"frame_vars", frame_vars, METH_NOARGS, NULL},
    {"no_frame", no_frame, METH_NOARGS, NULL},
    {"func_names", func_names, METH_NOARGS, NULL},
    {"recursion_limit", recursion_limit, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moddef = {PyModuleDef_HEAD_INIT, "codeframes", NULL, -1, methods};

PyMODINIT_FUNC PyInit_codeframes(void)
{
    PyObject *m = PyModule_Create(&moddef);
#ifdef Py_GIL_DISABLED
    if (m != NULL) {
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    }
#endif
    the_module = m;
    return m;
}
