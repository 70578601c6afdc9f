/* datetime.h: the datetime C-API. Not included by Python.h; an extension includes it itself and calls
   PyDateTime_IMPORT once, which imports the datetime module and reads the capsule datetime.datetime_CAPI.
   Object layouts, the capsule struct and the macros match CPython 3.13 member for member, so code compiled here
   reads the runtime's date, time, datetime and timedelta objects (native-bridge/src/bridge_datetime.c) the same
   way it reads CPython's. Nothing here exists under the limited API. */
#ifndef Py_LIMITED_API
#ifndef FTCHECK_DATETIME_H
#define FTCHECK_DATETIME_H
#ifdef __cplusplus
extern "C" {
#endif

/* The date and time fields are stored as unsigned bytes, big-endian where a field takes more than one:
   year (bytes 0-1), month (2), day (3), then for a datetime hour (4), minute (5), second (6) and microsecond
   (7-9). A time object keeps hour, minute, second (0-2) and microsecond (3-5). */
#define _PyDateTime_DATE_DATASIZE 4
#define _PyDateTime_TIME_DATASIZE 6
#define _PyDateTime_DATETIME_DATASIZE 10

/* timedelta: always normalised, with 0 <= seconds < 86400, 0 <= microseconds < 1000000 and
   |days| <= 999999999. hashcode is -1 until the hash has been computed. */
typedef struct {
    PyObject_HEAD
    Py_hash_t hashcode;
    int days;
    int seconds;
    int microseconds;
} PyDateTime_Delta;

/* tzinfo is an abstract base with no state of its own. */
typedef struct {
    PyObject_HEAD
} PyDateTime_TZInfo;

/* The common head of date, time and datetime: a cached hash and whether a tzinfo member follows the data. */
#define _PyTZINFO_HEAD \
    PyObject_HEAD \
    Py_hash_t hashcode; \
    char hastzinfo;

/* What to cast to when only hastzinfo is wanted. */
typedef struct {
    _PyTZINFO_HEAD
} _PyDateTime_BaseTZInfo;

#define _PyDateTime_TIMEHEAD \
    _PyTZINFO_HEAD \
    unsigned char data[_PyDateTime_TIME_DATASIZE];

/* A time without tzinfo may be allocated this short; fold and tzinfo exist only when hastzinfo is set. */
typedef struct {
    _PyDateTime_TIMEHEAD
} _PyDateTime_BaseTime;

typedef struct {
    _PyDateTime_TIMEHEAD
    unsigned char fold;
    PyObject *tzinfo;
} PyDateTime_Time;

/* date is datetime's base class, so it carries hastzinfo too, always false. */
typedef struct {
    _PyTZINFO_HEAD
    unsigned char data[_PyDateTime_DATE_DATASIZE];
} PyDateTime_Date;

#define _PyDateTime_DATETIMEHEAD \
    _PyTZINFO_HEAD \
    unsigned char data[_PyDateTime_DATETIME_DATASIZE];

typedef struct {
    _PyDateTime_DATETIMEHEAD
} _PyDateTime_BaseDateTime;

typedef struct {
    _PyDateTime_DATETIMEHEAD
    unsigned char fold;
    PyObject *tzinfo;
} PyDateTime_DateTime;

/* Field access. o is a time or a datetime for _PyDateTime_HAS_TZINFO. */
#define _PyDateTime_HAS_TZINFO(o) (((_PyDateTime_BaseTZInfo *)(o))->hastzinfo)

/* date and datetime */
#define PyDateTime_GET_YEAR(o) ((((PyDateTime_Date *)(o))->data[0] << 8) | ((PyDateTime_Date *)(o))->data[1])
#define PyDateTime_GET_MONTH(o) (((PyDateTime_Date *)(o))->data[2])
#define PyDateTime_GET_DAY(o) (((PyDateTime_Date *)(o))->data[3])

/* datetime */
#define PyDateTime_DATE_GET_HOUR(o) (((PyDateTime_DateTime *)(o))->data[4])
#define PyDateTime_DATE_GET_MINUTE(o) (((PyDateTime_DateTime *)(o))->data[5])
#define PyDateTime_DATE_GET_SECOND(o) (((PyDateTime_DateTime *)(o))->data[6])
#define PyDateTime_DATE_GET_MICROSECOND(o) \
    ((((PyDateTime_DateTime *)(o))->data[7] << 16) | (((PyDateTime_DateTime *)(o))->data[8] << 8) \
     | ((PyDateTime_DateTime *)(o))->data[9])
#define PyDateTime_DATE_GET_FOLD(o) (((PyDateTime_DateTime *)(o))->fold)
#define PyDateTime_DATE_GET_TZINFO(o) \
    (_PyDateTime_HAS_TZINFO((o)) ? ((PyDateTime_DateTime *)(o))->tzinfo : Py_None)

/* time */
#define PyDateTime_TIME_GET_HOUR(o) (((PyDateTime_Time *)(o))->data[0])
#define PyDateTime_TIME_GET_MINUTE(o) (((PyDateTime_Time *)(o))->data[1])
#define PyDateTime_TIME_GET_SECOND(o) (((PyDateTime_Time *)(o))->data[2])
#define PyDateTime_TIME_GET_MICROSECOND(o) \
    ((((PyDateTime_Time *)(o))->data[3] << 16) | (((PyDateTime_Time *)(o))->data[4] << 8) \
     | ((PyDateTime_Time *)(o))->data[5])
#define PyDateTime_TIME_GET_FOLD(o) (((PyDateTime_Time *)(o))->fold)
#define PyDateTime_TIME_GET_TZINFO(o) (_PyDateTime_HAS_TZINFO(o) ? ((PyDateTime_Time *)(o))->tzinfo : Py_None)

/* timedelta */
#define PyDateTime_DELTA_GET_DAYS(o) (((PyDateTime_Delta *)(o))->days)
#define PyDateTime_DELTA_GET_SECONDS(o) (((PyDateTime_Delta *)(o))->seconds)
#define PyDateTime_DELTA_GET_MICROSECONDS(o) (((PyDateTime_Delta *)(o))->microseconds)

/* The capsule's contents, in CPython 3.13's order. */
typedef struct {
    PyTypeObject *DateType;
    PyTypeObject *DateTimeType;
    PyTypeObject *TimeType;
    PyTypeObject *DeltaType;
    PyTypeObject *TZInfoType;

    PyObject *TimeZone_UTC;

    PyObject *(*Date_FromDate)(int, int, int, PyTypeObject *);
    PyObject *(*DateTime_FromDateAndTime)(int, int, int, int, int, int, int, PyObject *, PyTypeObject *);
    PyObject *(*Time_FromTime)(int, int, int, int, PyObject *, PyTypeObject *);
    PyObject *(*Delta_FromDelta)(int, int, int, int, PyTypeObject *);
    PyObject *(*TimeZone_FromTimeZone)(PyObject *offset, PyObject *name);

    PyObject *(*DateTime_FromTimestamp)(PyObject *, PyObject *, PyObject *);
    PyObject *(*Date_FromTimestamp)(PyObject *, PyObject *);

    PyObject *(*DateTime_FromDateAndTimeAndFold)(int, int, int, int, int, int, int, PyObject *, int,
                                                 PyTypeObject *);
    PyObject *(*Time_FromTimeAndFold)(int, int, int, int, PyObject *, int, PyTypeObject *);
} PyDateTime_CAPI;

#define PyDateTime_CAPSULE_NAME "datetime.datetime_CAPI"

/* The module that implements the types defines _PY_DATETIME_IMPL and gets none of the capsule-based macros. */
#ifndef _PY_DATETIME_IMPL
/* One pointer per translation unit, set by PyDateTime_IMPORT (NULL with an exception set when it fails). */
static PyDateTime_CAPI *PyDateTimeAPI = NULL;

#define PyDateTime_IMPORT PyDateTimeAPI = (PyDateTime_CAPI *)PyCapsule_Import(PyDateTime_CAPSULE_NAME, 0)

#define PyDateTime_TimeZone_UTC PyDateTimeAPI->TimeZone_UTC

#define PyDate_Check(op) PyObject_TypeCheck((op), PyDateTimeAPI->DateType)
#define PyDate_CheckExact(op) Py_IS_TYPE((op), PyDateTimeAPI->DateType)
#define PyDateTime_Check(op) PyObject_TypeCheck((op), PyDateTimeAPI->DateTimeType)
#define PyDateTime_CheckExact(op) Py_IS_TYPE((op), PyDateTimeAPI->DateTimeType)
#define PyTime_Check(op) PyObject_TypeCheck((op), PyDateTimeAPI->TimeType)
#define PyTime_CheckExact(op) Py_IS_TYPE((op), PyDateTimeAPI->TimeType)
#define PyDelta_Check(op) PyObject_TypeCheck((op), PyDateTimeAPI->DeltaType)
#define PyDelta_CheckExact(op) Py_IS_TYPE((op), PyDateTimeAPI->DeltaType)
#define PyTZInfo_Check(op) PyObject_TypeCheck((op), PyDateTimeAPI->TZInfoType)
#define PyTZInfo_CheckExact(op) Py_IS_TYPE((op), PyDateTimeAPI->TZInfoType)

#define PyDate_FromDate(year, month, day) \
    PyDateTimeAPI->Date_FromDate((year), (month), (day), PyDateTimeAPI->DateType)
#define PyDateTime_FromDateAndTime(year, month, day, hour, min, sec, usec) \
    PyDateTimeAPI->DateTime_FromDateAndTime((year), (month), (day), (hour), (min), (sec), (usec), Py_None, \
                                            PyDateTimeAPI->DateTimeType)
#define PyDateTime_FromDateAndTimeAndFold(year, month, day, hour, min, sec, usec, fold) \
    PyDateTimeAPI->DateTime_FromDateAndTimeAndFold((year), (month), (day), (hour), (min), (sec), (usec), \
                                                   Py_None, (fold), PyDateTimeAPI->DateTimeType)
#define PyTime_FromTime(hour, minute, second, usecond) \
    PyDateTimeAPI->Time_FromTime((hour), (minute), (second), (usecond), Py_None, PyDateTimeAPI->TimeType)
#define PyTime_FromTimeAndFold(hour, minute, second, usecond, fold) \
    PyDateTimeAPI->Time_FromTimeAndFold((hour), (minute), (second), (usecond), Py_None, (fold), \
                                        PyDateTimeAPI->TimeType)
#define PyDelta_FromDSU(days, seconds, useconds) \
    PyDateTimeAPI->Delta_FromDelta((days), (seconds), (useconds), 1, PyDateTimeAPI->DeltaType)
#define PyTimeZone_FromOffset(offset) PyDateTimeAPI->TimeZone_FromTimeZone((offset), NULL)
#define PyTimeZone_FromOffsetAndName(offset, name) PyDateTimeAPI->TimeZone_FromTimeZone((offset), (name))

/* The DB-API constructors: args is the argument tuple of datetime.fromtimestamp / date.fromtimestamp. */
#define PyDateTime_FromTimestamp(args) \
    PyDateTimeAPI->DateTime_FromTimestamp((PyObject *)(PyDateTimeAPI->DateTimeType), (args), NULL)
#define PyDate_FromTimestamp(args) PyDateTimeAPI->Date_FromTimestamp((PyObject *)(PyDateTimeAPI->DateType), (args))
#endif /* !_PY_DATETIME_IMPL */

#ifdef __cplusplus
}
#endif
#endif /* FTCHECK_DATETIME_H */
#endif /* !Py_LIMITED_API */
