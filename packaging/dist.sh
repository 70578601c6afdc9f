#!/usr/bin/env bash
# Assembles the self-contained download from a packaged build:
#   packaging/dist.sh JDK OUT_DIR      (./build dist calls it after packaging)
# writes OUT_DIR/ftcheck-VERSION-linux-x86_64.tar.gz holding a jlink'ed Java runtime with only the modules
# ftcheck uses, the CLI jar, the native bridge and C-API headers (unpacked, so nothing is extracted at run time)
# and the bin/ftcheck launcher. Nothing on the target machine is needed but Linux x86-64 and bash.
set -euo pipefail
JDK="$1"; OUT="$2"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/scanner-cli/target/ftcheck.jar"
[[ -f "$JAR" ]] || { echo "dist: $JAR is missing; run ./build first" >&2; exit 2; }
VERSION="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)"
NAME="ftcheck-$VERSION-linux-x86_64"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
STAGE="$WORK/$NAME"
mkdir -p "$STAGE/lib" "$OUT"

# jdeps also lists java.desktop and java.sql: Jackson and picocli refer to java.beans and java.sql types only when
# they are present, and ftcheck uses neither, so leaving them out saves 29 MB. java.xml: the JUnit report.
MODULES="java.base,java.management,java.xml"
"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --compress zip-6 \
  --output "$STAGE/runtime"

cp "$JAR" "$STAGE/lib/ftcheck.jar"
# The runtime home (bridge library, headers, MANIFEST) as the jar carries it, unpacked once here.
(cd "$STAGE" && "$JDK/bin/jar" xf lib/ftcheck.jar ftcheck-home && mv ftcheck-home home)
cp "$ROOT/packaging/ftcheck-launcher.sh" "$STAGE/bin-ftcheck"
mkdir -p "$STAGE/bin" && mv "$STAGE/bin-ftcheck" "$STAGE/bin/ftcheck" && chmod 755 "$STAGE/bin/ftcheck"
cp "$ROOT/README.md" "$STAGE/README.md"
# An ahead-of-time class cache (JDK 25) trained on a scan of the samples: the shipped JVM is the one that reads it,
# so it always matches. The launcher uses it when present; without it the JVM just starts a little slower.
if "$STAGE/runtime/bin/java" --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    "-XX:AOTCacheOutput=$STAGE/lib/ftcheck.aot" -Xlog:aot=off -Xlog:cds=off "-Dftcheck.home=$STAGE/home" \
    -jar "$STAGE/lib/ftcheck.jar" scan "$ROOT/samples" --output-format json --no-config --fail-on none \
    --cache-dir "$WORK/scan-cache" >/dev/null 2>&1; then
  rm -f "$STAGE/lib/ftcheck.aot.config"
else
  rm -f "$STAGE/lib/ftcheck.aot" "$STAGE/lib/ftcheck.aot.config"
fi

tar -C "$WORK" -czf "$OUT/$NAME.tar.gz" "$NAME"
echo "$OUT/$NAME.tar.gz"
