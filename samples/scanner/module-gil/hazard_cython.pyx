# cython: language_level=3
# Hazard twin: a Cython module without the freethreading_compatible directive.

def clamp(double x, double lo, double hi):
    return lo if x < lo else hi if x > hi else x
