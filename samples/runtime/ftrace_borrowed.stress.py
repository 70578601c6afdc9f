# Stress script for ftrace_borrowed (ftcheck stress / samples/runtime/stress_harness.py).
# worker(0) replaces and pops items, freeing the old ones; the other workers read items through borrowed
# references. Expected: a use-after-free of a borrowed item (FT101); in CPython a RuntimeError from the
# module's own check, a crash, or nothing at all.
import ftrace_borrowed

n = ftrace_borrowed.size()
print("items:", n)


def worker(i):
    if i == 0:
        ftrace_borrowed.replace(200)
        ftrace_borrowed.pop()
    else:
        ftrace_borrowed.peek(200)
        for k in range(8):
            v = ftrace_borrowed.get(k * 8 + i)
