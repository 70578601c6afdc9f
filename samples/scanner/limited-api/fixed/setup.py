# Fixed twin: abi3 only where the interpreter supports it; free-threaded builds get a version-specific wheel.
import sysconfig
from setuptools import setup, Extension

FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))

setup(
    name="checksum",
    version="1.0",
    ext_modules=[Extension("_checksum", ["_checksum.c"], py_limited_api=not FREE_THREADED)],
    options={} if FREE_THREADED else {"bdist_wheel": {"py_limited_api": "cp39"}},
)
