/* The datetime module's types in C: date, time, datetime (a date subclass), timedelta, tzinfo and timezone, laid
   out as datetime.h says, with the capsule (PyDateTime_CAPI) the module publishes as datetime_CAPI. The Java
   stand-in module (DatetimeModule) calls ftb_datetime_fill once, which readies the types and adds them to the
   module. datetime.h declares no exported functions, so this file holds no C-API definitions of its own.

   Behaviour follows CPython 3.13's datetime: range checks and their messages, timedelta normalisation, repr/str,
   isoformat, comparisons, hashing, arithmetic, utcoffset/tzname/dst through tzinfo, timestamps. Not here:
   strftime/strptime, isocalendar, timetuple, fromisoformat, ctime, pickling (__reduce__), and the detection of
   fold for local times (fromtimestamp and timestamp on naive datetimes go through the C library's localtime and
   mktime). */
#define _PY_DATETIME_IMPL
#include "Python.h"
#include "datetime.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <time.h>

#define MINYEAR 1
#define MAXYEAR 9999
#define MAXORDINAL 3652059 /* date(9999, 12, 31).toordinal() */
#define MAX_DELTA_DAYS 999999999
#define US_PER_SECOND 1000000LL
#define SECONDS_PER_DAY 86400

typedef struct {
    PyObject_HEAD
    PyObject *offset; /* a timedelta strictly between -1 and 1 day */
    PyObject *name;   /* str or NULL */
} ftb_timezone;

static PyTypeObject DateType, DateTimeType, TimeType, DeltaType, TZInfoType, TimeZoneType;
static PyObject *utc_singleton;
static PyObject *unix_epoch; /* datetime(1970, 1, 1, tzinfo=timezone.utc) */

#define IS_DATE(o) PyObject_TypeCheck((o), &DateType)
#define IS_DATETIME(o) PyObject_TypeCheck((o), &DateTimeType)
#define IS_TIME(o) PyObject_TypeCheck((o), &TimeType)
#define IS_DELTA(o) PyObject_TypeCheck((o), &DeltaType)
#define IS_TZINFO(o) PyObject_TypeCheck((o), &TZInfoType)
#define IS_TIMEZONE(o) PyObject_TypeCheck((o), &TimeZoneType)

#define D_DAYS(o) (((PyDateTime_Delta *)(o))->days)
#define D_SECONDS(o) (((PyDateTime_Delta *)(o))->seconds)
#define D_US(o) (((PyDateTime_Delta *)(o))->microseconds)

#define YEAR(o) PyDateTime_GET_YEAR(o)
#define MONTH(o) PyDateTime_GET_MONTH(o)
#define DAY(o) PyDateTime_GET_DAY(o)
#define DT_HOUR(o) PyDateTime_DATE_GET_HOUR(o)
#define DT_MINUTE(o) PyDateTime_DATE_GET_MINUTE(o)
#define DT_SECOND(o) PyDateTime_DATE_GET_SECOND(o)
#define DT_US(o) PyDateTime_DATE_GET_MICROSECOND(o)
#define DT_FOLD(o) PyDateTime_DATE_GET_FOLD(o)
#define DT_TZ(o) PyDateTime_DATE_GET_TZINFO(o)
#define T_HOUR(o) PyDateTime_TIME_GET_HOUR(o)
#define T_MINUTE(o) PyDateTime_TIME_GET_MINUTE(o)
#define T_SECOND(o) PyDateTime_TIME_GET_SECOND(o)
#define T_US(o) PyDateTime_TIME_GET_MICROSECOND(o)
#define T_FOLD(o) PyDateTime_TIME_GET_FOLD(o)
#define T_TZ(o) PyDateTime_TIME_GET_TZINFO(o)

/* ---- the proleptic Gregorian calendar ---- */

