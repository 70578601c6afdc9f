# Stress script for ftrace_globalcache_fixed (ftcheck stress / samples/runtime/stress_harness.py).
# The same load as ftrace_globalcache.stress.py on the fixed twin (PyMutex, strong references): expected clean.
import ftrace_globalcache_fixed

print("cache version:", ftrace_globalcache_fixed.version())


def worker(i):
    if i == 0:
        for k in range(10):
            ftrace_globalcache_fixed.refresh()
    else:
        for k in range(10):
            c = ftrace_globalcache_fixed.lookup()
            v = ftrace_globalcache_fixed.version()
