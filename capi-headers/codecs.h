/* Codec registry access. */
#ifndef Py_CODECREGISTRY_H
#define Py_CODECREGISTRY_H

PyAPI_FUNC(PyObject *) PyCodec_Encode(PyObject *object, const char *encoding, const char *errors);
PyAPI_FUNC(PyObject *) PyCodec_Decode(PyObject *object, const char *encoding, const char *errors);
PyAPI_FUNC(int) PyCodec_KnownEncoding(const char *encoding);
PyAPI_FUNC(PyObject *) PyCodec_LookupError(const char *name);
PyAPI_FUNC(PyObject *) PyCodec_StrictErrors(PyObject *exc);
PyAPI_FUNC(PyObject *) PyCodec_IgnoreErrors(PyObject *exc);
PyAPI_FUNC(PyObject *) PyCodec_ReplaceErrors(PyObject *exc);

PyAPI_DATA(const char *) Py_hexdigits;

/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */
PyAPI_FUNC(int) PyCodec_Register(PyObject *);
PyAPI_FUNC(int) PyCodec_Unregister(PyObject *);
PyAPI_FUNC(PyObject *) PyCodec_Encoder(const char *);
PyAPI_FUNC(PyObject *) PyCodec_Decoder(const char *);
PyAPI_FUNC(PyObject *) PyCodec_IncrementalEncoder(const char *, const char *);
PyAPI_FUNC(PyObject *) PyCodec_IncrementalDecoder(const char *, const char *);
PyAPI_FUNC(PyObject *) PyCodec_StreamReader(const char *, PyObject *, const char *);
PyAPI_FUNC(PyObject *) PyCodec_StreamWriter(const char *, PyObject *, const char *);
PyAPI_FUNC(int) PyCodec_RegisterError(const char *, PyObject *);
PyAPI_FUNC(PyObject *) PyCodec_XMLCharRefReplaceErrors(PyObject *);
PyAPI_FUNC(PyObject *) PyCodec_BackslashReplaceErrors(PyObject *);
PyAPI_FUNC(PyObject *) PyCodec_NameReplaceErrors(PyObject *);

#endif
