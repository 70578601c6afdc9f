# cython: language_level=3, freethreading_compatible=True
# The third Cython fixture (CythonTest): Python classes (type(name, bases, dict), __prepare__, inheritance,
# super()), a cdef class deriving from list and from dict, property, with nogil:, typed memoryviews over bytes and
# bytearray, an exception escaping from a .pyx line.

class Animal:
    kind = "animal"
    count = 0

    def __init__(self, name):
        self.name = name
        Animal.count += 1

    def speak(self):
        return f"{self.name} makes a sound"

    def describe(self):
        return (self.kind, self.speak())

    @property
    def upper(self):
        return self.name.upper()

    @staticmethod
    def helper(x):
        return x * 2

    @classmethod
    def make(cls, name):
        return cls(name)

class Dog(Animal):
    kind = "dog"

    def __init__(self, name, tricks=()):
        super().__init__(name)
        self.tricks = list(tricks)

    def speak(self):
        return super().speak() + " (woof)"

def classes():
    a = Animal("cat")
    d = Dog("rex", ["sit"])
    return (a.speak(), d.speak(), d.describe(), a.upper, d.tricks, Animal.helper(4), type(Dog.make("fido")).__name__,
            isinstance(d, Animal), issubclass(Dog, Animal), Dog.__name__, Dog.__qualname__, Dog.__module__,
            [c.__name__ for c in Dog.__mro__], Dog.kind, Animal.kind, "speak" in Dog.__dict__, Dog.__doc__)

def class_count():
    before = Animal.count
    Animal("a")
    Dog("b")
    return Animal.count - before

class Meta(type):
    pass

class WithDoc(object, metaclass=Meta):
    "a documented class"
    x = 1

def meta_class():
    return (type(WithDoc).__name__, WithDoc.__doc__, WithDoc.x, WithDoc().x)

def dyn_type():
    T = type("T", (Animal,), {"kind": "dyn", "extra": lambda self: self.name + "!"})
    t = T("zed")
    return (T.__name__, t.describe(), t.extra(), T.__bases__[0].__name__, type(T).__name__)

def type_errors():
    out = []
    try:
        type("X", 1, {})
    except TypeError as e:
        out.append(str(e))
    try:
        type("X", (), 1)
    except TypeError as e:
        out.append(str(e))
    try:
        type("X", ())
    except TypeError as e:
        out.append(str(e))
    return out

cdef class MyList(list):
    cdef public int tag

    def total(self):
        return sum(self)

    def push(self, x):
        self.append(x)
        return len(self)

def list_sub():
    m = MyList([3, 1, 2])
    m.tag = 7
    m.push(5)
    m.sort()
    return (list(m), m.total(), len(m), m[0], isinstance(m, list), m.tag, type(m).__name__, m == [1, 2, 3, 5],
            MyList().total(), MyList("ab") + ["c"])

cdef class MyDict(dict):
    def keys_sorted(self):
        return sorted(self.keys())

def dict_sub():
    d = MyDict(b=2, a=1)
    d["c"] = 3
    return (d.keys_sorted(), len(d), d["a"], isinstance(d, dict), dict(d) == {"a": 1, "b": 2, "c": 3},
            d.get("z", 0))

cdef long csum(long n) nogil:
    cdef long i, s = 0
    for i in range(n):
        s += i
    return s

def nogil_sum(long n):
    cdef long r
    with nogil:
        r = csum(n)
    return r

def nogil_nested(long n):
    cdef long r = 0
    with nogil:
        r = csum(n)
        with gil:
            r += len([1, 2, 3])
    return r

def mv_sum(const unsigned char[:] data):
    cdef Py_ssize_t i
    cdef long s = 0
    for i in range(data.shape[0]):
        s += data[i]
    return s

def mv_fill(unsigned char[:] data, unsigned char v):
    cdef Py_ssize_t i
    for i in range(data.shape[0]):
        data[i] = v + i
    return len(data)

def memoryviews():
    ba = bytearray(b"\x00\x00\x00\x00")
    n = mv_fill(ba, 10)
    return (mv_sum(b"\x01\x02\x03"), mv_sum(bytearray(b"abc")), n, bytes(ba), mv_sum(b""))

def mv_readonly():
    return mv_fill(b"abc", 1)

def mv_slice(const unsigned char[:] data):
    cdef const unsigned char[:] part = data[1:3]
    return (part.shape[0], part[0], part[1])

def fails(x):
    if x > 1:
        raise ValueError(f"too big: {x}")
    return x
