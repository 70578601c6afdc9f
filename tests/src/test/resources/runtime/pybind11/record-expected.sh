#!/bin/sh
# Records NAME.expected for Pybind11Test: builds NAME.cpp for the free-threaded CPython 3.13.15 (cached by the
# conformance corpus) with the pybind11 headers of the test's venv and runs each line of NAME.calls there, printing
# what ftcheck run prints: "call -> repr" for an expression, the text for a statement (with " -> Type: message" if
# it raised). Messages may span lines (pybind11's overload errors), so the calls live in their own file.
# usage: tests/src/test/resources/runtime/pybind11/record-expected.sh NAME
set -eu
here=$(cd "$(dirname "$0")" && pwd)
name=${1:?usage: record-expected.sh NAME}
cache=${FTCHECK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ftcheck}
py=$cache/cpython/3.13.15t/bin/python3.13t
pb=$cache/venvs/pybind11/bin/python
[ -x "$py" ] || { echo "record-expected: no $py" >&2; exit 2; }
[ -x "$pb" ] || { echo "record-expected: no pybind11 venv at $cache/venvs/pybind11" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inc=$("$py" -c 'import sysconfig; print(sysconfig.get_path("include"))')
suffix=$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
pbinc=$("$pb" -c 'import pybind11; print(pybind11.get_include())')
pbver=$("$pb" -c 'import pybind11; print(pybind11.__version__)')
g++ -std=c++17 -shared -fPIC -O1 -I"$pbinc" -I"$inc" "$here/$name.cpp" -o "$work/$name$suffix"
"$py" -S - "$work" "$name" "$here/$name.expected" "$pbver" "$here/$name.calls" <<'PY'
import importlib, sys, sysconfig
work, name, out, pbver = sys.argv[1:5]
sys.path.insert(0, work)
mod = importlib.import_module(name)
ns = dict(vars(mod))
ft = "free-threaded" if sysconfig.get_config_var("Py_GIL_DISABLED") else "GIL build"
lines = ["# %s: call -> repr, from CPython %s %s (pybind11 %s)"
         % (name, sys.version.split()[0], ft, pbver)]
def err(e):
    # named as ftcheck run (and a traceback) names it: module-qualified unless a builtin
    t = type(e)
    n = t.__qualname__ if t.__module__ in ("builtins", "__main__") else t.__module__ + "." + t.__qualname__
    return n + (": " + str(e) if str(e) else "")
for call in open(sys.argv[5]).read().splitlines():
    try:
        code = compile(call, "<call>", "eval")
    except SyntaxError:
        try:
            exec(call, ns)
            lines.append(call)
        except Exception as e:
            lines.append(call + " -> " + err(e))
        continue
    try:
        text = repr(eval(code, ns))
    except Exception as e:
        text = err(e)
    lines.append(call + " -> " + text)
open(out, "w").write("\n".join(lines) + "\n")
PY
echo "record-expected: wrote $here/$name.expected"
