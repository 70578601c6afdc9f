#!/usr/bin/env bash
# Size and start-up of the self-contained download, run with nothing but bash on PATH:
#   packaging/bench-dist.sh [RUNS]      (after ./build dist)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-7}"
TARBALL="$(ls "$ROOT"/target/dist/ftcheck-*-linux-x86_64.tar.gz | head -1)"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
tar -C "$WORK" -xzf "$TARBALL"
DIST="$(echo "$WORK"/ftcheck-*)"
mkdir -p "$WORK/bin" && ln -s /bin/bash "$WORK/bin/bash"
gcc -shared -O1 $("$DIST/bin/ftcheck" config --cflags) "$ROOT/samples/runtime/ftsingle.c" \
  -o "$WORK/ftsingle$("$DIST/bin/ftcheck" config --extension-suffix)"
median() {  # median wall seconds of RUNS runs of the command
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f %e env -i "HOME=$WORK" "PATH=$WORK/bin" "$@" >/dev/null 2>>"$WORK/t" || true
    tail -1 "$WORK/t"
  done | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}
echo "tarball: $(du -m "$TARBALL" | cut -f1) MiB, unpacked: $(du -sm "$DIST" | cut -f1) MiB"
echo "info:               $(median "$DIST/bin/ftcheck" info) s"
echo "scan samples/:      $(median "$DIST/bin/ftcheck" scan --no-cache "$ROOT/samples") s"
echo "run (one call):     $(median "$DIST/bin/ftcheck" run "$WORK"/ftsingle*.so --call 'double_it(21)') s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
