# cython: language_level=3
def add(a, b):
    return a + b

cpdef int twice(int x):
    return 2 * x

def greet(name="world"):
    return f"hello {name}"

cdef class Counter:
    cdef public int n
    def __init__(self, start=0):
        self.n = start
    def bump(self):
        self.n += 1
        return self.n

def use_counter():
    c = Counter(5)
    c.bump()
    return c.n

def squares(n):
    return [i * i for i in range(n)]

def gen(n):
    for i in range(n):
        yield i

def listgen(n):
    return list(gen(n))

def catch():
    try:
        raise ValueError("boom")
    except ValueError as e:
        return str(e)

def fail(x):
    raise KeyError(x)

def reraise():
    try:
        try:
            raise TypeError("t")
        except TypeError:
            raise
    except TypeError as e:
        return "again " + str(e)

def gen_catch(n):
    for i in range(n):
        try:
            if i % 2:
                raise ValueError(i)
            yield i
        except ValueError as e:
            yield -e.args[0]

def _returns():
    yield 1
    return 42

def gen_return():
    g = _returns()
    next(g)
    try:
        next(g)
    except StopIteration as e:
        return e.value

def gen_catch_list(n):
    return list(gen_catch(n))
