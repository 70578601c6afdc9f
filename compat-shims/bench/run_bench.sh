#!/usr/bin/env bash
# PyMutex figures for docs/benchmarks.md ("Compat shims"): ftcompat.h's fallback on each pyenv CPython 3.8-3.12
# against CPython 3.13's own PyMutex, with a pthread mutex as the yardstick.
#   compat-shims/bench/run_bench.sh [python ...]      (default: every pyenv 3.8-3.13 found)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
if (( $# == 0 )); then
  ROOT="$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")"
  set -- $(ls -d "$ROOT"/versions/3.{8,9,10,11,12,13}.* 2>/dev/null | sort -V | sed 's|$|/bin/python|')
fi
printf '%-8s %-9s %14s %14s %14s %14s\n' python mutex "1 thread ns" "2 threads ns" "4 threads ns" "pthread 4t ns"
for py in "$@"; do
  inc="$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"
  suf="$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')"
  dir="$OUT/$(basename "$(dirname "$(dirname "$py")")")"
  mkdir -p "$dir"
  gcc -shared -fPIC -O2 -Wall -Wextra -Werror -pthread -I"$inc" -I"$HERE/.." "$HERE/ftcompat_bench.c" \
      -o "$dir/ftcompat_bench$suf"
  "$py" - "$dir" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import ftcompat_bench as b
N = 2_000_000
def best(threads, use_pymutex):
    return min(b.run(threads, N // threads, use_pymutex) for _ in range(3))
kind = "CPython" if sys.version_info >= (3, 13) else "ftcompat"
print("%-8s %-9s %14.1f %14.1f %14.1f %14.1f" % ("%d.%d" % sys.version_info[:2], kind, best(1, True),
      best(2, True), best(4, True), best(4, False)))
PY
done
