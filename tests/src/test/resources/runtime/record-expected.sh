#!/bin/sh
# Records NAME.expected for KnownAnswerModulesTest: builds NAME.c for a real CPython 3.13 and runs every call the
# existing NAME.expected lists (the text before " -> "; write "call -> ?" lines for a new module) there.
# The reference is the cached free-threaded 3.13.15 build (~/.cache/ftcheck/cpython, made by the conformance
# corpus), else pyenv's 3.13 (a GIL build; the header line says which was used).
# NAME.TOPIC.expected holds more calls of NAME.c (record-expected.sh stdlibcalls.struct).
# usage: tests/src/test/resources/runtime/record-expected.sh NAME[.TOPIC]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cases=${1:?usage: record-expected.sh NAME[.TOPIC]}
name=${cases%%.*}
cache=${FTCHECK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ftcheck}
py=$cache/cpython/3.13.15t/bin/python3.13t
if [ ! -x "$py" ]; then
    root=$(pyenv root 2>/dev/null) || { echo "record-expected: no CPython 3.13 found (no $py, no pyenv)" >&2; exit 2; }
    py=$(ls -d "$root"/versions/3.13*/bin/python3.13 2>/dev/null | tail -1)
    [ -x "$py" ] || { echo "record-expected: no CPython 3.13 under $root/versions" >&2; exit 2; }
fi
[ -f "$here/$cases.expected" ] || { echo "record-expected: $here/$cases.expected lists no calls" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inc=$("$py" -c 'import sysconfig; print(sysconfig.get_path("include"))')
suffix=$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
gcc -shared -fPIC -O1 -g -Wall -I"$inc" "$here/$name.c" -o "$work/$name$suffix"
grep -v '^#' "$here/$cases.expected" | sed 's/ -> .*$//' > "$work/calls"
"$py" -S - "$work" "$name" "$here/$cases.expected" "$cases" <<'EOF'
import importlib, sys, sysconfig
work, name, out, cases = sys.argv[1:5]
sys.path.insert(0, work)
mod = importlib.import_module(name)
ft = "free-threaded" if sysconfig.get_config_var("Py_GIL_DISABLED") else "GIL build"
lines = ["# %s: call -> repr, from CPython %s %s (the module built with its headers)"
         % (cases, sys.version.split()[0], ft)]
for call in open(work + "/calls").read().splitlines():
    try:
        text = repr(eval(call, vars(mod)))
    except Exception as e:
        text = type(e).__name__ + (": " + str(e) if str(e) else "")
    lines.append(call + " -> " + text)
open(out, "w").write("\n".join(lines) + "\n")
EOF
echo "record-expected: wrote $here/$cases.expected"
