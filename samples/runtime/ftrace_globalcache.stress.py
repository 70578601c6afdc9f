# Stress script for ftrace_globalcache (ftcheck stress / samples/runtime/stress_harness.py).
# worker(0) replaces the global cache, freeing the old one; the other workers read it through the bare pointer.
# Expected: a use after free of the cached tuple; in CPython a RuntimeError from the module's own check, a crash,
# or nothing at all.
import ftrace_globalcache

print("cache version:", ftrace_globalcache.version())


def worker(i):
    if i == 0:
        for k in range(10):
            ftrace_globalcache.refresh()
    else:
        for k in range(10):
            c = ftrace_globalcache.lookup()
            v = ftrace_globalcache.version()
