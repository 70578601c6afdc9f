#!/usr/bin/env bash
# The cost of checked mode (docs/benchmarks.md "Checked mode"): the C-API microbenchmark (ftbench.c) and the
# two-thread scaling workload, each run by `ftcheck run --no-checked` and by `ftcheck run --checked` (the
# default) in one go. Usage: samples/runtime/checked-cost.sh [N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N="${1:-1000000}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
"$ROOT/ftcheck" info >/dev/null
SO="$OUT/ftbench$("$ROOT/ftcheck" config --extension-suffix)"
gcc -O2 $("$ROOT/ftcheck" config --cflags) $("$ROOT/ftcheck" config --ldflags) "$ROOT/samples/runtime/ftbench.c" \
  -o "$SO" -lpthread
for mode in --no-checked --checked; do
  "$ROOT/ftcheck" run "$SO" "$mode" --call "micro($((N / 10)))" --call "micro($N)" --call "scaling(2, $((N / 10)))" \
    --call "scaling(2, $N)" 2>/dev/null | sed -n '2p;4p' >"$OUT/${mode#--}.txt"
done
python3 - "$OUT/no-checked.txt" "$OUT/checked.txt" <<'PY'
import ast, sys
def load(path):
    micro, scaling = open(path).read().splitlines()
    return ast.literal_eval(micro.split(' -> ', 1)[1]), float(scaling.split(' -> ', 1)[1])
(plain, plain_s), (checked, checked_s) = load(sys.argv[1]), load(sys.argv[2])
print(f"{'operation':45s} {'--no-checked':>12s} {'--checked':>12s}  ratio")
for k in plain:
    print(f"{k:45s} {plain[k]:9.1f} ns {checked[k]:9.1f} ns  x{checked[k] / plain[k]:.2f}")
print(f"{'scaling(2 threads) seconds':45s} {plain_s:10.3f} s {checked_s:10.3f} s  x{checked_s / plain_s:.2f}")
PY
