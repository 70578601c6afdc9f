#!/usr/bin/env bash
# Scanner throughput benchmark (docs/benchmarks.md, "Scanner"). Not part of ./build test.
#
#   tests/bench/scan-benchmark.sh [--runs N] [--jobs N] [--cached] [CORPUS_DIR]
#   tests/bench/scan-benchmark.sh --real [--runs N] [--jobs N] [--cached]
#
# Generates (once) a deterministic corpus of extension-style C plus vendored-library C without Python API
# (tests/bench/gen_scan_corpus.py); with --real, uses instead the C and C++ files of the real-world scanner corpus
# (tests/corpus/scanner-corpus unpacks it into the cache; run that first). Then times, start-up included:
#   1. the full CLI through the ./ftcheck launcher (its JVM flags included), without the scan cache (--no-cache):
#      ftcheck scan --format json --no-cache ... CORPUS
#   2. ripgrep with the borrowed-reference API regex over the same files (the floor a pure text match reaches)
#   3. with --cached: one scan filling a fresh cache directory, then N re-scans of the unchanged tree (the whole
#      result comes from the cache), then N re-scans each after appending a comment to one file (that file is
#      analysed again, the others come from their entries, the project phase runs); the warm report must equal
#      the cold one byte for byte
# and prints files/s, lines/s, MB/s (10^6 bytes), peak RSS and the scanner/ripgrep time ratio. Each tool runs
# N times (default 3) after a warm-up read of the corpus; the median run is reported.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS=3
JOBS="$(nproc)"
CORPUS=""
REAL=0
CACHED=0
while (( $# )); do
  case "$1" in
    --real) REAL=1; shift ;;
    --cached) CACHED=1; shift ;;
    --runs) RUNS="$2"; shift 2 ;;
    --jobs) JOBS="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) CORPUS="$1"; shift ;;
  esac
done
if (( REAL )); then
  CORPUS="${CORPUS:-${TMPDIR:-/tmp}/ftcheck-real-corpus}"
else
  CORPUS="${CORPUS:-${TMPDIR:-/tmp}/ftcheck-scan-bench-corpus}"
fi

if ! command -v rg >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "bench: installing ripgrep (apt-get install -y ripgrep)" >&2
    apt-get update -qq >/dev/null && apt-get install -y -qq ripgrep >/dev/null
  else
    echo "bench: ripgrep (rg) is missing; install it (Debian: sudo apt-get install -y ripgrep) and rerun" >&2
    exit 2
  fi
fi
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is missing (Debian: apt-get install -y time)" >&2; exit 2; }

GEN="$ROOT/tests/bench/gen_scan_corpus.py"
STAMP="$CORPUS/.generator-sha256"
want="$(sha256sum "$GEN" | cut -c1-16)"
if (( REAL )); then
  # the scan roots of tests/corpus/scanner/corpus.json, C and C++ only, one folder per package
  SRC="${FTCHECK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ftcheck}/corpus/src"
  [[ -d "$SRC" ]] || { echo "bench: $SRC is missing; run tests/corpus/scanner-corpus once first" >&2; exit 2; }
  rm -rf "$CORPUS" && mkdir -p "$CORPUS"
  python3 - "$ROOT/tests/corpus/scanner/corpus.json" "$SRC" "$CORPUS" <<'PY'
import json, os, shutil, sys
roots = json.load(open(sys.argv[1]))["roots"]
src, out = sys.argv[2], sys.argv[3]
for d in sorted(os.listdir(src)):
    tops = [t for t in os.listdir(os.path.join(src, d)) if os.path.isdir(os.path.join(src, d, t))]
    if len(tops) != 1:
        continue
    top = os.path.join(src, d, tops[0])
    key = next((k for k in roots if d.startswith(k + "-")), None)
    for r in roots.get(key, [""]):
        base = os.path.join(top, r)
        for dirpath, _, files in os.walk(base):
            for f in files:
                if f.endswith((".c", ".h", ".cpp", ".cc", ".cxx", ".hpp", ".hh")):
                    rel = os.path.relpath(os.path.join(dirpath, f), top)
                    dest = os.path.join(out, d, rel)
                    os.makedirs(os.path.dirname(dest), exist_ok=True)
                    shutil.copyfile(os.path.join(dirpath, f), dest)
PY
elif [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "$want" ]]; then
  echo "bench: generating corpus in $CORPUS" >&2
  rm -rf "$CORPUS"
  python3 "$GEN" "$CORPUS"
  echo "$want" > "$STAMP"
fi

"$ROOT/build" package -q >&2
REPORT="$(mktemp)"
SCAN_CACHE="$(mktemp -d)"
EDITED=""
restore() {
  [[ -z "$EDITED" ]] || mv -f "$EDITED.bench-orig" "$EDITED"
  rm -rf "$REPORT" "$REPORT.time" "$REPORT.warm" "$SCAN_CACHE"
}
trap restore EXIT

BORROWED='PyList_GetItem|PyList_GET_ITEM|PyDict_GetItem|PyDict_GetItemWithError|PyDict_GetItemString|PyDict_SetDefault|PyWeakref_GetObject|PyWeakref_GET_OBJECT|PyImport_AddModule|PyImport_AddModuleObject|PyCell_GET|PySequence_Fast_GET_ITEM|PySequence_Fast_ITEMS'

# Warm the page cache so both tools read from memory.
find "$CORPUS" -type f -exec cat {} + >/dev/null

