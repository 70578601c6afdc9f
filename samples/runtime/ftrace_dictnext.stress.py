# Stress script for ftrace_dictnext (ftcheck stress / samples/runtime/stress_harness.py).
# worker(0) inserts and deletes entries; the other workers walk the dict with PyDict_Next, unlocked.
# Expected: PyDict_Next on a dict another thread mutates (FT201); in CPython a RuntimeError from the walk's own
# check, a crash, or nothing at all.
import ftrace_dictnext

print("entries:", ftrace_dictnext.size())


def worker(i):
    if i == 0:
        ftrace_dictnext.mutate(100)
    else:
        total = ftrace_dictnext.walk()
