#!/usr/bin/env bash
# ftcheck, from the self-contained download: runs the bundled Java runtime; needs no JDK, JAVA_HOME or PATH entry.
set -euo pipefail
here="${BASH_SOURCE[0]}"
while [[ -L "$here" ]]; do
  link="$(readlink "$here")"
  [[ "$link" == /* ]] && here="$link" || here="${here%/*}/$link"
done
DIST="$(cd "${here%/*}/.." && pwd)"
# Short commands finish before the optimising compiler pays off (as in the source launcher); `run` re-tunes its
# child JVM itself.
jvm=(--enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
if [[ -f "$DIST/lib/ftcheck.aot" ]]; then
  jvm+=("-XX:AOTCache=$DIST/lib/ftcheck.aot" -Xlog:aot=off -Xlog:cds=off)
fi
exec "$DIST/runtime/bin/java" "${jvm[@]}" "-Dftcheck.home=$DIST/home" -jar "$DIST/lib/ftcheck.jar" "$@"