# Runs a command RUNS times; prints "seconds max_rss_kib cpu_seconds" of the median run (by wall time).
timed() {
  local i results=()
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -f '%e %M %U %S' -o "$REPORT.time" "$@" >/dev/null 2>&1 || true
    read -r e m u s < "$REPORT.time"
    echo "$e $m $(python3 -c "print(round($u + $s, 2))")" > "$REPORT.time"
    results+=("$(cat "$REPORT.time")")
  done
  printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}

load="$(cut -d' ' -f1-3 /proc/loadavg)"
read -r scan_s scan_kib scan_cpu < <(timed "$ROOT/ftcheck" scan --format json --no-cache \
  --output "$REPORT" --fail-on none --no-config --jobs "$JOBS" "$CORPUS")
"$ROOT/ftcheck" scan --format json --no-cache --output "$REPORT" --fail-on none \
  --no-config --jobs "$JOBS" "$CORPUS" >/dev/null 2>&1 || true
fill="" warm="" edit="" same=""
if (( CACHED )); then
  CACHED_SCAN=("$ROOT/ftcheck" scan --format json --fail-on none --no-config --jobs "$JOBS" --cache-dir "$SCAN_CACHE")
  RUNS_SAVED="$RUNS"; RUNS=1
  fill="$(timed "${CACHED_SCAN[@]}" --output "$REPORT.warm" "$CORPUS")"
  RUNS="$RUNS_SAVED"
  warm="$(timed "${CACHED_SCAN[@]}" --output "$REPORT.warm" "$CORPUS")"
  cmp -s "$REPORT" "$REPORT.warm" && same=identical || same=DIFFERENT
  # one file changes before each run: a comment appended to the first C file, restored on exit
  first_c="$(find "$CORPUS" -name '*.c' | LC_ALL=C sort | sed -n 1p)"  # sed reads it all: no SIGPIPE
  cp -p "$first_c" "$first_c.bench-orig"
  export EDITED="$first_c"
  edit="$(timed bash -c 'printf "/* bench edit %s */\n" "$(date +%s%N)" >> "$EDITED" && exec "$@"' edit \
    "${CACHED_SCAN[@]}" --output "$REPORT.warm" "$CORPUS")"
fi
read -r rg_s rg_kib rg_cpu < <(timed rg --no-ignore -j "$JOBS" -c -t c -t cpp -e "$BORROWED" "$CORPUS")
rg_hits="$(rg --no-ignore -j "$JOBS" -c -t c -t cpp -e "$BORROWED" "$CORPUS" | awk -F: '{s+=$NF} END {print s+0}')"

python3 - "$REPORT" "$scan_s" "$scan_kib" "$rg_s" "$rg_kib" "$rg_hits" "$JOBS" "$(nproc)" "$scan_cpu" "$rg_cpu" \
  "$load" "$fill" "$warm" "$edit" "$same" <<'PY'
import json, sys
report, scan_s, scan_kib, rg_s, rg_kib, rg_hits, jobs, cores, scan_cpu, rg_cpu, load, fill, warm, edit, same = \
    sys.argv[1:]
s = json.load(open(report))["summary"]
scan_s, rg_s = max(float(scan_s), 0.01), max(float(rg_s), 0.01)
files, lines, mb = s["filesScanned"], s["lines"], s["bytes"] / 1e6
print(f"corpus: {files} files, {lines} lines, {mb:.1f} MB; parsed {s['filesParsed']}, "
      f"prefiltered {s['filesPrefiltered']}, skipped {s['filesSkipped']}; {s['findings']} findings "
      f"({json.dumps(s['byFamily'])})")
print(f"machine: {cores} cores; --jobs {jobs}; load average before the runs: {load}")
print(f"ftcheck scan: {scan_s:.2f} s  {files / scan_s:,.0f} files/s  {lines / scan_s:,.0f} lines/s  "
      f"{mb / scan_s:.1f} MB/s  peak RSS {int(scan_kib) / 1024:.0f} MiB  (CPU {float(scan_cpu):.2f} s)")
# On a shared machine wall time depends on other jobs; CPU time does not. With all cores to itself the scan would
# take at least CPU / cores.
ideal = max(float(scan_cpu) / int(cores), 0.01)
print(f"  idle-machine estimate (CPU time / {cores} cores): {ideal:.2f} s  {mb / ideal:.1f} MB/s")
print(f"ripgrep (borrowed-API regex, {rg_hits} matching lines): {rg_s:.2f} s  {mb / rg_s:.1f} MB/s  "
      f"peak RSS {int(rg_kib) / 1024:.0f} MiB  (CPU {float(rg_cpu):.2f} s)")
print(f"ratio: ftcheck takes {scan_s / rg_s:.1f}x ripgrep's time")
if warm:
    def run(v):
        e, kib, cpu = v.split()
        return max(float(e), 0.01), int(kib) / 1024, float(cpu)
    for label, v in (("cache fill (one cold scan writing the cache)", fill),
                     ("cached re-scan, nothing changed", warm),
                     ("cached re-scan, one file changed", edit)):
        e, mib, cpu = run(v)
        print(f"{label}: {e:.2f} s  peak RSS {mib:.0f} MiB  (CPU {cpu:.2f} s)  speed-up {scan_s / e:.1f}x")
    print(f"cached report vs --no-cache report: {same}")
PY
