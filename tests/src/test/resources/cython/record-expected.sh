#!/bin/sh
# Records NAME.expected for CythonTest: cythonizes NAME.pyx with the cached Cython 3.3.0 (`cython -3`), builds it
# for the cached free-threaded CPython 3.13.15 (~/.cache/ftcheck/cpython/3.13.15t) and evaluates there every call
# the existing NAME.expected lists (the text before " -> "; write "call -> ?" lines for new calls). What a call
# prints comes on the lines before its own; an exception is shown as "Type: message", as `ftcheck run` prints it.
# usage: tests/src/test/resources/cython/record-expected.sh NAME
set -eu
here=$(cd "$(dirname "$0")" && pwd)
name=${1:?usage: record-expected.sh NAME}
cache=${FTCHECK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ftcheck}
py=$cache/cpython/3.13.15t/bin/python3.13t
cython=$cache/venvs/cython-3.3.0/bin/cython
[ -x "$py" ] || { echo "record-expected: no $py" >&2; exit 2; }
[ -x "$cython" ] || { echo "record-expected: no $cython" >&2; exit 2; }
[ -f "$here/$name.expected" ] || { echo "record-expected: $here/$name.expected lists no calls" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/$name.pyx" "$work/"
(cd "$work" && "$cython" -3 "$name.pyx")
inc=$("$py" -c 'import sysconfig; print(sysconfig.get_path("include"))')
suffix=$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
gcc -shared -fPIC -O1 -I"$inc" "$work/$name.c" -o "$work/$name$suffix"
grep -v '^#' "$here/$name.expected" | grep ' -> ' | sed 's/ -> .*$//' > "$work/calls"
"$py" - "$work" "$name" "$here/$name.expected" <<'PYEOF'
import contextlib, importlib, io, sys
work, name, out = sys.argv[1:4]
sys.path.insert(0, work)
mod = importlib.import_module(name)
head = [l for l in open(out).read().splitlines() if l.startswith("#")]
lines = head
for call in open(work + "/calls").read().splitlines():
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        try:
            text = repr(eval(call, vars(mod)))
        except Exception as e:
            text = type(e).__name__ + (": " + str(e) if str(e) else "")
    lines += printed.getvalue().splitlines()
    lines.append(call + " -> " + text)
open(out, "w").write("\n".join(lines) + "\n")
PYEOF
echo "record-expected: wrote $here/$name.expected"
