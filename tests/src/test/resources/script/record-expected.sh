#!/bin/sh
# Records NAME.expected (stdout, then the exit status) for ScriptLanguageTest: runs NAME.py on a real CPython 3.13
# with samples/runtime/ftsingle.c built for it, so ftcheck's output for the same script can be compared.
# The reference is the cached free-threaded 3.13.15 build (~/.cache/ftcheck/cpython), else pyenv's 3.13.
# usage: tests/src/test/resources/script/record-expected.sh NAME...
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../../.." && pwd)
cache=${FTCHECK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ftcheck}
py=$cache/cpython/3.13.15t/bin/python3.13t
if [ ! -x "$py" ]; then
    root=$(pyenv root 2>/dev/null) || { echo "record-expected: no CPython 3.13 found (no $py, no pyenv)" >&2; exit 2; }
    py=$(ls -d "$root"/versions/3.13*/bin/python3.13 2>/dev/null | tail -1)
    [ -x "$py" ] || { echo "record-expected: no CPython 3.13 under $root/versions" >&2; exit 2; }
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inc=$("$py" -c 'import sysconfig; print(sysconfig.get_path("include"))')
suffix=$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
gcc -shared -fPIC -O1 -g -Wall -I"$inc" "$repo/samples/runtime/ftsingle.c" -o "$work/ftsingle$suffix"
for name in "$@"; do
    status=0
    (cd "$work" && PYTHONPATH="$work" "$py" -S "$here/$name.py" > "$work/out" 2>/dev/null) || status=$?
    { cat "$work/out"; echo "# exit $status"; } > "$here/$name.expected"
    echo "record-expected: wrote $here/$name.expected"
done
