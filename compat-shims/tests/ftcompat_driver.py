"""Drive the ftcompat.h test extensions in the interpreter running this script.

Usage: python ftcompat_driver.py BUILD_DIR
BUILD_DIR holds ftcompat_test and ftcompat_single built for this interpreter. Prints one line per passed
check group and "FTCOMPAT OK <n>" at the end; any failure raises (non-zero exit).
"""
import gc
import subprocess
import sys
import threading
import weakref

sys.path.insert(0, sys.argv[1])
import ftcompat_test as t  # noqa: E402
import ftcompat_single as s  # noqa: E402

groups = 0


def passed(name):
    global groups
    groups += 1
    print("ok", name, flush=True)


def raises(exc_type, fn, *args):
    try:
        fn(*args)
    except exc_type:
        return True
    raise AssertionError("%s%r did not raise %s" % (fn.__name__, args, exc_type.__name__))


version = sys.version_info[:2]

n = t.selftest()
assert n >= 200, "selftest ran only %d checks" % n
passed("selftest (%d checks in C)" % n)

item = object()
assert t.list_get([item], 0) is item
raises(IndexError, t.list_get, [item], 1)
raises(IndexError, t.list_get, [item], -1)
raises(TypeError, t.list_get, (item,), 0)
passed("PyList_GetItemRef from Python")

value = object()
d = {"k": value}
before = sys.getrefcount(value)
assert t.dict_pop(d, "k") == (1, value) and d == {}
assert sys.getrefcount(value) == before - 1   # the dict's reference was handed over and then dropped
assert t.dict_pop(d, "k") == (0, None)
assert t.dict_pop(d, []) == (0, None)   # empty dict: "missing" without hashing, as in 3.13
d["other"] = 1
raises(TypeError, t.dict_pop, d, [])
passed("PyDict_Pop from Python")


class Target:
    pass


target = Target()
ref = weakref.ref(target)
assert t.weakref_get(ref) == (1, target)
del target
gc.collect()
assert t.weakref_get(ref) == (0, None)
raises(TypeError, t.weakref_get, 42)
passed("PyWeakref_GetRef from Python")

# The 3.14 additions, where Python classes are needed.
class Index:
    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


assert t.as_int32(Index(-5)) == -5 and t.as_uint32(Index(7)) == 7
assert t.as_int64(Index(2 ** 63 - 1)) == 2 ** 63 - 1 and t.as_uint64(Index(2 ** 64 - 1)) == 2 ** 64 - 1
raises(OverflowError, t.as_int32, Index(2 ** 31))
raises(ValueError, t.as_uint64, Index(-1))
raises(TypeError, t.as_int32, 1.5)
raises(TypeError, t.as_uint32, "3")
for bits, signed, fn in ((32, True, t.as_int32), (64, True, t.as_int64), (32, False, t.as_uint32),
                         (64, False, t.as_uint64)):
    lo, hi = (-2 ** (bits - 1), 2 ** (bits - 1) - 1) if signed else (0, 2 ** bits - 1)
    assert fn(lo) == lo and fn(hi) == hi
    raises(OverflowError, fn, hi + 1)
    raises(OverflowError if signed else ValueError, fn, lo - 1)
passed("PyLong_As{Int,UInt}{32,64}: __index__, both ends, one past them")


class LoudStr(str):
    def __eq__(self, other):
        return False

    __hash__ = str.__hash__


assert t.unicode_equal(LoudStr("x"), "x") == 1   # subclasses compare by value; their __eq__ is not called
assert t.unicode_equal("x", LoudStr("y")) == 0
raises(TypeError, t.unicode_equal, b"x", "x")
passed("PyUnicode_Equal on str subclasses")


def failing():
    yield 1
    raise ValueError("from the iterator")


class ExplicitStop:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration


it = failing()
assert t.iter_next_item(it) == (1, 1)
raises(ValueError, t.iter_next_item, it)
assert t.iter_next_item(ExplicitStop()) == (0, None)   # a raised StopIteration is the end, not an error
raises(TypeError, t.iter_next_item, [1])
passed("PyIter_NextItem: values, an error from the iterator, an explicit StopIteration")


class SepBytes(bytes):
    def join(self, items):
        raise AssertionError("PyBytes_Join called an overridden join")


assert t.bytes_join(SepBytes(b"-"), [b"a", bytearray(b"b"), memoryview(b"c")]) == b"a-b-c"
raises(TypeError, t.bytes_join, "-", [b"a"])
for data in (b"", b"x", b"free threading", bytes(range(256))):
    assert t.hash_buffer(data) == hash(data) == hash(memoryview(data)), data
passed("PyBytes_Join with a bytes subclass; Py_HashBuffer equals hash(bytes) and hash(memoryview)")

# Python threads contending on one PyMutex. With release_gil the locked increment runs without the GIL, so
# only the mutex keeps it exclusive, and waiters must release the GIL or the holder could never finish.
THREADS, ITERATIONS = 8, 2000
for release_gil in (False, True):
    t.mutex_reset()
    workers = [threading.Thread(target=t.mutex_increment, args=(ITERATIONS, release_gil)) for _ in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert not w.is_alive(), "mutex_increment thread hung (release_gil=%s)" % release_gil
    assert t.mutex_counter() == THREADS * ITERATIONS, (release_gil, t.mutex_counter())
    passed("PyMutex from %d Python threads, release_gil=%s: %d" % (THREADS, release_gil, t.mutex_counter()))

# Once a sub-interpreter exists, PyGILState_Check() answers "yes" on every thread; the fallback must still tell
# GIL holders from plain C threads (the C-thread contention in selftest) or it releases a GIL it does not hold.
subinterpreters = None
for name in ("_xxsubinterpreters", "_interpreters"):
    try:
        subinterpreters = __import__(name)
        break
    except ImportError:
        pass
if subinterpreters is None:
    print("skipped: no sub-interpreter module in this build")
else:
    interp = subinterpreters.create()
    try:
        assert t.selftest() == n
        t.mutex_reset()
        workers = [threading.Thread(target=t.mutex_increment, args=(ITERATIONS, True)) for _ in range(THREADS)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(120)
            assert not w.is_alive(), "mutex_increment thread hung with a sub-interpreter alive"
        assert t.mutex_counter() == THREADS * ITERATIONS, t.mutex_counter()
    finally:
        subinterpreters.destroy(interp)
    passed("PyMutex with a sub-interpreter alive (%s)" % subinterpreters.__name__)

child = subprocess.run(
    [sys.executable, "-c", "import sys; sys.path.insert(0, %r); import ftcompat_test; ftcompat_test.mutex_unlock_unlocked()"
     % sys.argv[1]], capture_output=True, text=True, timeout=120)
assert child.returncode != 0 and "Fatal Python error" in child.stderr, (child.returncode, child.stderr)
passed("PyMutex_Unlock of an unlocked mutex is fatal (exit %d)" % child.returncode)

expected_slots = 1 if version >= (3, 13) else 0
assert t.GIL_SLOTS == expected_slots, (t.GIL_SLOTS, expected_slots)
assert s.SET_GIL_RESULT == 0
passed("GIL declaration: %d Py_mod_gil slot(s) multi-phase, single-phase call returned 0" % t.GIL_SLOTS)

print("FTCOMPAT OK %d groups, %d C checks, Python %s" % (groups, n, sys.version.split()[0]))
