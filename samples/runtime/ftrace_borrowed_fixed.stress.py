# Stress script for ftrace_borrowed_fixed (ftcheck stress / samples/runtime/stress_harness.py).
# The same load as ftrace_borrowed.stress.py on the fixed twin (strong references): expected clean.
import ftrace_borrowed_fixed

n = ftrace_borrowed_fixed.size()
print("items:", n)


def worker(i):
    if i == 0:
        ftrace_borrowed_fixed.replace(200)
        ftrace_borrowed_fixed.pop()
    else:
        ftrace_borrowed_fixed.peek(200)
        for k in range(8):
            v = ftrace_borrowed_fixed.get(k * 8 + i)