static const int month_lengths[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
static const int days_before_months[13] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

static int is_leap(int y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int days_in_month(int y, int m)
{
    return m == 2 && is_leap(y) ? 29 : month_lengths[m];
}

static int days_before_month(int y, int m)
{
    return days_before_months[m] + (m > 2 && is_leap(y));
}

static int days_before_year(int y)
{
    int p = y - 1;
    return p * 365 + p / 4 - p / 100 + p / 400;
}

/* Day 1 is 0001-01-01. */
static int ymd_to_ordinal(int y, int m, int d)
{
    return days_before_year(y) + days_before_month(y, m) + d;
}

static void ordinal_to_ymd(int ordinal, int *py, int *pm, int *pd)
{
    int n = ordinal - 1;
    int y = 1 + 400 * (n / 146097);
    n %= 146097;
    int centuries = n / 36524;
    if (centuries == 4) {
        centuries = 3; /* the last day of a 400-year cycle */
    }
    n -= centuries * 36524;
    y += 100 * centuries;
    y += 4 * (n / 1461);
    n %= 1461;
    int years = n / 365;
    if (years == 4) {
        years = 3; /* the last day of a leap year */
    }
    n -= years * 365;
    y += years;
    int m = 1;
    while (m < 12 && n >= days_before_month(y, m + 1)) {
        m++;
    }
    *py = y;
    *pm = m;
    *pd = n - days_before_month(y, m) + 1;
}

static int weekday_of(int y, int m, int d)
{
    return (ymd_to_ordinal(y, m, d) + 6) % 7;
}

static long long floor_div(long long a, long long b)
{
    long long q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static long long floor_mod(long long a, long long b)
{
    return a - floor_div(a, b) * b;
}

/* ---- checks ---- */

static int check_date(int y, int m, int d)
{
    if (y < MINYEAR || y > MAXYEAR) {
        PyErr_Format(PyExc_ValueError, "year %i is out of range", y);
        return -1;
    }
    if (m < 1 || m > 12) {
        PyErr_SetString(PyExc_ValueError, "month must be in 1..12");
        return -1;
    }
    if (d < 1 || d > days_in_month(y, m)) {
        PyErr_SetString(PyExc_ValueError, "day is out of range for month");
        return -1;
    }
    return 0;
}

static int check_time(int h, int mi, int s, int us, int fold)
{
    const char *msg = h < 0 || h > 23 ? "hour must be in 0..23"
        : mi < 0 || mi > 59 ? "minute must be in 0..59"
        : s < 0 || s > 59 ? "second must be in 0..59"
        : us < 0 || us > 999999 ? "microsecond must be in 0..999999"
        : fold != 0 && fold != 1 ? "fold must be either 0 or 1"
        : NULL;
    if (msg != NULL) {
        PyErr_SetString(PyExc_ValueError, msg);
        return -1;
    }
    return 0;
}

static int check_tzinfo(PyObject *tz)
{
    if (tz == Py_None || IS_TZINFO(tz)) {
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "tzinfo argument must be None or of a tzinfo subclass, not type '%s'",
                 Py_TYPE(tz)->tp_name);
    return -1;
}

/* ---- constructors ---- */

static void set_ymd(unsigned char *data, int y, int m, int d)
{
    data[0] = (unsigned char)(y >> 8);
    data[1] = (unsigned char)y;
    data[2] = (unsigned char)m;
    data[3] = (unsigned char)d;
}

static void set_hmsu(unsigned char *data, int h, int mi, int s, int us)
{
    data[0] = (unsigned char)h;
    data[1] = (unsigned char)mi;
    data[2] = (unsigned char)s;
    data[3] = (unsigned char)(us >> 16);
    data[4] = (unsigned char)(us >> 8);
    data[5] = (unsigned char)us;
}

static PyObject *new_datetime(int y, int m, int d, int h, int mi, int s, int us, PyObject *tz, int fold,
                              PyTypeObject *type);

static PyObject *new_date(int y, int m, int d, PyTypeObject *type)
{
    if (check_date(y, m, d) < 0) {
        return NULL;
    }
    if (PyType_IsSubtype(type, &DateTimeType)) {
        return new_datetime(y, m, d, 0, 0, 0, 0, Py_None, 0, type);
    }
    PyDateTime_Date *o = (PyDateTime_Date *)type->tp_alloc(type, 0);
    if (o == NULL) {
        return NULL;
    }
    o->hashcode = -1;
    o->hastzinfo = 0;
    set_ymd(o->data, y, m, d);
    return (PyObject *)o;
}

static PyObject *new_datetime(int y, int m, int d, int h, int mi, int s, int us, PyObject *tz, int fold,
                              PyTypeObject *type)
{
    if (check_date(y, m, d) < 0 || check_time(h, mi, s, us, fold) < 0 || check_tzinfo(tz) < 0) {
        return NULL;
    }
    PyDateTime_DateTime *o = (PyDateTime_DateTime *)type->tp_alloc(type, 0);
    if (o == NULL) {
        return NULL;
    }
    o->hashcode = -1;
    set_ymd(o->data, y, m, d);
    set_hmsu(o->data + 4, h, mi, s, us);
    o->fold = (unsigned char)fold;
    o->hastzinfo = tz != Py_None;
    o->tzinfo = tz != Py_None ? Py_NewRef(tz) : NULL;
    return (PyObject *)o;
}

static PyObject *new_time(int h, int mi, int s, int us, PyObject *tz, int fold, PyTypeObject *type)
{
    if (check_time(h, mi, s, us, fold) < 0 || check_tzinfo(tz) < 0) {
        return NULL;
    }
    PyDateTime_Time *o = (PyDateTime_Time *)type->tp_alloc(type, 0);
    if (o == NULL) {
        return NULL;
    }
    o->hashcode = -1;
    set_hmsu(o->data, h, mi, s, us);
    o->fold = (unsigned char)fold;
    o->hastzinfo = tz != Py_None;
    o->tzinfo = tz != Py_None ? Py_NewRef(tz) : NULL;
    return (PyObject *)o;
}

static PyObject *delta_from_dsu(long long days, long long seconds, long long us, int normalize, PyTypeObject *type)
{
    if (normalize) {
        seconds += floor_div(us, US_PER_SECOND);
        us = floor_mod(us, US_PER_SECOND);
        days += floor_div(seconds, SECONDS_PER_DAY);
        seconds = floor_mod(seconds, SECONDS_PER_DAY);
    }
    if (days < -MAX_DELTA_DAYS || days > MAX_DELTA_DAYS) {
        PyErr_Format(PyExc_OverflowError, "days=%lld; must have magnitude <= %d", days, MAX_DELTA_DAYS);
        return NULL;
    }
    PyDateTime_Delta *o = (PyDateTime_Delta *)type->tp_alloc(type, 0);
    if (o == NULL) {
        return NULL;
    }
    o->hashcode = -1;
    o->days = (int)days;
    o->seconds = (int)seconds;
    o->microseconds = (int)us;
    return (PyObject *)o;
}

static PyObject *new_delta(long long days, long long seconds, long long us)
{
    return delta_from_dsu(days, seconds, us, 1, &DeltaType);
}

/* The capsule's constructors. */
static PyObject *capi_date(int y, int m, int d, PyTypeObject *type)
{
    return new_date(y, m, d, type);
}

static PyObject *capi_datetime(int y, int m, int d, int h, int mi, int s, int us, PyObject *tz, PyTypeObject *type)
{
    return new_datetime(y, m, d, h, mi, s, us, tz, 0, type);
}

static PyObject *capi_datetime_fold(int y, int m, int d, int h, int mi, int s, int us, PyObject *tz, int fold,
                                    PyTypeObject *type)
{
    return new_datetime(y, m, d, h, mi, s, us, tz, fold, type);
}

static PyObject *capi_time(int h, int mi, int s, int us, PyObject *tz, PyTypeObject *type)
{
    return new_time(h, mi, s, us, tz, 0, type);
}

static PyObject *capi_time_fold(int h, int mi, int s, int us, PyObject *tz, int fold, PyTypeObject *type)
{
    return new_time(h, mi, s, us, tz, fold, type);
}

static PyObject *capi_delta(int days, int seconds, int us, int normalize, PyTypeObject *type)
{
    return delta_from_dsu(days, seconds, us, normalize, type);
}

/* ---- timedelta through Python ints (what microsecond totals beyond 64 bits need) ---- */

static PyObject *delta_to_us(PyObject *d)
{
    PyObject *secs = PyLong_FromLongLong((long long)D_DAYS(d) * SECONDS_PER_DAY + D_SECONDS(d));
    PyObject *million = PyLong_FromLongLong(US_PER_SECOND);
    PyObject *prod = secs != NULL && million != NULL ? PyNumber_Multiply(secs, million) : NULL;
    PyObject *us = PyLong_FromLong(D_US(d));
    PyObject *r = prod != NULL && us != NULL ? PyNumber_Add(prod, us) : NULL;
    Py_XDECREF(secs);
    Py_XDECREF(million);
    Py_XDECREF(prod);
    Py_XDECREF(us);
    return r;
}

/* A timedelta of the given number of microseconds (a Python int); steals nothing. */
static PyObject *us_to_delta(PyObject *us, PyTypeObject *type)
{
    PyObject *day_us = PyLong_FromLongLong(US_PER_SECOND * SECONDS_PER_DAY);
    PyObject *qr = day_us != NULL ? PyNumber_Divmod(us, day_us) : NULL;
    Py_XDECREF(day_us);
    if (qr == NULL) {
        return NULL;
    }
    int overflow = 0;
    long long days = PyLong_AsLongLongAndOverflow(PyTuple_GET_ITEM(qr, 0), &overflow);
    long long rest = PyLong_AsLongLong(PyTuple_GET_ITEM(qr, 1));
    Py_DECREF(qr);
    if ((days == -1 || rest == -1) && PyErr_Occurred()) {
        return NULL;
    }
    if (overflow || days < INT_MIN || days > INT_MAX) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return NULL;
    }
    return delta_from_dsu(days, rest / US_PER_SECOND, rest % US_PER_SECOND, 0, type);
}

/* a / b rounded to the nearest integer, halves to even (b may be negative). */
static PyObject *divide_nearest(PyObject *a, PyObject *b)
{
    PyObject *qr = PyNumber_Divmod(a, b);
    if (qr == NULL) {
        return NULL;
    }
    PyObject *q = Py_NewRef(PyTuple_GET_ITEM(qr, 0));
    PyObject *r = PyTuple_GET_ITEM(qr, 1);
    PyObject *twice = PyNumber_Add(r, r);
    PyObject *at = twice != NULL ? PyNumber_Absolute(twice) : NULL;
    PyObject *ab = PyNumber_Absolute(b);
    int greater = at != NULL && ab != NULL ? PyObject_RichCompareBool(at, ab, Py_GT) : -1;
    int equal = greater == 0 ? PyObject_RichCompareBool(at, ab, Py_EQ) : 0;
    int odd = 0;
    if (equal == 1) {
        PyObject *one = PyLong_FromLong(1);
        PyObject *bit = one != NULL ? PyNumber_And(q, one) : NULL;
        odd = bit != NULL ? PyObject_IsTrue(bit) : -1;
        Py_XDECREF(one);
        Py_XDECREF(bit);
    }
    Py_XDECREF(twice);
    Py_XDECREF(at);
    Py_XDECREF(ab);
    Py_DECREF(qr);
    if (greater < 0 || equal < 0 || odd < 0) {
        Py_DECREF(q);
        return NULL;
    }
    if (greater == 1 || odd == 1) {
        PyObject *one = PyLong_FromLong(1);
        PyObject *q1 = one != NULL ? PyNumber_Add(q, one) : NULL;
        Py_XDECREF(one);
        Py_SETREF(q, q1);
    }
    return q;
}

/* ---- timedelta ---- */

static PyObject *accumulate(const char *tag, PyObject *sum, PyObject *num, long long factor, double *leftover)
{
    PyObject *f = PyLong_FromLongLong(factor);
    if (f == NULL) {
        return NULL;
    }
    PyObject *r = NULL;
    if (PyLong_Check(num)) {
        PyObject *prod = PyNumber_Multiply(num, f);
        r = prod != NULL ? PyNumber_Add(sum, prod) : NULL;
        Py_XDECREF(prod);
    }
    else if (PyFloat_Check(num)) {
        double intpart, frac = modf(PyFloat_AsDouble(num), &intpart);
        PyObject *whole = PyLong_FromDouble(intpart);
        PyObject *prod = whole != NULL ? PyNumber_Multiply(whole, f) : NULL;
        r = prod != NULL ? PyNumber_Add(sum, prod) : NULL;
        Py_XDECREF(whole);
        Py_XDECREF(prod);
        if (r != NULL && frac != 0.0) {
            frac = modf((double)factor * frac, &intpart);
            PyObject *more = PyLong_FromDouble(intpart);
            PyObject *r2 = more != NULL ? PyNumber_Add(r, more) : NULL;
            Py_XDECREF(more);
            Py_SETREF(r, r2);
            *leftover += frac;
        }
    }
    else {
        PyErr_Format(PyExc_TypeError, "unsupported type for timedelta %s component: %s", tag, Py_TYPE(num)->tp_name);
    }
    Py_DECREF(f);
    return r;
}

static PyObject *delta_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks", NULL};
    PyObject *v[7] = {NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OOOOOOO:__new__", kws, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
                                     &v[6])) {
        return NULL;
    }
    /* Summed in CPython's order, which decides how float fractions round. */
    static const int order[7] = {2, 3, 1, 4, 5, 0, 6};
    static const long long factors[7] = {86400000000LL, 1000000LL, 1LL, 1000LL, 60000000LL, 3600000000LL,
                                         604800000000LL};
    double leftover = 0.0;
    PyObject *sum = PyLong_FromLong(0);
    for (int i = 0; i < 7 && sum != NULL; i++) {
        int k = order[i];
        if (v[k] != NULL) {
            Py_SETREF(sum, accumulate(kws[k], sum, v[k], factors[k], &leftover));
        }
    }
    if (sum == NULL) {
        return NULL;
    }
    if (leftover != 0.0) {
        double whole = round(leftover);
        if (fabs(whole - leftover) == 0.5) {
            /* a half: round to make the total even */
            PyObject *one = PyLong_FromLong(1);
            PyObject *bit = one != NULL ? PyNumber_And(sum, one) : NULL;
            Py_XDECREF(one);
            if (bit == NULL) {
                Py_DECREF(sum);
                return NULL;
            }
            double odd = (double)PyLong_AsLong(bit);
            Py_DECREF(bit);
            whole = 2.0 * round((leftover + odd) * 0.5) - odd;
        }
        PyObject *w = PyLong_FromDouble(whole);
        PyObject *s2 = w != NULL ? PyNumber_Add(sum, w) : NULL;
        Py_XDECREF(w);
        Py_SETREF(sum, s2);
        if (sum == NULL) {
            return NULL;
        }
    }
    PyObject *r = us_to_delta(sum, type);
    Py_DECREF(sum);
    return r;
}

static PyObject *delta_repr(PyObject *self)
{
    char buf[128];
    int n = 0;
    if (D_DAYS(self) != 0) {
        n += snprintf(buf + n, sizeof buf - n, "days=%d", D_DAYS(self));
    }
    if (D_SECONDS(self) != 0) {
        n += snprintf(buf + n, sizeof buf - n, "%sseconds=%d", n ? ", " : "", D_SECONDS(self));
    }
    if (D_US(self) != 0) {
        n += snprintf(buf + n, sizeof buf - n, "%smicroseconds=%d", n ? ", " : "", D_US(self));
    }
    return PyUnicode_FromFormat("%s(%s)", Py_TYPE(self)->tp_name, n ? buf : "0");
}

