#!/usr/bin/env bash
# Runtime benchmarks for docs/benchmarks.md (## Runtime): the C-API microbenchmark built against the real
# CPython 3.13 headers and run in CPython 3.13, and built against ftcheck's headers and run in the ftcheck
# runtime; then 1 vs 2 threads on a GIL-free and a GIL-requiring module. Usage: samples/runtime/bench.sh [N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N="${1:-2000000}"
PYENV_ROOT="$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")"
PY="$PYENV_ROOT/versions/3.13.0/bin/python3.13"
INC="$PYENV_ROOT/versions/3.13.0/include/python3.13"
[[ -x "$PY" ]] || { echo "bench.sh: CPython 3.13.0 not found under $PYENV_ROOT/versions (pyenv install 3.13.0)" >&2; exit 2; }
OUT="$(mktemp -d)"
SRC="$ROOT/samples/runtime/ftbench.c"
"$ROOT/ftcheck" info >/dev/null
CFLAGS="$("$ROOT/ftcheck" config --cflags)"
LDFLAGS="$("$ROOT/ftcheck" config --ldflags)"
gcc -O2 -I"$INC" -fPIC -shared "$SRC" -o "$OUT/ftbench.cpython-313-x86_64-linux-gnu.so" -lpthread
gcc -O2 $CFLAGS $LDFLAGS "$SRC" -o "$OUT/ftbench.cpython-313t-x86_64-linux-gnu.so" -lpthread
gcc -O2 -DFTBENCH_GIL $CFLAGS $LDFLAGS "$SRC" -o "$OUT/ftbench_gil.cpython-313t-x86_64-linux-gnu.so" -lpthread

echo "== CPython $($PY -c 'import sys; print(sys.version.split()[0])') (GIL build), n=$N"
$PY -c "import sys; sys.path.insert(0, '$OUT'); import ftbench; ftbench.micro($N // 10);
r = ftbench.micro($N); [print(f'{k:45s} {v:8.1f} ns') for k, v in r.items()]" | tee "$OUT/cpython.txt"
echo "== ftcheck runtime, n=$N"
"$ROOT/ftcheck" run "$OUT/ftbench.cpython-313t-x86_64-linux-gnu.so" --no-checked --call "micro($((N / 10)))" --call "micro($N)" \
  | tail -1 | tee "$OUT/ftcheck.txt"
echo "== scaling (seconds, threads x n=$N each)"
for mod in ftbench ftbench_gil; do
  "$ROOT/ftcheck" run "$OUT/$mod.cpython-313t-x86_64-linux-gnu.so" --no-checked --call "scaling(1, $((N / 10)))" \
    --call "scaling(1, $N)" --call "scaling(2, $N)" 2>/dev/null | tail -2 | sed "s/^/$mod: /"
done
$PY -c "import sys; sys.path.insert(0, '$OUT'); import ftbench; ftbench.scaling(1, $N // 10);
a = ftbench.scaling(1, $N); b = ftbench.scaling(2, $N); print(f'cpython-3.13-gil: 1 thread {a:.3f} s, 2 threads {b:.3f} s, speedup x{2 * a / b:.2f}')"
rm -rf "$OUT"
