# cython: language_level=3
# A Cython module without the freethreading_compatible directive (CythonTest): importing it turns the GIL on with
# CPython's RuntimeWarning.
def hello():
    return "hi"
