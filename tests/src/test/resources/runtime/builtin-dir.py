"""Writes builtin-dir.json: what CPython shows of each built-in type ftcheck serves.

For every type: its name, sorted(dir(T)), and for each entry of T.__dict__ the name of the entry's type
(method_descriptor, wrapper_descriptor, getset_descriptor, member_descriptor, classmethod_descriptor,
builtin_function_or_method for __new__, staticmethod, or a plain value's type such as str or NoneType).
Run with the reference interpreter: python3.13 builtin-dir.py > builtin-dir.json
"""
import json
import sys


def types():
    s = "ab"
    d = {1: 2}
    yield "object", object
    yield "type", type
    yield "str", str
    yield "bytes", bytes
    yield "bytearray", bytearray
    yield "int", int
    yield "bool", bool
    yield "float", float
    yield "complex", complex
    yield "list", list
    yield "tuple", tuple
    yield "dict", dict
    yield "dict_keys", type(d.keys())
    yield "dict_values", type(d.values())
    yield "dict_items", type(d.items())
    yield "set", set
    yield "frozenset", frozenset
    yield "range", range
    yield "slice", slice
    yield "memoryview", memoryview
    yield "list_iterator", type(iter([]))
    yield "tuple_iterator", type(iter(()))
    yield "str_ascii_iterator", type(iter(s))
    yield "NoneType", type(None)
    yield "BaseException", BaseException
    yield "Exception", Exception
    yield "ValueError", ValueError
    yield "module", type(sys)
    yield "cell", type((lambda: s).__closure__[0])
    yield "builtin_function_or_method", type(len)
    yield "method_descriptor", type(str.split)
    yield "wrapper_descriptor", type(str.__add__)
    yield "getset_descriptor", type(type.__dict__["__name__"])
    yield "member_descriptor", type(type.__dict__["__dictoffset__"])


def describe(t):
    return {
        "dir": sorted(dir(t)),
        "dict": {k: type(v).__name__ for k, v in sorted(t.__dict__.items())},
    }


def main():
    out = {"python": sys.version.split()[0], "types": {name: describe(t) for name, t in types()}}
    json.dump(out, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


main()