static PyObject *delta_str(PyObject *self)
{
    char buf[128];
    int n = 0;
    int days = D_DAYS(self), s = D_SECONDS(self), us = D_US(self);
    if (days != 0) {
        n += snprintf(buf, sizeof buf, "%d day%s, ", days, days == 1 || days == -1 ? "" : "s");
    }
    n += snprintf(buf + n, sizeof buf - n, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    if (us != 0) {
        snprintf(buf + n, sizeof buf - n, ".%06d", us);
    }
    return PyUnicode_FromString(buf);
}

static int delta_cmp(PyObject *a, PyObject *b)
{
    int diff = D_DAYS(a) - D_DAYS(b);
    if (diff == 0) {
        diff = D_SECONDS(a) - D_SECONDS(b);
        if (diff == 0) {
            diff = D_US(a) - D_US(b);
        }
    }
    return diff;
}

static PyObject *diff_to_bool(int diff, int op)
{
    Py_RETURN_RICHCOMPARE(diff, 0, op);
}

static PyObject *delta_richcompare(PyObject *a, PyObject *b, int op)
{
    if (!IS_DELTA(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return diff_to_bool(delta_cmp(a, b), op);
}

static Py_hash_t delta_hash(PyObject *self)
{
    PyDateTime_Delta *d = (PyDateTime_Delta *)self;
    if (d->hashcode == -1) {
        PyObject *t = Py_BuildValue("(iii)", d->days, d->seconds, d->microseconds);
        if (t == NULL) {
            return -1;
        }
        d->hashcode = PyObject_Hash(t);
        Py_DECREF(t);
    }
    return d->hashcode;
}

static PyObject *delta_add(PyObject *a, PyObject *b)
{
    if (IS_DELTA(a) && IS_DELTA(b)) {
        return new_delta((long long)D_DAYS(a) + D_DAYS(b), (long long)D_SECONDS(a) + D_SECONDS(b),
                         (long long)D_US(a) + D_US(b));
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *delta_subtract(PyObject *a, PyObject *b)
{
    if (IS_DELTA(a) && IS_DELTA(b)) {
        return new_delta((long long)D_DAYS(a) - D_DAYS(b), (long long)D_SECONDS(a) - D_SECONDS(b),
                         (long long)D_US(a) - D_US(b));
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *delta_negative(PyObject *self)
{
    return new_delta(-(long long)D_DAYS(self), -(long long)D_SECONDS(self), -(long long)D_US(self));
}

static PyObject *delta_positive(PyObject *self)
{
    return delta_from_dsu(D_DAYS(self), D_SECONDS(self), D_US(self), 0, &DeltaType);
}

static PyObject *delta_absolute(PyObject *self)
{
    return D_DAYS(self) < 0 ? delta_negative(self) : delta_positive(self);
}

static int delta_bool(PyObject *self)
{
    return D_DAYS(self) != 0 || D_SECONDS(self) != 0 || D_US(self) != 0;
}

/* The microseconds of delta combined with n (an int) by op, back to a timedelta. */
static PyObject *delta_int_op(PyObject *delta, PyObject *n, PyObject *(*op)(PyObject *, PyObject *))
{
    PyObject *us = delta_to_us(delta);
    PyObject *r = us != NULL ? op(us, n) : NULL;
    Py_XDECREF(us);
    if (r == NULL) {
        return NULL;
    }
    PyObject *d = us_to_delta(r, &DeltaType);
    Py_DECREF(r);
    return d;
}

/* delta * (num / den) for a float's ratio; swap gives delta * (den / num). */
static PyObject *delta_float_op(PyObject *delta, PyObject *f, int divide)
{
    PyObject *ratio = PyObject_CallMethod(f, "as_integer_ratio", NULL);
    if (ratio == NULL) {
        return NULL;
    }
    PyObject *mul = PyTuple_GET_ITEM(ratio, divide ? 1 : 0), *div = PyTuple_GET_ITEM(ratio, divide ? 0 : 1);
    PyObject *us = delta_to_us(delta);
    PyObject *prod = us != NULL ? PyNumber_Multiply(us, mul) : NULL;
    PyObject *q = prod != NULL ? divide_nearest(prod, div) : NULL;
    PyObject *r = q != NULL ? us_to_delta(q, &DeltaType) : NULL;
    Py_DECREF(ratio);
    Py_XDECREF(us);
    Py_XDECREF(prod);
    Py_XDECREF(q);
    return r;
}

static PyObject *delta_multiply(PyObject *a, PyObject *b)
{
    if (!IS_DELTA(a)) {
        PyObject *t = a;
        a = b;
        b = t;
    }
    if (IS_DELTA(a)) {
        if (PyLong_Check(b)) {
            return delta_int_op(a, b, PyNumber_Multiply);
        }
        if (PyFloat_Check(b)) {
            return delta_float_op(a, b, 0);
        }
    }
    Py_RETURN_NOTIMPLEMENTED;
}

/* Both timedeltas' microseconds combined by op, as op returns it. */
static PyObject *delta_pair_op(PyObject *a, PyObject *b, PyObject *(*op)(PyObject *, PyObject *))
{
    PyObject *ua = delta_to_us(a);
    PyObject *ub = ua != NULL ? delta_to_us(b) : NULL;
    PyObject *r = ub != NULL ? op(ua, ub) : NULL;
    Py_XDECREF(ua);
    Py_XDECREF(ub);
    return r;
}

static PyObject *delta_true_divide(PyObject *a, PyObject *b)
{
    if (!IS_DELTA(a)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (IS_DELTA(b)) {
        return delta_pair_op(a, b, PyNumber_TrueDivide);
    }
    if (PyLong_Check(b)) {
        return delta_int_op(a, b, divide_nearest);
    }
    if (PyFloat_Check(b)) {
        return delta_float_op(a, b, 1);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *delta_floor_divide(PyObject *a, PyObject *b)
{
    if (!IS_DELTA(a)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (IS_DELTA(b)) {
        return delta_pair_op(a, b, PyNumber_FloorDivide);
    }
    if (PyLong_Check(b)) {
        return delta_int_op(a, b, PyNumber_FloorDivide);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *delta_remainder(PyObject *a, PyObject *b)
{
    if (!IS_DELTA(a) || !IS_DELTA(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *r = delta_pair_op(a, b, PyNumber_Remainder);
    if (r == NULL) {
        return NULL;
    }
    PyObject *d = us_to_delta(r, &DeltaType);
    Py_DECREF(r);
    return d;
}

static PyObject *delta_divmod(PyObject *a, PyObject *b)
{
    if (!IS_DELTA(a) || !IS_DELTA(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *qr = delta_pair_op(a, b, PyNumber_Divmod);
    if (qr == NULL) {
        return NULL;
    }
    PyObject *d = us_to_delta(PyTuple_GET_ITEM(qr, 1), &DeltaType);
    PyObject *r = d != NULL ? PyTuple_Pack(2, PyTuple_GET_ITEM(qr, 0), d) : NULL;
    Py_XDECREF(d);
    Py_DECREF(qr);
    return r;
}

static PyObject *delta_total_seconds(PyObject *self, PyObject *unused)
{
    PyObject *us = delta_to_us(self);
    PyObject *million = PyLong_FromLongLong(US_PER_SECOND);
    PyObject *r = us != NULL && million != NULL ? PyNumber_TrueDivide(us, million) : NULL;
    Py_XDECREF(us);
    Py_XDECREF(million);
    return r;
}

static PyMemberDef delta_members[] = {
    {"days", Py_T_INT, offsetof(PyDateTime_Delta, days), Py_READONLY, NULL},
    {"seconds", Py_T_INT, offsetof(PyDateTime_Delta, seconds), Py_READONLY, NULL},
    {"microseconds", Py_T_INT, offsetof(PyDateTime_Delta, microseconds), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyMethodDef delta_methods[] = {
    {"total_seconds", delta_total_seconds, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyNumberMethods delta_as_number = {
    .nb_add = delta_add,
    .nb_subtract = delta_subtract,
    .nb_multiply = delta_multiply,
    .nb_remainder = delta_remainder,
    .nb_divmod = delta_divmod,
    .nb_negative = delta_negative,
    .nb_positive = delta_positive,
    .nb_absolute = delta_absolute,
    .nb_bool = delta_bool,
    .nb_floor_divide = delta_floor_divide,
    .nb_true_divide = delta_true_divide,
};

static PyTypeObject DeltaType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "datetime.timedelta",
    .tp_basicsize = sizeof(PyDateTime_Delta),
    .tp_repr = delta_repr,
    .tp_as_number = &delta_as_number,
    .tp_hash = delta_hash,
    .tp_str = delta_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_richcompare = delta_richcompare,
    .tp_methods = delta_methods,
    .tp_members = delta_members,
    .tp_new = delta_new,
};

/* ---- tzinfo calls ---- */

static int offset_in_range(PyObject *d)
{
    return D_DAYS(d) == 0 || (D_DAYS(d) == -1 && (D_SECONDS(d) != 0 || D_US(d) != 0));
}

static void offset_range_error(PyObject *d)
{
    PyErr_Format(PyExc_ValueError, "offset must be a timedelta strictly between -timedelta(hours=24) and "
                 "timedelta(hours=24), not %R.", d);
}

/* tzinfo.name(arg) for utcoffset and dst: None or a timedelta within a day; None when tzinfo is None. */
static PyObject *call_offset(PyObject *tzinfo, const char *name, PyObject *arg)
{
    if (tzinfo == Py_None) {
        Py_RETURN_NONE;
    }
    PyObject *r = PyObject_CallMethod(tzinfo, name, "O", arg);
    if (r == NULL || r == Py_None) {
        return r;
    }
    if (!IS_DELTA(r)) {
        PyErr_Format(PyExc_TypeError, "tzinfo.%s() must return None or timedelta, not '%.200s'", name,
                     Py_TYPE(r)->tp_name);
        Py_DECREF(r);
        return NULL;
    }
    if (!offset_in_range(r)) {
        offset_range_error(r);
        Py_DECREF(r);
        return NULL;
    }
    return r;
}

static PyObject *call_tzname(PyObject *tzinfo, PyObject *arg)
{
    if (tzinfo == Py_None) {
        Py_RETURN_NONE;
    }
    PyObject *r = PyObject_CallMethod(tzinfo, "tzname", "O", arg);
    if (r != NULL && r != Py_None && !PyUnicode_Check(r)) {
        PyErr_Format(PyExc_TypeError, "tzinfo.tzname() must return None or a string, not '%s'", Py_TYPE(r)->tp_name);
        Py_DECREF(r);
        return NULL;
    }
    return r;
}

/* "+HH:MM[:SS[.ffffff]]" for the offset, nothing for None; sep goes between the fields. */
static int format_offset(char *buf, size_t size, PyObject *offset, const char *sep)
{
    buf[0] = '\0';
    if (offset == Py_None) {
        return 0;
    }
    long long total = (long long)D_DAYS(offset) * SECONDS_PER_DAY + D_SECONDS(offset);
    long long us = D_US(offset);
    char sign = '+';
    if (total < 0) {
        sign = '-';
        total = -total;
        if (us != 0) {
            total -= 1;
            us = US_PER_SECOND - us;
        }
    }
    int n = snprintf(buf, size, "%c%02d%s%02d", sign, (int)(total / 3600), sep, (int)(total / 60 % 60));
    if (us != 0) {
        n += snprintf(buf + n, size - n, "%s%02d.%06d", sep, (int)(total % 60), (int)us);
    }
    else if (total % 60 != 0) {
        n += snprintf(buf + n, size - n, "%s%02d", sep, (int)(total % 60));
    }
    return n;
}

/* ---- tzinfo ---- */

static PyObject *tzinfo_unimplemented(const char *what)
{
    PyErr_Format(PyExc_NotImplementedError, "a tzinfo subclass must implement %s()", what);
    return NULL;
}

static PyObject *tzinfo_tzname(PyObject *self, PyObject *dt)
{
    return tzinfo_unimplemented("tzname");
}

static PyObject *tzinfo_utcoffset(PyObject *self, PyObject *dt)
{
    return tzinfo_unimplemented("utcoffset");
}

static PyObject *tzinfo_dst(PyObject *self, PyObject *dt)
{
    return tzinfo_unimplemented("dst");
}

static PyObject *datetime_add_delta(PyObject *dt, PyObject *delta, int factor);

static PyObject *tzinfo_fromutc(PyObject *self, PyObject *dt)
{
    if (!IS_DATETIME(dt)) {
        PyErr_SetString(PyExc_TypeError, "fromutc: argument must be a datetime");
        return NULL;
    }
    if (DT_TZ(dt) != self) {
        PyErr_SetString(PyExc_ValueError, "fromutc: dt.tzinfo is not self");
        return NULL;
    }
    PyObject *off = call_offset(self, "utcoffset", dt);
    if (off == NULL) {
        return NULL;
    }
    if (off == Py_None) {
        Py_DECREF(off);
        PyErr_SetString(PyExc_ValueError, "fromutc: non-None utcoffset() result required");
        return NULL;
    }
    PyObject *dst = call_offset(self, "dst", dt);
    if (dst == NULL || dst == Py_None) {
        if (dst != NULL) {
            Py_DECREF(dst);
            PyErr_SetString(PyExc_ValueError, "fromutc: non-None dst() result required");
        }
        Py_DECREF(off);
        return NULL;
    }
    PyObject *delta = delta_subtract(off, dst);
    Py_DECREF(off);
    Py_DECREF(dst);
    if (delta == NULL) {
        return NULL;
    }
    PyObject *r = datetime_add_delta(dt, delta, 1);
    Py_DECREF(delta);
    if (r == NULL) {
        return NULL;
    }
    dst = call_offset(self, "dst", r);
    if (dst == NULL || dst == Py_None) {
        if (dst != NULL) {
            Py_DECREF(dst);
            PyErr_SetString(PyExc_ValueError, "fromutc: tz.dst() gave inconsistent results; cannot convert");
        }
        Py_DECREF(r);
        return NULL;
    }
    PyObject *r2 = datetime_add_delta(r, dst, 1);
    Py_DECREF(r);
    Py_DECREF(dst);
    return r2;
}

static PyMethodDef tzinfo_methods[] = {
    {"tzname", tzinfo_tzname, METH_O, NULL},
    {"utcoffset", tzinfo_utcoffset, METH_O, NULL},
    {"dst", tzinfo_dst, METH_O, NULL},
    {"fromutc", tzinfo_fromutc, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject TZInfoType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "datetime.tzinfo",
    .tp_basicsize = sizeof(PyDateTime_TZInfo),
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_methods = tzinfo_methods,
    .tp_new = PyType_GenericNew,
};

/* ---- timezone ---- */

static PyObject *new_timezone(PyObject *offset, PyObject *name)
{
    if (name == NULL && !delta_bool(offset)) {
        return Py_NewRef(utc_singleton);
    }
    if (!offset_in_range(offset)) {
        offset_range_error(offset);
        return NULL;
    }
    ftb_timezone *tz = PyObject_New(ftb_timezone, &TimeZoneType);
    if (tz == NULL) {
        return NULL;
    }
    tz->offset = Py_NewRef(offset);
    tz->name = Py_XNewRef(name);
    return (PyObject *)tz;
}

static PyObject *capi_timezone(PyObject *offset, PyObject *name)
{
    return new_timezone(offset, name);
}

static PyObject *timezone_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"offset", "name", NULL};
    PyObject *offset, *name = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!|U:timezone", kws, &DeltaType, &offset, &name)) {
        return NULL;
    }
    return new_timezone(offset, name);
}

static void timezone_dealloc(PyObject *self)
{
    Py_XDECREF(((ftb_timezone *)self)->offset);
    Py_XDECREF(((ftb_timezone *)self)->name);
    Py_TYPE(self)->tp_free(self);
}

static PyObject *timezone_richcompare(PyObject *a, PyObject *b, int op)
{
    if ((op != Py_EQ && op != Py_NE) || !IS_TIMEZONE(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return delta_richcompare(((ftb_timezone *)a)->offset, ((ftb_timezone *)b)->offset, op);
}

static Py_hash_t timezone_hash(PyObject *self)
{
    return delta_hash(((ftb_timezone *)self)->offset);
}

static int check_dt_argument(PyObject *dt, const char *meth)
{
    if (dt == Py_None || IS_DATETIME(dt)) {
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "%s(dt) argument must be a datetime instance or None, not %.200s", meth,
                 Py_TYPE(dt)->tp_name);
    return -1;
}

static PyObject *timezone_name(ftb_timezone *tz)
{
    if (tz->name != NULL) {
        return Py_NewRef(tz->name);
    }
    if ((PyObject *)tz == utc_singleton || !delta_bool(tz->offset)) {
        return PyUnicode_FromString("UTC");
    }
    char buf[32];
    format_offset(buf, sizeof buf, tz->offset, ":");
    return PyUnicode_FromFormat("UTC%s", buf);
}

static PyObject *timezone_tzname(PyObject *self, PyObject *dt)
{
    return check_dt_argument(dt, "tzname") < 0 ? NULL : timezone_name((ftb_timezone *)self);
}

static PyObject *timezone_utcoffset(PyObject *self, PyObject *dt)
{
    return check_dt_argument(dt, "utcoffset") < 0 ? NULL : Py_NewRef(((ftb_timezone *)self)->offset);
}

static PyObject *timezone_dst(PyObject *self, PyObject *dt)
{
    if (check_dt_argument(dt, "dst") < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *timezone_fromutc(PyObject *self, PyObject *dt)
{
    if (!IS_DATETIME(dt)) {
        PyErr_SetString(PyExc_TypeError, "fromutc: argument must be a datetime");
        return NULL;
    }
    if (DT_TZ(dt) != self) {
        PyErr_SetString(PyExc_ValueError, "fromutc: dt.tzinfo is not self");
        return NULL;
    }
    return datetime_add_delta(dt, ((ftb_timezone *)self)->offset, 1);
}

static PyObject *timezone_getinitargs(PyObject *self, PyObject *unused)
{
    ftb_timezone *tz = (ftb_timezone *)self;
    return tz->name == NULL ? PyTuple_Pack(1, tz->offset) : PyTuple_Pack(2, tz->offset, tz->name);
}

static PyObject *timezone_repr(PyObject *self)
{
    ftb_timezone *tz = (ftb_timezone *)self;
    if (self == utc_singleton) {
        return PyUnicode_FromString("datetime.timezone.utc");
    }
    if (tz->name == NULL) {
        return PyUnicode_FromFormat("%s(%R)", Py_TYPE(self)->tp_name, tz->offset);
    }
    return PyUnicode_FromFormat("%s(%R, %R)", Py_TYPE(self)->tp_name, tz->offset, tz->name);
}

static PyObject *timezone_str(PyObject *self)
{
    return timezone_name((ftb_timezone *)self);
}

static PyMethodDef timezone_methods[] = {
    {"tzname", timezone_tzname, METH_O, NULL},
    {"utcoffset", timezone_utcoffset, METH_O, NULL},
    {"dst", timezone_dst, METH_O, NULL},
    {"fromutc", timezone_fromutc, METH_O, NULL},
    {"__getinitargs__", timezone_getinitargs, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject TimeZoneType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "datetime.timezone",
    .tp_basicsize = sizeof(ftb_timezone),
    .tp_dealloc = timezone_dealloc,
    .tp_repr = timezone_repr,
    .tp_hash = timezone_hash,
    .tp_str = timezone_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_richcompare = timezone_richcompare,
    .tp_methods = timezone_methods,
    .tp_base = &TZInfoType,
    .tp_new = timezone_new,
};

/* ---- date ---- */

static PyObject *date_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"year", "month", "day", NULL};
    int y, m, d;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "iii", kws, &y, &m, &d)) {
        return NULL;
    }
    return new_date(y, m, d, type);
}

static PyObject *date_from_ordinal(int ordinal, PyTypeObject *type)
{
    if (ordinal < 1) {
        PyErr_SetString(PyExc_ValueError, "ordinal must be >= 1");
        return NULL;
    }
    int y, m, d;
    if (ordinal > MAXORDINAL) {
        PyErr_Format(PyExc_ValueError, "year %i is out of range", MAXYEAR + 1);
        return NULL;
    }
    ordinal_to_ymd(ordinal, &y, &m, &d);
    return new_date(y, m, d, type);
}

static PyObject *date_fromordinal(PyObject *cls, PyObject *arg)
{
    int ordinal = PyLong_AsInt(arg);
    if (ordinal == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return date_from_ordinal(ordinal, (PyTypeObject *)cls);
}

/* A timestamp (int or float) as whole seconds and microseconds, rounded half to even. */
static int timestamp_parts(PyObject *ts, time_t *secs, int *us)
{
    if (PyFloat_Check(ts)) {
        double d = PyFloat_AsDouble(ts);
        if (isnan(d)) {
            PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
            return -1;
        }
        double intpart, frac = modf(d, &intpart);
        frac *= 1e6;
        double r = round(frac);
        if (fabs(r - frac) == 0.5) {
            r = 2.0 * round(frac / 2.0);
        }
        if (r >= 1e6) {
            r -= 1e6;
            intpart += 1.0;
        }
        else if (r < 0) {
            r += 1e6;
            intpart -= 1.0;
        }
        if (!(intpart >= -9223372036854775808.0 && intpart < 9223372036854775808.0)) {
            PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
            return -1;
        }
        *secs = (time_t)intpart;
        *us = (int)r;
        return 0;
    }
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(ts, &overflow);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (overflow) {
        PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
        return -1;
    }
    *secs = (time_t)v;
    *us = 0;
    return 0;
}

static int broken_down(time_t t, int local, struct tm *tm)
{
    errno = 0;
    if ((local ? localtime_r(&t, tm) : gmtime_r(&t, tm)) == NULL) {
        if (errno == 0 || errno == EOVERFLOW) {
            PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
        }
        else {
            PyErr_SetFromErrno(PyExc_OSError);
        }
        return -1;
    }
    if (tm->tm_sec > 59) {
        tm->tm_sec = 59; /* leap second */
    }
    return 0;
}

static PyObject *date_from_timestamp(PyObject *cls, PyObject *ts)
{
    time_t secs;
    int us;
    struct tm tm;
    if (timestamp_parts(ts, &secs, &us) < 0 || broken_down(secs, 1, &tm) < 0) {
        return NULL;
    }
    return new_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, (PyTypeObject *)cls);
}

static PyObject *date_fromtimestamp(PyObject *cls, PyObject *ts)
{
    return date_from_timestamp(cls, ts);
}

/* The capsule's Date_FromTimestamp: args is fromtimestamp's argument tuple. */
static PyObject *capi_date_from_timestamp(PyObject *cls, PyObject *args)
{
    PyObject *ts;
    if (!PyArg_UnpackTuple(args, "fromtimestamp", 1, 1, &ts)) {
        return NULL;
    }
    return date_from_timestamp(cls, ts);
}

static PyObject *now_timestamp(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return PyFloat_FromDouble((double)ts.tv_sec + ts.tv_nsec * 1e-9);
}

static PyObject *date_today(PyObject *cls, PyObject *unused)
{
    PyObject *ts = now_timestamp();
    PyObject *r = ts != NULL ? PyObject_CallMethod(cls, "fromtimestamp", "O", ts) : NULL;
    Py_XDECREF(ts);
    return r;
}

static PyObject *date_year(PyObject *self, void *unused)
{
    return PyLong_FromLong(YEAR(self));
}

static PyObject *date_month(PyObject *self, void *unused)
{
    return PyLong_FromLong(MONTH(self));
}

static PyObject *date_day(PyObject *self, void *unused)
{
    return PyLong_FromLong(DAY(self));
}

static PyObject *date_repr(PyObject *self)
{
    return PyUnicode_FromFormat("%s(%d, %d, %d)", Py_TYPE(self)->tp_name, YEAR(self), MONTH(self), DAY(self));
}

static PyObject *date_isoformat(PyObject *self, PyObject *unused)
{
    return PyUnicode_FromFormat("%04d-%02d-%02d", YEAR(self), MONTH(self), DAY(self));
}

static PyObject *date_str(PyObject *self)
{
    return PyObject_CallMethod(self, "isoformat", NULL);
}

static PyObject *date_toordinal(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(ymd_to_ordinal(YEAR(self), MONTH(self), DAY(self)));
}

static PyObject *date_weekday(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(weekday_of(YEAR(self), MONTH(self), DAY(self)));
}

static PyObject *date_isoweekday(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(weekday_of(YEAR(self), MONTH(self), DAY(self)) + 1);
}

static PyObject *date_replace(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"year", "month", "day", NULL};
    int y = YEAR(self), m = MONTH(self), d = DAY(self);
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|iii:replace", kws, &y, &m, &d)) {
        return NULL;
    }
    return new_date(y, m, d, Py_TYPE(self));
}

static PyObject *bytes_hash_of(const unsigned char *data, Py_ssize_t n, Py_hash_t *out)
{
    PyObject *b = PyBytes_FromStringAndSize((const char *)data, n);
    if (b == NULL) {
        return NULL;
    }
    *out = PyObject_Hash(b);
    Py_DECREF(b);
    return *out == -1 ? NULL : Py_None;
}

static Py_hash_t date_hash(PyObject *self)
{
    PyDateTime_Date *d = (PyDateTime_Date *)self;
    if (d->hashcode == -1) {
        Py_hash_t h;
        if (bytes_hash_of(d->data, _PyDateTime_DATE_DATASIZE, &h) == NULL) {
            return -1;
        }
        d->hashcode = h;
    }
    return d->hashcode;
}

static PyObject *date_richcompare(PyObject *a, PyObject *b, int op)
{
    /* a datetime is not compared by its date part: answering NotImplemented keeps the two types apart */
    if (IS_DATE(b) && !IS_DATETIME(b) && !IS_DATETIME(a)) {
        return diff_to_bool(memcmp(((PyDateTime_Date *)a)->data, ((PyDateTime_Date *)b)->data,
                                   _PyDateTime_DATE_DATASIZE), op);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *date_add_days(PyObject *date, long long days)
{
    long long ordinal = ymd_to_ordinal(YEAR(date), MONTH(date), DAY(date)) + days;
    if (ordinal < 1 || ordinal > MAXORDINAL) {
        PyErr_SetString(PyExc_OverflowError, "date value out of range");
        return NULL;
    }
    int y, m, d;
    ordinal_to_ymd((int)ordinal, &y, &m, &d);
    return new_date(y, m, d, Py_TYPE(date));
}

static PyObject *date_add(PyObject *a, PyObject *b)
{
    if (IS_DATETIME(a) || IS_DATETIME(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (IS_DATE(a) && IS_DELTA(b)) {
        return date_add_days(a, D_DAYS(b));
    }
    if (IS_DELTA(a) && IS_DATE(b)) {
        return date_add_days(b, D_DAYS(a));
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *date_subtract(PyObject *a, PyObject *b)
{
    if (IS_DATETIME(a) || IS_DATETIME(b) || !IS_DATE(a)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (IS_DATE(b)) {
        return new_delta((long long)ymd_to_ordinal(YEAR(a), MONTH(a), DAY(a))
                             - ymd_to_ordinal(YEAR(b), MONTH(b), DAY(b)), 0, 0);
    }
    if (IS_DELTA(b)) {
        return date_add_days(a, -(long long)D_DAYS(b));
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyGetSetDef date_getset[] = {
    {"year", date_year, NULL, NULL, NULL},
    {"month", date_month, NULL, NULL, NULL},
    {"day", date_day, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMethodDef date_methods[] = {
    {"fromtimestamp", date_fromtimestamp, METH_O | METH_CLASS, NULL},
    {"fromordinal", date_fromordinal, METH_O | METH_CLASS, NULL},
    {"today", date_today, METH_NOARGS | METH_CLASS, NULL},
    {"isoformat", date_isoformat, METH_NOARGS, NULL},
    {"toordinal", date_toordinal, METH_NOARGS, NULL},
    {"weekday", date_weekday, METH_NOARGS, NULL},
    {"isoweekday", date_isoweekday, METH_NOARGS, NULL},
    {"replace", (PyCFunction)(void (*)(void))date_replace, METH_VARARGS | METH_KEYWORDS, NULL},
    {"__replace__", (PyCFunction)(void (*)(void))date_replace, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyNumberMethods date_as_number = {
    .nb_add = date_add,
    .nb_subtract = date_subtract,
};

static PyTypeObject DateType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "datetime.date",
    .tp_basicsize = sizeof(PyDateTime_Date),
    .tp_repr = date_repr,
    .tp_as_number = &date_as_number,
    .tp_hash = date_hash,
    .tp_str = date_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_richcompare = date_richcompare,
    .tp_methods = date_methods,
    .tp_getset = date_getset,
    .tp_new = date_new,
};

/* ---- time ---- */

static PyObject *time_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"hour", "minute", "second", "microsecond", "tzinfo", "fold", NULL};
    int h = 0, mi = 0, s = 0, us = 0, fold = 0;
    PyObject *tz = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|iiiiO$i", kws, &h, &mi, &s, &us, &tz, &fold)) {
        return NULL;
    }
    return new_time(h, mi, s, us, tz, fold, type);
}

static void tz_holder_dealloc(PyObject *self)
{
    if (_PyDateTime_HAS_TZINFO(self)) {
        Py_XDECREF(IS_TIME(self) ? ((PyDateTime_Time *)self)->tzinfo : ((PyDateTime_DateTime *)self)->tzinfo);
    }
    Py_TYPE(self)->tp_free(self);
}

static PyObject *time_hour(PyObject *self, void *unused)
{
    return PyLong_FromLong(T_HOUR(self));
}

static PyObject *time_minute(PyObject *self, void *unused)
{
    return PyLong_FromLong(T_MINUTE(self));
}

static PyObject *time_second(PyObject *self, void *unused)
{
    return PyLong_FromLong(T_SECOND(self));
}

static PyObject *time_microsecond(PyObject *self, void *unused)
{
    return PyLong_FromLong(T_US(self));
}

static PyObject *time_tzinfo(PyObject *self, void *unused)
{
    return Py_NewRef(T_TZ(self));
}

static PyObject *time_fold(PyObject *self, void *unused)
{
    return PyLong_FromLong(T_FOLD(self));
}

/* "HH:MM:SS.ffffff" cut to the timespec; -1 with ValueError for an unknown one. */
static int format_hms(char *buf, size_t size, int h, int mi, int s, int us, const char *timespec)
{
    if (strcmp(timespec, "auto") == 0) {
        timespec = us != 0 ? "microseconds" : "seconds";
    }
    if (strcmp(timespec, "hours") == 0) {
        return snprintf(buf, size, "%02d", h);
    }
    if (strcmp(timespec, "minutes") == 0) {
        return snprintf(buf, size, "%02d:%02d", h, mi);
    }
    if (strcmp(timespec, "seconds") == 0) {
        return snprintf(buf, size, "%02d:%02d:%02d", h, mi, s);
    }
    if (strcmp(timespec, "milliseconds") == 0) {
        return snprintf(buf, size, "%02d:%02d:%02d.%03d", h, mi, s, us / 1000);
    }
    if (strcmp(timespec, "microseconds") == 0) {
        return snprintf(buf, size, "%02d:%02d:%02d.%06d", h, mi, s, us);
    }
    PyErr_SetString(PyExc_ValueError, "Unknown timespec value");
    return -1;
}

static PyObject *time_utcoffset(PyObject *self, PyObject *unused)
{
    return call_offset(T_TZ(self), "utcoffset", Py_None);
}

static PyObject *time_dst(PyObject *self, PyObject *unused)
{
    return call_offset(T_TZ(self), "dst", Py_None);
}

static PyObject *time_tzname(PyObject *self, PyObject *unused)
{
    return call_tzname(T_TZ(self), Py_None);
}

static PyObject *time_isoformat(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"timespec", NULL};
    const char *timespec = "auto";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|s:isoformat", kws, &timespec)) {
        return NULL;
    }
    char buf[64];
    int n = format_hms(buf, sizeof buf, T_HOUR(self), T_MINUTE(self), T_SECOND(self), T_US(self), timespec);
    if (n < 0) {
        return NULL;
    }
    PyObject *off = time_utcoffset(self, NULL);
    if (off == NULL) {
        return NULL;
    }
    format_offset(buf + n, sizeof buf - n, off, ":");
    Py_DECREF(off);
    return PyUnicode_FromString(buf);
}

static PyObject *time_str(PyObject *self)
{
    return PyObject_CallMethod(self, "isoformat", NULL);
}

static PyObject *time_repr(PyObject *self)
{
    const char *name = Py_TYPE(self)->tp_name;
    int h = T_HOUR(self), mi = T_MINUTE(self), s = T_SECOND(self), us = T_US(self);
    PyObject *r = us != 0 ? PyUnicode_FromFormat("%s(%d, %d, %d, %d", name, h, mi, s, us)
        : s != 0 ? PyUnicode_FromFormat("%s(%d, %d, %d", name, h, mi, s)
        : PyUnicode_FromFormat("%s(%d, %d", name, h, mi);
    if (r != NULL && _PyDateTime_HAS_TZINFO(self)) {
        Py_SETREF(r, PyUnicode_FromFormat("%U, tzinfo=%R", r, T_TZ(self)));
    }
    if (r != NULL && T_FOLD(self)) {
        Py_SETREF(r, PyUnicode_FromFormat("%U, fold=1", r));
    }
    if (r != NULL) {
        Py_SETREF(r, PyUnicode_FromFormat("%U)", r));
    }
    return r;
}

/* Seconds since midnight minus the UTC offset, and microseconds, for comparing aware times. */
static long long time_utc_seconds(PyObject *t, PyObject *offset)
{
    return (long long)T_HOUR(t) * 3600 + T_MINUTE(t) * 60 + T_SECOND(t)
        - ((long long)D_DAYS(offset) * SECONDS_PER_DAY + D_SECONDS(offset));
}

static PyObject *time_richcompare(PyObject *a, PyObject *b, int op)
{
    if (!IS_TIME(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (T_TZ(a) == T_TZ(b)) {
        return diff_to_bool(memcmp(((PyDateTime_Time *)a)->data, ((PyDateTime_Time *)b)->data,
                                   _PyDateTime_TIME_DATASIZE), op);
    }
    PyObject *oa = time_utcoffset(a, NULL);
    PyObject *ob = oa != NULL ? time_utcoffset(b, NULL) : NULL;
    PyObject *r = NULL;
    if (ob == NULL) {
        goto done;
    }
    if ((oa == Py_None && ob == Py_None) || (oa != Py_None && ob != Py_None && delta_cmp(oa, ob) == 0)) {
        r = diff_to_bool(memcmp(((PyDateTime_Time *)a)->data, ((PyDateTime_Time *)b)->data,
                                _PyDateTime_TIME_DATASIZE), op);
    }
    else if (oa != Py_None && ob != Py_None) {
        long long sa = time_utc_seconds(a, oa) * US_PER_SECOND + T_US(a) - (long long)D_US(oa);
        long long sb = time_utc_seconds(b, ob) * US_PER_SECOND + T_US(b) - (long long)D_US(ob);
        r = diff_to_bool(sa < sb ? -1 : sa > sb, op);
    }
    else if (op == Py_EQ || op == Py_NE) {
        r = Py_NewRef(op == Py_EQ ? Py_False : Py_True);
    }
    else {
        PyErr_SetString(PyExc_TypeError, "can't compare offset-naive and offset-aware times");
    }
done:
    Py_XDECREF(oa);
    Py_XDECREF(ob);
    return r;
}

static Py_hash_t time_hash(PyObject *self)
{
    PyDateTime_Time *t = (PyDateTime_Time *)self;
    if (t->hashcode != -1) {
        return t->hashcode;
    }
    PyObject *off = time_utcoffset(self, NULL);
    if (off == NULL) {
        return -1;
    }
    Py_hash_t h = -1;
    if (off == Py_None || !delta_bool(off)) {
        if (off == Py_None) {
            bytes_hash_of(t->data, _PyDateTime_TIME_DATASIZE, &h);
        }
        else {
            PyObject *d = new_delta(0, (long long)T_HOUR(self) * 3600 + T_MINUTE(self) * 60 + T_SECOND(self), T_US(self));
            h = d != NULL ? delta_hash(d) : -1;
            Py_XDECREF(d);
        }
    }
    else {
        PyObject *d = new_delta(-(long long)D_DAYS(off),
                                (long long)T_HOUR(self) * 3600 + T_MINUTE(self) * 60 + T_SECOND(self) - D_SECONDS(off),
                                (long long)T_US(self) - D_US(off));
        h = d != NULL ? delta_hash(d) : -1;
        Py_XDECREF(d);
    }
    Py_DECREF(off);
    if (h != -1) {
        t->hashcode = h;
    }
    return h;
}

static int time_bool(PyObject *self)
{
    return 1;
}

static PyObject *time_replace(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"hour", "minute", "second", "microsecond", "tzinfo", "fold", NULL};
    int h = T_HOUR(self), mi = T_MINUTE(self), s = T_SECOND(self), us = T_US(self), fold = T_FOLD(self);
    PyObject *tz = T_TZ(self);
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|iiiiO$i:replace", kws, &h, &mi, &s, &us, &tz, &fold)) {
        return NULL;
    }
    return new_time(h, mi, s, us, tz, fold, Py_TYPE(self));
}

static PyGetSetDef time_getset[] = {
    {"hour", time_hour, NULL, NULL, NULL},
    {"minute", time_minute, NULL, NULL, NULL},
    {"second", time_second, NULL, NULL, NULL},
    {"microsecond", time_microsecond, NULL, NULL, NULL},
    {"tzinfo", time_tzinfo, NULL, NULL, NULL},
    {"fold", time_fold, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMethodDef time_methods[] = {
    {"isoformat", (PyCFunction)(void (*)(void))time_isoformat, METH_VARARGS | METH_KEYWORDS, NULL},
    {"utcoffset", time_utcoffset, METH_NOARGS, NULL},
    {"tzname", time_tzname, METH_NOARGS, NULL},
    {"dst", time_dst, METH_NOARGS, NULL},
    {"replace", (PyCFunction)(void (*)(void))time_replace, METH_VARARGS | METH_KEYWORDS, NULL},
    {"__replace__", (PyCFunction)(void (*)(void))time_replace, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyNumberMethods time_as_number = {
    .nb_bool = time_bool,
};

static PyTypeObject TimeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "datetime.time",
    .tp_basicsize = sizeof(PyDateTime_Time),
    .tp_dealloc = tz_holder_dealloc,
    .tp_repr = time_repr,
    .tp_as_number = &time_as_number,
    .tp_hash = time_hash,
    .tp_str = time_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_richcompare = time_richcompare,
    .tp_methods = time_methods,
    .tp_getset = time_getset,
    .tp_new = time_new,
};

/* ---- datetime ---- */

static PyObject *datetime_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold", NULL};
    int y, m, d, h = 0, mi = 0, s = 0, us = 0, fold = 0;
    PyObject *tz = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "iii|iiiiO$i", kws, &y, &m, &d, &h, &mi, &s, &us, &tz, &fold)) {
        return NULL;
    }
    return new_datetime(y, m, d, h, mi, s, us, tz, fold, type);
}

static PyObject *datetime_hour(PyObject *self, void *unused)
{
    return PyLong_FromLong(DT_HOUR(self));
}

static PyObject *datetime_minute(PyObject *self, void *unused)
{
    return PyLong_FromLong(DT_MINUTE(self));
}

static PyObject *datetime_second(PyObject *self, void *unused)
{
    return PyLong_FromLong(DT_SECOND(self));
}

static PyObject *datetime_microsecond(PyObject *self, void *unused)
{
    return PyLong_FromLong(DT_US(self));
}

static PyObject *datetime_tzinfo(PyObject *self, void *unused)
{
    return Py_NewRef(DT_TZ(self));
}

static PyObject *datetime_fold(PyObject *self, void *unused)
{
    return PyLong_FromLong(DT_FOLD(self));
}

/* A datetime from a timestamp: local time, or UTC converted by tz.fromutc when tz is given; utc alone gives a
   naive UTC datetime. */
static PyObject *datetime_from_timestamp(PyTypeObject *cls, PyObject *ts, PyObject *tz, int utc)
{
    time_t secs;
    int us;
    struct tm tm;
    if (timestamp_parts(ts, &secs, &us) < 0 || broken_down(secs, !utc && tz == Py_None, &tm) < 0) {
        return NULL;
    }
    PyObject *r = new_datetime(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, us,
                               tz, 0, cls);
    if (r != NULL && tz != Py_None) {
        Py_SETREF(r, PyObject_CallMethod(tz, "fromutc", "O", r));
    }
    return r;
}

static PyObject *datetime_fromtimestamp(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"timestamp", "tz", NULL};
    PyObject *ts, *tz = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O:fromtimestamp", kws, &ts, &tz) || check_tzinfo(tz) < 0) {
        return NULL;
    }
    return datetime_from_timestamp((PyTypeObject *)cls, ts, tz, 0);
}

static PyObject *datetime_utcfromtimestamp(PyObject *cls, PyObject *args)
{
    PyObject *ts;
    if (!PyArg_ParseTuple(args, "O:utcfromtimestamp", &ts)) {
        return NULL;
    }
    if (PyErr_WarnEx(PyExc_DeprecationWarning,
                     "datetime.datetime.utcfromtimestamp() is deprecated and scheduled for removal in a future "
                     "version. Use timezone-aware objects to represent datetimes in UTC: "
                     "datetime.datetime.fromtimestamp(timestamp, datetime.UTC).", 1) < 0) {
        return NULL;
    }
    return datetime_from_timestamp((PyTypeObject *)cls, ts, Py_None, 1);
}

static PyObject *datetime_now(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"tz", NULL};
    PyObject *tz = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:now", kws, &tz) || check_tzinfo(tz) < 0) {
        return NULL;
    }
    PyObject *ts = now_timestamp();
    PyObject *r = ts != NULL ? datetime_from_timestamp((PyTypeObject *)cls, ts, tz, 0) : NULL;
    Py_XDECREF(ts);
    return r;
}

static PyObject *datetime_utcnow(PyObject *cls, PyObject *unused)
{
    if (PyErr_WarnEx(PyExc_DeprecationWarning,
                     "datetime.datetime.utcnow() is deprecated and scheduled for removal in a future version. Use "
                     "timezone-aware objects to represent datetimes in UTC: datetime.datetime.now(datetime.UTC).",
                     1) < 0) {
        return NULL;
    }
    PyObject *ts = now_timestamp();
    PyObject *r = ts != NULL ? datetime_from_timestamp((PyTypeObject *)cls, ts, Py_None, 1) : NULL;
    Py_XDECREF(ts);
    return r;
}

/* The capsule's DateTime_FromTimestamp: fromtimestamp's arguments. */
static PyObject *capi_datetime_from_timestamp(PyObject *cls, PyObject *args, PyObject *kw)
{
    return datetime_fromtimestamp(cls, args, kw);
}

static PyObject *datetime_combine(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"date", "time", "tzinfo", NULL};
    PyObject *date, *time, *tz = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!O!|O:combine", kws, &DateType, &date, &TimeType, &time, &tz)) {
        return NULL;
    }
    if (tz == NULL) {
        tz = T_TZ(time);
    }
    return new_datetime(YEAR(date), MONTH(date), DAY(date), T_HOUR(time), T_MINUTE(time), T_SECOND(time),
                        T_US(time), tz, T_FOLD(time), (PyTypeObject *)cls);
}

static PyObject *datetime_utcoffset(PyObject *self, PyObject *unused)
{
    return call_offset(DT_TZ(self), "utcoffset", self);
}

static PyObject *datetime_dst(PyObject *self, PyObject *unused)
{
    return call_offset(DT_TZ(self), "dst", self);
}

static PyObject *datetime_tzname(PyObject *self, PyObject *unused)
{
    return call_tzname(DT_TZ(self), self);
}

static PyObject *datetime_isoformat(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"sep", "timespec", NULL};
    int sep = 'T';
    const char *timespec = "auto";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|Cs:isoformat", kws, &sep, &timespec)) {
        return NULL;
    }
    char buf[96];
    int n = snprintf(buf, sizeof buf, "%04d-%02d-%02d", YEAR(self), MONTH(self), DAY(self));
    int m = format_hms(buf + n, sizeof buf - n, DT_HOUR(self), DT_MINUTE(self), DT_SECOND(self), DT_US(self),
                       timespec);
    if (m < 0) {
        return NULL;
    }
    PyObject *off = datetime_utcoffset(self, NULL);
    if (off == NULL) {
        return NULL;
    }
    format_offset(buf + n + m, sizeof buf - n - m, off, ":");
    Py_DECREF(off);
    PyObject *date = PyUnicode_FromStringAndSize(buf, n);
    PyObject *rest = PyUnicode_FromString(buf + n);
    PyObject *r = date != NULL && rest != NULL ? PyUnicode_FromFormat("%U%c%U", date, sep, rest) : NULL;
    Py_XDECREF(date);
    Py_XDECREF(rest);
    return r;
}

static PyObject *datetime_str(PyObject *self)
{
    return PyObject_CallMethod(self, "isoformat", "s", " ");
}

static PyObject *datetime_repr(PyObject *self)
{
    const char *name = Py_TYPE(self)->tp_name;
    int y = YEAR(self), mo = MONTH(self), d = DAY(self);
    int h = DT_HOUR(self), mi = DT_MINUTE(self), s = DT_SECOND(self), us = DT_US(self);
    PyObject *r = us != 0 ? PyUnicode_FromFormat("%s(%d, %d, %d, %d, %d, %d, %d", name, y, mo, d, h, mi, s, us)
        : s != 0 ? PyUnicode_FromFormat("%s(%d, %d, %d, %d, %d, %d", name, y, mo, d, h, mi, s)
        : PyUnicode_FromFormat("%s(%d, %d, %d, %d, %d", name, y, mo, d, h, mi);
    if (r != NULL && DT_FOLD(self)) {
        Py_SETREF(r, PyUnicode_FromFormat("%U, fold=1", r));
    }
    if (r != NULL && _PyDateTime_HAS_TZINFO(self)) {
        Py_SETREF(r, PyUnicode_FromFormat("%U, tzinfo=%R", r, DT_TZ(self)));
    }
    if (r != NULL) {
        Py_SETREF(r, PyUnicode_FromFormat("%U)", r));
    }
    return r;
}

static PyObject *datetime_date(PyObject *self, PyObject *unused)
{
    return new_date(YEAR(self), MONTH(self), DAY(self), &DateType);
}

static PyObject *datetime_time(PyObject *self, PyObject *unused)
{
    return new_time(DT_HOUR(self), DT_MINUTE(self), DT_SECOND(self), DT_US(self), Py_None, DT_FOLD(self), &TimeType);
}

static PyObject *datetime_timetz(PyObject *self, PyObject *unused)
{
    return new_time(DT_HOUR(self), DT_MINUTE(self), DT_SECOND(self), DT_US(self), DT_TZ(self), DT_FOLD(self),
                    &TimeType);
}

static PyObject *datetime_replace(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold", NULL};
    int y = YEAR(self), mo = MONTH(self), d = DAY(self), h = DT_HOUR(self), mi = DT_MINUTE(self);
    int s = DT_SECOND(self), us = DT_US(self), fold = DT_FOLD(self);
    PyObject *tz = DT_TZ(self);
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|iiiiiiiO$i:replace", kws, &y, &mo, &d, &h, &mi, &s, &us, &tz,
                                     &fold)) {
        return NULL;
    }
    return new_datetime(y, mo, d, h, mi, s, us, tz, fold, Py_TYPE(self));
}

/* dt + factor * delta, keeping dt's tzinfo and type. */
static PyObject *datetime_add_delta(PyObject *dt, PyObject *delta, int factor)
{
    long long days = ymd_to_ordinal(YEAR(dt), MONTH(dt), DAY(dt)) + (long long)factor * D_DAYS(delta);
    long long secs = (long long)DT_HOUR(dt) * 3600 + DT_MINUTE(dt) * 60 + DT_SECOND(dt)
        + (long long)factor * D_SECONDS(delta);
    long long us = DT_US(dt) + (long long)factor * D_US(delta);
    secs += floor_div(us, US_PER_SECOND);
    us = floor_mod(us, US_PER_SECOND);
    days += floor_div(secs, SECONDS_PER_DAY);
    secs = floor_mod(secs, SECONDS_PER_DAY);
    if (days < 1 || days > MAXORDINAL) {
        PyErr_SetString(PyExc_OverflowError, "date value out of range");
        return NULL;
    }
    int y, m, d;
    ordinal_to_ymd((int)days, &y, &m, &d);
    return new_datetime(y, m, d, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60), (int)us, DT_TZ(dt), 0,
                        Py_TYPE(dt));
}

static PyObject *datetime_add(PyObject *a, PyObject *b)
{
    if (IS_DATETIME(a) && IS_DELTA(b)) {
        return datetime_add_delta(a, b, 1);
    }
    if (IS_DELTA(a) && IS_DATETIME(b)) {
        return datetime_add_delta(b, a, 1);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

/* a - b for two datetimes, offsets applied unless they share the tzinfo object. */
static PyObject *datetime_difference(PyObject *a, PyObject *b)
{
    PyObject *oa = NULL, *ob = NULL, *r = NULL;
    if (DT_TZ(a) != DT_TZ(b)) {
        oa = datetime_utcoffset(a, NULL);
        ob = oa != NULL ? datetime_utcoffset(b, NULL) : NULL;
        if (ob == NULL) {
            goto done;
        }
        if ((oa == Py_None) != (ob == Py_None)) {
            PyErr_SetString(PyExc_TypeError, "can't subtract offset-naive and offset-aware datetimes");
            goto done;
        }
    }
    long long days = (long long)ymd_to_ordinal(YEAR(a), MONTH(a), DAY(a)) - ymd_to_ordinal(YEAR(b), MONTH(b), DAY(b));
    long long secs = (long long)(DT_HOUR(a) - DT_HOUR(b)) * 3600 + (DT_MINUTE(a) - DT_MINUTE(b)) * 60
        + (DT_SECOND(a) - DT_SECOND(b));
    long long us = (long long)DT_US(a) - DT_US(b);
    if (oa != NULL && oa != Py_None) {
        days -= (long long)D_DAYS(oa) - D_DAYS(ob);
        secs -= (long long)D_SECONDS(oa) - D_SECONDS(ob);
        us -= (long long)D_US(oa) - D_US(ob);
    }
    r = new_delta(days, secs, us);
done:
    Py_XDECREF(oa);
    Py_XDECREF(ob);
    return r;
}

static PyObject *datetime_subtract(PyObject *a, PyObject *b)
{
    if (!IS_DATETIME(a)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (IS_DATETIME(b)) {
        return datetime_difference(a, b);
    }
    if (IS_DELTA(b)) {
        return datetime_add_delta(a, b, -1);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *datetime_richcompare(PyObject *a, PyObject *b, int op)
{
    if (!IS_DATETIME(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (DT_TZ(a) == DT_TZ(b)) {
        return diff_to_bool(memcmp(((PyDateTime_DateTime *)a)->data, ((PyDateTime_DateTime *)b)->data,
                                   _PyDateTime_DATETIME_DATASIZE), op);
    }
    PyObject *oa = datetime_utcoffset(a, NULL);
    PyObject *ob = oa != NULL ? datetime_utcoffset(b, NULL) : NULL;
    PyObject *r = NULL;
    if (ob == NULL) {
        goto done;
    }
    if ((oa == Py_None && ob == Py_None) || (oa != Py_None && ob != Py_None && delta_cmp(oa, ob) == 0)) {
        r = diff_to_bool(memcmp(((PyDateTime_DateTime *)a)->data, ((PyDateTime_DateTime *)b)->data,
                                _PyDateTime_DATETIME_DATASIZE), op);
    }
    else if (oa != Py_None && ob != Py_None) {
        PyObject *diff = datetime_difference(a, b);
        if (diff != NULL) {
            r = diff_to_bool(D_DAYS(diff) < 0 ? -1 : delta_bool(diff), op);
            Py_DECREF(diff);
        }
    }
    else if (op == Py_EQ || op == Py_NE) {
        r = Py_NewRef(op == Py_EQ ? Py_False : Py_True);
    }
    else {
        PyErr_SetString(PyExc_TypeError, "can't compare offset-naive and offset-aware datetimes");
    }
done:
    Py_XDECREF(oa);
    Py_XDECREF(ob);
    return r;
}

static Py_hash_t datetime_hash(PyObject *self)
{
    PyDateTime_DateTime *dt = (PyDateTime_DateTime *)self;
    if (dt->hashcode != -1) {
        return dt->hashcode;
    }
    PyObject *probe = self;
    if (DT_FOLD(self)) {
        /* the hash is that of the fold=0 twin, which compares equal */
        probe = new_datetime(YEAR(self), MONTH(self), DAY(self), DT_HOUR(self), DT_MINUTE(self), DT_SECOND(self),
                             DT_US(self), DT_TZ(self), 0, Py_TYPE(self));
        if (probe == NULL) {
            return -1;
        }
    }
    else {
        Py_INCREF(probe);
    }
    PyObject *off = datetime_utcoffset(probe, NULL);
    Py_DECREF(probe);
    if (off == NULL) {
        return -1;
    }
    Py_hash_t h = -1;
    if (off == Py_None) {
        bytes_hash_of(dt->data, _PyDateTime_DATETIME_DATASIZE, &h);
    }
    else {
        long long days = ymd_to_ordinal(YEAR(self), MONTH(self), DAY(self));
        long long secs = (long long)DT_HOUR(self) * 3600 + DT_MINUTE(self) * 60 + DT_SECOND(self);
        PyObject *d = new_delta(days - D_DAYS(off), secs - D_SECONDS(off), (long long)DT_US(self) - D_US(off));
        h = d != NULL ? delta_hash(d) : -1;
        Py_XDECREF(d);
    }
    Py_DECREF(off);
    if (h != -1) {
        dt->hashcode = h;
    }
    return h;
}

/* The POSIX time of a datetime's fields read as UTC. */
static time_t posix_of_fields(PyObject *dt)
{
    return (time_t)(((long long)ymd_to_ordinal(YEAR(dt), MONTH(dt), DAY(dt)) - ymd_to_ordinal(1970, 1, 1)) * SECONDS_PER_DAY
                    + (long long)DT_HOUR(dt) * 3600 + DT_MINUTE(dt) * 60 + DT_SECOND(dt));
}

/* The local zone at a POSIX time, as a timezone named the C library's way. */
static PyObject *local_timezone_at(time_t t)
{
    struct tm tm;
    if (broken_down(t, 1, &tm) < 0) {
        return NULL;
    }
    PyObject *offset = new_delta(0, tm.tm_gmtoff, 0);
    PyObject *name = offset != NULL && tm.tm_zone != NULL ? PyUnicode_DecodeLocale(tm.tm_zone, "surrogateescape")
                                                           : NULL;
    PyObject *r = name != NULL ? new_timezone(offset, name) : NULL;
    Py_XDECREF(offset);
    Py_XDECREF(name);
    return r;
}

/* Seconds since the epoch of a naive datetime read as local time (the C library's mktime decides folds). */
static int local_to_posix(PyObject *self, time_t *out)
{
    struct tm tm = {0};
    tm.tm_year = YEAR(self) - 1900;
    tm.tm_mon = MONTH(self) - 1;
    tm.tm_mday = DAY(self);
    tm.tm_hour = DT_HOUR(self);
    tm.tm_min = DT_MINUTE(self);
    tm.tm_sec = DT_SECOND(self);
    tm.tm_isdst = -1;
    errno = 0;
    time_t t = mktime(&tm);
    if (t == (time_t)-1 && errno != 0) {
        PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
        return -1;
    }
    *out = t;
    return 0;
}

static PyObject *datetime_timestamp(PyObject *self, PyObject *unused)
{
    PyObject *off = datetime_utcoffset(self, NULL);
    if (off == NULL) {
        return NULL;
    }
    if (off != Py_None) {
        Py_DECREF(off);
        PyObject *d = datetime_difference(self, unix_epoch);
        PyObject *r = d != NULL ? delta_total_seconds(d, NULL) : NULL;
        Py_XDECREF(d);
        return r;
    }
    Py_DECREF(off);
    time_t t;
    if (local_to_posix(self, &t) < 0) {
        return NULL;
    }
    return PyFloat_FromDouble((double)t + DT_US(self) / 1e6);
}

static PyObject *datetime_astimezone(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kws[] = {"tz", NULL};
    PyObject *tz = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:astimezone", kws, &tz) || check_tzinfo(tz) < 0) {
        return NULL;
    }
    if (DT_TZ(self) == tz && tz != Py_None) {
        return Py_NewRef(self);
    }
    PyObject *off = datetime_utcoffset(self, NULL);
    if (off == NULL) {
        return NULL;
    }
    PyObject *utc = NULL;
    if (off == Py_None) {
        /* naive: local time */
        time_t t;
        PyObject *local = NULL;
        if (local_to_posix(self, &t) == 0 && (local = local_timezone_at(t)) != NULL) {
            PyObject *lo = ((ftb_timezone *)local)->offset;
            utc = datetime_add_delta(self, lo, -1);
        }
        Py_XDECREF(local);
    }
    else {
        utc = datetime_add_delta(self, off, -1);
    }
    Py_DECREF(off);
    if (utc == NULL) {
        return NULL;
    }
    PyObject *target = tz != Py_None ? Py_NewRef(tz) : local_timezone_at(posix_of_fields(utc));
    if (target == NULL) {
        Py_DECREF(utc);
        return NULL;
    }
    PyObject *moved = new_datetime(YEAR(utc), MONTH(utc), DAY(utc), DT_HOUR(utc), DT_MINUTE(utc), DT_SECOND(utc),
                                   DT_US(utc), target, 0, Py_TYPE(self));
    Py_DECREF(utc);
    PyObject *r = moved != NULL ? PyObject_CallMethod(target, "fromutc", "O", moved) : NULL;
    Py_XDECREF(moved);
    Py_DECREF(target);
    return r;
}

static PyGetSetDef datetime_getset[] = {
    {"hour", datetime_hour, NULL, NULL, NULL},
    {"minute", datetime_minute, NULL, NULL, NULL},
    {"second", datetime_second, NULL, NULL, NULL},
    {"microsecond", datetime_microsecond, NULL, NULL, NULL},
    {"tzinfo", datetime_tzinfo, NULL, NULL, NULL},
    {"fold", datetime_fold, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#define KW_METHOD(f) (PyCFunction)(void (*)(void))(f), METH_VARARGS | METH_KEYWORDS

static PyMethodDef datetime_methods[] = {
    {"now", KW_METHOD(datetime_now) | METH_CLASS, NULL},
    {"utcnow", datetime_utcnow, METH_NOARGS | METH_CLASS, NULL},
    {"fromtimestamp", KW_METHOD(datetime_fromtimestamp) | METH_CLASS, NULL},
    {"utcfromtimestamp", datetime_utcfromtimestamp, METH_VARARGS | METH_CLASS, NULL},
    {"combine", KW_METHOD(datetime_combine) | METH_CLASS, NULL},
    {"date", datetime_date, METH_NOARGS, NULL},
    {"time", datetime_time, METH_NOARGS, NULL},
    {"timetz", datetime_timetz, METH_NOARGS, NULL},
    {"timestamp", datetime_timestamp, METH_NOARGS, NULL},
    {"utcoffset", datetime_utcoffset, METH_NOARGS, NULL},
    {"tzname", datetime_tzname, METH_NOARGS, NULL},
    {"dst", datetime_dst, METH_NOARGS, NULL},
    {"isoformat", KW_METHOD(datetime_isoformat), NULL},
    {"replace", KW_METHOD(datetime_replace), NULL},
    {"__replace__", KW_METHOD(datetime_replace), NULL},
    {"astimezone", KW_METHOD(datetime_astimezone), NULL},
    {NULL, NULL, 0, NULL},
};

static PyNumberMethods datetime_as_number = {
    .nb_add = datetime_add,
    .nb_subtract = datetime_subtract,
};

static PyTypeObject DateTimeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "datetime.datetime",
    .tp_basicsize = sizeof(PyDateTime_DateTime),
    .tp_dealloc = tz_holder_dealloc,
    .tp_repr = datetime_repr,
    .tp_as_number = &datetime_as_number,
    .tp_hash = datetime_hash,
    .tp_str = datetime_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_richcompare = datetime_richcompare,
    .tp_methods = datetime_methods,
    .tp_getset = datetime_getset,
    .tp_base = &DateType,
    .tp_new = datetime_new,
};

/* ---- the module ---- */

static PyDateTime_CAPI capi = {
    .DateType = &DateType,
    .DateTimeType = &DateTimeType,
    .TimeType = &TimeType,
    .DeltaType = &DeltaType,
    .TZInfoType = &TZInfoType,
    .Date_FromDate = capi_date,
    .DateTime_FromDateAndTime = capi_datetime,
    .Time_FromTime = capi_time,
    .Delta_FromDelta = capi_delta,
    .TimeZone_FromTimeZone = capi_timezone,
    .DateTime_FromTimestamp = capi_datetime_from_timestamp,
    .Date_FromTimestamp = capi_date_from_timestamp,
    .DateTime_FromDateAndTimeAndFold = capi_datetime_fold,
    .Time_FromTimeAndFold = capi_time_fold,
};

/* Sets type.name = value, taking the reference to value; -1 on error. */
static int set_class_attr(PyTypeObject *type, const char *name, PyObject *value)
{
    if (value == NULL) {
        return -1;
    }
    int r = PyObject_SetAttrString((PyObject *)type, name, value);
    Py_DECREF(value);
    return r;
}

static int ready_types(void)
{
    PyTypeObject *types[] = {&DateType, &DateTimeType, &TimeType, &DeltaType, &TZInfoType, &TimeZoneType};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (PyType_Ready(types[i]) < 0) {
            return -1;
        }
    }
    PyObject *zero = new_delta(0, 0, 0);
    if (zero == NULL) {
        return -1;
    }
    ftb_timezone *utc = PyObject_New(ftb_timezone, &TimeZoneType);
    if (utc == NULL) {
        Py_DECREF(zero);
        return -1;
    }
    utc->offset = zero;
    utc->name = NULL;
    utc_singleton = (PyObject *)utc;
    capi.TimeZone_UTC = utc_singleton;
    unix_epoch = new_datetime(1970, 1, 1, 0, 0, 0, 0, utc_singleton, 0, &DateTimeType);
    if (unix_epoch == NULL) {
        return -1;
    }
    PyObject *day = new_delta(1, 0, 0), *us = new_delta(0, 0, 1);
    PyObject *tzmin = new_delta(0, -(23 * 3600 + 59 * 60), 0), *tzmax = new_delta(0, 23 * 3600 + 59 * 60, 0);
    int failed = day == NULL || us == NULL || tzmin == NULL || tzmax == NULL
        || set_class_attr(&DeltaType, "min", new_delta(-MAX_DELTA_DAYS, 0, 0)) < 0
        || set_class_attr(&DeltaType, "max", new_delta(MAX_DELTA_DAYS, SECONDS_PER_DAY - 1, US_PER_SECOND - 1)) < 0
        || set_class_attr(&DeltaType, "resolution", Py_NewRef(us)) < 0
        || set_class_attr(&DateType, "min", new_date(1, 1, 1, &DateType)) < 0
        || set_class_attr(&DateType, "max", new_date(MAXYEAR, 12, 31, &DateType)) < 0
        || set_class_attr(&DateType, "resolution", Py_NewRef(day)) < 0
        || set_class_attr(&TimeType, "min", new_time(0, 0, 0, 0, Py_None, 0, &TimeType)) < 0
        || set_class_attr(&TimeType, "max", new_time(23, 59, 59, 999999, Py_None, 0, &TimeType)) < 0
        || set_class_attr(&TimeType, "resolution", Py_NewRef(us)) < 0
        || set_class_attr(&DateTimeType, "min", new_datetime(1, 1, 1, 0, 0, 0, 0, Py_None, 0, &DateTimeType)) < 0
        || set_class_attr(&DateTimeType, "max",
                          new_datetime(MAXYEAR, 12, 31, 23, 59, 59, 999999, Py_None, 0, &DateTimeType)) < 0
        || set_class_attr(&DateTimeType, "resolution", Py_NewRef(us)) < 0
        || set_class_attr(&TimeZoneType, "utc", Py_NewRef(utc_singleton)) < 0
        || set_class_attr(&TimeZoneType, "min", new_timezone(tzmin, NULL)) < 0
        || set_class_attr(&TimeZoneType, "max", new_timezone(tzmax, NULL)) < 0;
    Py_XDECREF(day);
    Py_XDECREF(us);
    Py_XDECREF(tzmin);
    Py_XDECREF(tzmax);
    return failed ? -1 : 0;
}

static int add_object(PyObject *m, const char *name, PyObject *value)
{
    return PyModule_Add(m, name, value);
}

/* Fills the datetime module m: the types, MINYEAR, MAXYEAR, UTC and the capsule. Called once (DatetimeModule). */
int ftb_datetime_fill(PyObject *m)
{
    if (utc_singleton == NULL && ready_types() < 0) {
        return -1;
    }
    if (add_object(m, "date", Py_NewRef((PyObject *)&DateType)) < 0
        || add_object(m, "datetime", Py_NewRef((PyObject *)&DateTimeType)) < 0
        || add_object(m, "time", Py_NewRef((PyObject *)&TimeType)) < 0
        || add_object(m, "timedelta", Py_NewRef((PyObject *)&DeltaType)) < 0
        || add_object(m, "tzinfo", Py_NewRef((PyObject *)&TZInfoType)) < 0
        || add_object(m, "timezone", Py_NewRef((PyObject *)&TimeZoneType)) < 0
        || add_object(m, "MINYEAR", PyLong_FromLong(MINYEAR)) < 0
        || add_object(m, "MAXYEAR", PyLong_FromLong(MAXYEAR)) < 0
        || add_object(m, "UTC", Py_NewRef(utc_singleton)) < 0
        || add_object(m, "datetime_CAPI", PyCapsule_New(&capi, PyDateTime_CAPSULE_NAME, NULL)) < 0) {
        return -1;
    }
    return 0;
}
