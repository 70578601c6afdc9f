#!/usr/bin/env bash
# Long coverage-guided fuzzing of the scanner (parse + every rule) with Jazzer's standalone driver.
#   scanner-cli/src/test/fuzz/fuzz-long.sh [SECONDS]      (default 1200)
# Seeds: the fixtures. The corpus grows in scanner-cli/target/fuzz-corpus; crashes and hangs are written to
# scanner-cli/target/fuzz-findings/ (crash-*, timeout-*): turn each into a fixture under src/test/resources/fixtures.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
SECONDS_TO_RUN="${1:-1200}"
JDK="$("$ROOT/build" java-home)"
cd "$ROOT/scanner-cli"
CP_FILE="$ROOT/scanner-cli/target/fuzz-classpath.txt"
# resolved in the reactor, so ftcheck-core comes from its module rather than a repository
JAVA_HOME="$JDK" "$("$ROOT/build" maven)" -B -q -ntp -f "$ROOT/pom.xml" -pl scanner-cli -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
# a snapshot of the classes, so that rebuilding while the fuzzer runs cannot change code under it
SNAP=target/fuzz-snapshot
rm -rf "$SNAP" && mkdir -p "$SNAP"
cp -r target/classes "$SNAP/classes" && cp -r target/test-classes "$SNAP/test-classes"
cp -r "$ROOT/core/target/classes" "$SNAP/core-classes"
CP="$SNAP/test-classes:$SNAP/classes:$(tr ':' '\n' < "$CP_FILE" | grep -v '/core/target/classes$' | paste -sd:):$SNAP/core-classes"
mkdir -p target/fuzz-corpus target/fuzz-findings
# a bounded heap: the JVM grows its heap lazily, which libFuzzer would take for a leak
exec "$JDK/bin/java" --enable-native-access=ALL-UNNAMED -XX:+EnableDynamicAgentLoading -Xmx1536m -cp "$CP" \
  com.code_intelligence.jazzer.Jazzer \
  --target_class=dev.ftcheck.scanner.ScannerFuzzTest \
  --instrumentation_includes='dev.ftcheck.**' --custom_hook_includes='dev.ftcheck.**' \
  -max_total_time="$SECONDS_TO_RUN" -timeout=30 -rss_limit_mb=6144 \
  -artifact_prefix=target/fuzz-findings/ \
  target/fuzz-corpus "$SNAP/test-classes/dev/ftcheck/scanner/ScannerFuzzTestInputs/fuzzScan"
