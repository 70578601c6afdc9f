# Stress script for ftrace_dictnext_fixed (ftcheck stress / samples/runtime/stress_harness.py).
# The same load as ftrace_dictnext.stress.py on the fixed twin (critical section around the walk): expected
# clean.
import ftrace_dictnext_fixed

print("entries:", ftrace_dictnext_fixed.size())


def worker(i):
    if i == 0:
        ftrace_dictnext_fixed.mutate(100)
    else:
        total = ftrace_dictnext_fixed.walk()
