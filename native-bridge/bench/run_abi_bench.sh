#!/usr/bin/env bash
# Builds abi_bench.c against the runtime home staged by ./build (headers + libftbridge.so) and runs it.
# Usage: native-bridge/bench/run_abi_bench.sh [ITERATIONS]   (default 20,000,000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="$ROOT/core/target/classes/ftcheck-home"
if [[ ! -f "$HOME_DIR/lib/python3.13t/libftbridge.so" ]]; then
  echo "run_abi_bench.sh: no staged runtime home at $HOME_DIR; run ./build first" >&2
  exit 2
fi
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
gcc -O2 -pthread -I"$HOME_DIR/include/python3.13t" -DPy_GIL_DISABLED=1 "$ROOT/native-bridge/bench/abi_bench.c" \
  -L"$HOME_DIR/lib/python3.13t" -lftbridge -Wl,-rpath,"$HOME_DIR/lib/python3.13t" -o "$OUT/abi_bench"
"$OUT/abi_bench" "$@"
