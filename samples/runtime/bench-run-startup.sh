#!/usr/bin/env bash
# `ftcheck run` start-up for docs/benchmarks.md: wall and CPU time of one trivial call, N times per launcher,
# alternating launchers so machine load hits both alike. Prints the median wall and mean user+sys per launcher.
# Usage: samples/runtime/bench-run-startup.sh N LAUNCHER... (e.g. an older checkout's ./ftcheck and this one's)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N="$1"; shift
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
SO="$OUT/ftsingle$("$ROOT/ftcheck" config --extension-suffix)"
# shellcheck disable=SC2046
gcc -O1 $("$ROOT/ftcheck" config --cflags) $("$ROOT/ftcheck" config --ldflags) -o "$SO" "$ROOT/samples/runtime/ftsingle.c"
for l in "$@"; do "$l" run "$SO" --call 'double_it(21)' >/dev/null; done   # build, caches, page cache
for ((i = 0; i < N; i++)); do
  for l in "$@"; do
    /usr/bin/time -f "$l %e %U %S" -a -o "$OUT/times" "$l" run "$SO" --call 'double_it(21)' >/dev/null
  done
done
for l in "$@"; do
  grep -F "$l " "$OUT/times" | sort -k2,2n | awk -v l="$l" '{w[NR]=$2; c+=$3+$4}
    END {m=(NR%2)?w[(NR+1)/2]:(w[NR/2]+w[NR/2+1])/2;
    printf "%s: median wall %.2f s, mean CPU (user+sys) %.2f s over %d runs\n", l, m, c/NR, NR}'
done
uptime
