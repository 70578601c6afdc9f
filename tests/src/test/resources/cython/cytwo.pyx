# cython: language_level=3, freethreading_compatible=True
# The second Cython fixture (CythonTest): closures, lambdas, builtins, f-strings, sys.exc_info, cdef class
# inheritance and special methods, properties, printing.
import sys

def kw(a, b=2, *args, c=3, **kw):
    return (a, b, args, c, len(kw))

def closure(n):
    def inner(x):
        return x + n
    return [inner(i) for i in range(3)]

def counter():
    count = 0
    def bump():
        nonlocal count
        count += 1
        return count
    bump()
    bump()
    return bump()

cdef class Base:
    cdef int v
    def __init__(self, v):
        self.v = v
    cpdef int get(self):
        return self.v

cdef class Derived(Base):
    cpdef int get(self):
        return self.v * 10

def poly():
    return [Base(1).get(), Derived(2).get(), isinstance(Derived(3), Base)]

def dict_iter():
    d = {"a": 1, "b": 2}
    return [(k, v) for k, v in d.items()]

def strs(s):
    return s.upper() + "-" + ",".join(s.split("b"))

def lam():
    f = lambda x: x * 3
    return [f(1), f(2)]

def gexpr(n):
    return list(i for i in range(n))

def finally_(x):
    out = []
    try:
        if x:
            raise IndexError("i")
        out.append("ok")
    except IndexError:
        out.append("caught")
    finally:
        out.append("fin")
    return out

def bigint():
    return 2 ** 70 + 1

cdef double half(double x):
    return x / 2

def floats(x):
    return half(x)

def builtins_use():
    words = ["pear", "fig", "apple", "kiwi"]
    return (sorted(words), sorted(words, key=len), sorted(words, key=len, reverse=True),
            sum([1, 2, 3]), sum([0.5, 0.25], 1), list(map(len, words)), list(map(lambda a, b: a * b, [1, 2], [3, 4])),
            list(filter(lambda w: "i" in w, words)), list(zip(words, range(10))), list(enumerate("ab", 1)),
            list(reversed(words)), min(words), max(words, key=len), min([], default="none"),
            any(w.startswith("a") for w in words), all(len(w) > 2 for w in words), divmod(17, 5), pow(2, 8, 100),
            round(2.675, 2), round(7.5), format(255, "#x"), chr(97) + chr(0x3b1), ord("z"), hex(4096), oct(8),
            bin(10), abs(-3), len(words))

def zip_strict():
    return list(zip([1, 2], [3], strict=True))

def fstrings(x, y):
    return f"{x:>5}|{y!r}|{x * 2:.2f}|{y.upper()}|{x:x}"

def exc_info():
    out = [sys.exc_info() == (None, None, None), sys.exception() is None]
    try:
        raise ValueError("bad")
    except ValueError as e:
        t, v, tb = sys.exc_info()
        out += [t.__name__, str(v), v is e, tb is not None, sys.exception() is e]
    out += [sys.exc_info()[0] is None]
    return out

def nested_exc():
    try:
        raise KeyError("outer")
    except KeyError:
        try:
            raise TypeError("inner")
        except TypeError:
            inner = sys.exc_info()[0].__name__
        outer = sys.exc_info()[0].__name__
    return inner, outer

def chained():
    try:
        try:
            1 / 0
        except ZeroDivisionError as e:
            raise ValueError("wrapped") from e
    except ValueError as v:
        return type(v.__cause__).__name__, str(v)

cdef class Vec:
    cdef list items
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, Py_ssize_t i):
        return self.items[i]
    def __iter__(self):
        return iter(self.items)
    def __richcmp__(self, other, int op):
        if not isinstance(other, Vec):
            return NotImplemented
        a = self.items
        b = (<Vec>other).items
        if op == 0:
            return a < b
        if op == 2:
            return a == b
        if op == 3:
            return a != b
        if op == 4:
            return a > b
        return NotImplemented
    def __hash__(self):
        return hash(tuple(self.items))
    def __repr__(self):
        return f"Vec({', '.join(map(repr, self.items))})"
    @property
    def first(self):
        return self.items[0]
    @first.setter
    def first(self, value):
        self.items[0] = value

def vec_ops():
    v = Vec(3, 1, 2)
    w = Vec(3, 1, 2)
    out = [len(v), v[0], v[-1], list(v), v == w, v != w, v < Vec(3, 1, 5), Vec(4) > v, hash(v) == hash((3, 1, 2)),
           v.first, repr(v), sorted(v), 2 in v, {v: 1}[w]]
    v.first = 9
    out += [v.first, repr(v)]
    return out

def vec_eq_other():
    return Vec(1) == 1

def say(n):
    print("n is", n, sep="=", end="!\n")
    print(*range(n))
    return n
