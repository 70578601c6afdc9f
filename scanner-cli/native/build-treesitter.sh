#!/usr/bin/env bash
# Builds libftts.so: the tree-sitter runtime and the C and C++ grammars compiled with optimisation, plus
# ftts_copy.c, for the scanner (docs/scanner.md, "Parsing"). The io.github.bonede jars ship the same grammars, but
# their native libraries are unoptimised builds that parse about 5x slower; the scanner falls back to them when this
# library is missing (other platforms, or no npm). Sources come from the npm registry as pinned, checksummed
# packages; nothing is copied into the repository.
#   usage: build-treesitter.sh OUT_DIR      (writes OUT_DIR/ftcheck-treesitter/<os>-<arch>/libftts.so)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$1"

# Pinned npm packages; their tarballs' sha512 (hex) are in packages.sha512.
PACKAGES=(
  "tree-sitter@0.25.1"
  "tree-sitter-c@0.24.1"
  "tree-sitter-cpp@0.23.4"
)

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) PLATFORM=linux-x86_64 ;;
  Linux-aarch64) PLATFORM=linux-aarch64 ;;
  *) echo "ftcheck: no optimised tree-sitter build for $(uname -s)-$(uname -m); the scanner uses the bundled one" >&2
     exit 0 ;;
esac
DEST="$OUT/ftcheck-treesitter/$PLATFORM"
LIB="$DEST/libftts.so"
STAMP="$DEST/stamp"
want_stamp="$(cat "$HERE/build-treesitter.sh" "$HERE/ftts_copy.c" "$HERE/packages.sha512" | sha256sum | cut -c1-16)"
if [[ -f "$LIB" && -f "$STAMP" && "$(cat "$STAMP")" == "$want_stamp" ]]; then
  exit 0
fi

warn_skip() {
  echo "ftcheck: warning: $1; the scanner will use the slower bundled tree-sitter" >&2
  rm -f "$LIB" "$STAMP"
  exit 0
}
command -v npm >/dev/null 2>&1 || warn_skip "npm is not installed (Debian: apt-get install -y npm)"
command -v gcc >/dev/null 2>&1 || warn_skip "gcc is not installed"

CACHE="${FTCHECK_NPM_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/ftcheck/npm}"
mkdir -p "$CACHE"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
for spec in "${PACKAGES[@]}"; do
  name="${spec%@*}"; version="${spec##*@}"
  tgz="$CACHE/$name-$version.tgz"
  if [[ ! -f "$tgz" ]]; then
    (cd "$CACHE" && npm pack --silent "$spec" >/dev/null 2>"$WORK/npm.log") \
      || warn_skip "npm pack $spec failed: $(tail -1 "$WORK/npm.log")"
  fi
  want="$(grep "^$spec " "$HERE/packages.sha512" | cut -d' ' -f2)"
  got="$(sha512sum "$tgz" | cut -d' ' -f1)"
  if [[ "$want" != "$got" ]]; then
    rm -f "$tgz"
    echo "ftcheck: $spec from npm does not match its pinned sha512 (native/packages.sha512)" >&2
    exit 1
  fi
  mkdir -p "$WORK/$name"
  tar xzf "$tgz" -C "$WORK/$name"
done

RT="$WORK/tree-sitter/package/vendor/tree-sitter/lib"
C="$WORK/tree-sitter-c/package/src"
CPP="$WORK/tree-sitter-cpp/package/src"
mkdir -p "$DEST" "$WORK/obj"
CFLAGS=(-O2 -fPIC)
# Compile in parallel: the C++ grammar's parser.c alone is tens of megabytes. Third-party code builds with -w
# (its warnings are not ours to fix); our own file builds with -Werror.
pids=()
gcc "${CFLAGS[@]}" -w -std=c11 -I"$RT/include" -I"$RT/src" -c "$RT/src/lib.c" -o "$WORK/obj/rt.o" & pids+=($!)
gcc "${CFLAGS[@]}" -w -I"$C" -c "$C/parser.c" -o "$WORK/obj/c.o" & pids+=($!)
gcc "${CFLAGS[@]}" -w -I"$CPP" -c "$CPP/parser.c" -o "$WORK/obj/cpp.o" & pids+=($!)
gcc "${CFLAGS[@]}" -w -I"$CPP" -c "$CPP/scanner.c" -o "$WORK/obj/cpp_scanner.o" & pids+=($!)
gcc "${CFLAGS[@]}" -Wall -Wextra -Werror -I"$RT/include" -c "$HERE/ftts_copy.c" -o "$WORK/obj/copy.o" & pids+=($!)
for pid in "${pids[@]}"; do
  wait "$pid" || { echo "ftcheck: compiling the tree-sitter library failed" >&2; exit 1; }
done
gcc -shared -o "$LIB.tmp" "$WORK"/obj/*.o
mv "$LIB.tmp" "$LIB"
echo "$want_stamp" > "$STAMP"
