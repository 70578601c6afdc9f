# cython: language_level=3, freethreading_compatible=True
# Fixed twin: the directive makes Cython (3.1+) declare Py_MOD_GIL_NOT_USED.

def clamp(double x, double lo, double hi):
    return lo if x < lo else hi if x > hi else x
