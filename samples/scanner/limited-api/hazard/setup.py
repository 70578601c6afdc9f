# Hazard twin: abi3 wheels requested for every interpreter, including free-threaded ones that reject the limited API.
from setuptools import setup, Extension

setup(
    name="checksum",
    version="1.0",
    ext_modules=[Extension("_checksum", ["_checksum.c"], py_limited_api=True)],
    options={"bdist_wheel": {"py_limited_api": "cp39"}},
)
