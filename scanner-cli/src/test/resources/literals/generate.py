"""Writes cpython-reprs.json: each --call literal below with what CPython's ast.literal_eval makes of it.

Run with CPython 3.13 from the repository root (the committed file came from 3.13.0):
    "$(pyenv root)/versions/3.13.0/bin/python3" scanner-cli/src/test/resources/literals/generate.py \
        > scanner-cli/src/test/resources/literals/cpython-reprs.json
"""
import ast
import json
import platform
import sys
import warnings

LITERALS = [
    # str escapes
    r"'\U0001F600'", r"'\101'", r"'\x41'", r"'\N{BULLET}'", r"'\N{bullet}'", r"'\ud800'", r"'\udfff'",
    r"'\u00e9\u4e2d'", r"'\0'", r"'\7'", r"'\777'", r"'\a\b\f\n\r\t\v'", r"'\\'", r"'\''", r'"\""',
    r"'\d'", r"'tab\there'", "'caf\u00e9'", "'\U0001F600'", r"'\N{LATIN SMALL LETTER E WITH ACUTE}'",
    r"'a' 'b'", r"'''triple 'quoted' '''", r'"it\'s"', r"'\x7f\x80\xa0'", r"'\u200b'", r"u'unicode'",
    # raw strings
    r"r'\n\x41'", r"R'\''", r"r'\N{BULLET}'",
    # bytes
    r"b'\u0041'", r"b'\N{BULLET}'", r"b'\x00\xff'", r"b'\101\777'", r"b'\d'", r"rb'\x41'", r"BR'\n'",
    r"b'a' b'b'", r"b'\''", r"b'\'\"'",
    # ints
    "0x_ff", "0XFF", "0o17", "0b1010", "1_000_000", "-7", "- 7", "+5", "0", "00", "-0",
    "123456789012345678901234567890", "-9223372036854775808", "9223372036854775808", "0x8000000000000000",
    # floats
    "1.5", "1.", ".5", "1e5", "1E-3", "1_0.5e1_0", "-0.0", "1e400", "-1e400", "0.1", "1e16", "1e-5", "123.456e-7",
    # complex
    "2j", "1.5J", "-1j", "1+2j", "1-2j", "-1-2j", "1.5-0j", "0j", "-0j", "1e400j",
    # constants and containers
    "True", "False", "None", "(1,)", "()", "(1, 'a', None)", "[1, [2, (3,)]]", "[]", "{'k': [1, 2], 2: None}",
    "{}", "{1, 2, 3}", "set()", "{1: 'a', True: 'b', 1.0: 'c'}", "{'a': 1, 'a': 2}", "((1, 2), [3])",
    "[1, 2,]", "{'x': {'y': (b'z',)}}",
    # rejected by Python
    "007", r"'\x4'", r"'\N{NO SUCH NAME}'", r"'\U00110000'", "b'\u00e9'", "1__0", "1_", "0x", "f'x'", "--1",
    "[1, 2", "'open", "{[1]: 2}", "1 + 2", "x",
]


def main():
    cases = []
    for text in LITERALS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                cases.append({"literal": text, "repr": repr(ast.literal_eval(text))})
            except (SyntaxError, ValueError, TypeError) as e:
                cases.append({"literal": text, "error": type(e).__name__})
    json.dump({"python": platform.python_version(), "implementation": sys.implementation.name, "cases": cases},
              sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


main()
