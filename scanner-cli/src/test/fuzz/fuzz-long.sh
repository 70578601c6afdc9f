#!/usr/bin/env bash
# Long coverage-guided fuzzing of the scanner (parse + every rule) with Jazzer's standalone driver.
#   scanner-cli/src/test/fuzz/fuzz-long.sh [SECONDS]      (default 1200)
# Seeds: the fixtures. The corpus grows in scanner-cli/target/fuzz-corpus; crashes and hangs are written to
# scanner-cli/target/fuzz-findings/ (crash-*, timeout-*): turn each into a fixture under src/test/resources/fixtures.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
SECONDS_TO_RUN="${1:-1200}"
JDK="$("$ROOT/build" java-home)"
"$ROOT/build" test -pl scanner-cli -am -Dtest=ScannerFuzzTest -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
cd "$ROOT/scanner-cli"
CP_FILE=target/fuzz-classpath.txt
JAVA_HOME="$JDK" mvn -q -o dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test \
  >/dev/null 2>&1 || JAVA_HOME="$JDK" mvn -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" \
  -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat "$CP_FILE"):$ROOT/core/target/classes"
mkdir -p target/fuzz-corpus target/fuzz-findings
exec "$JDK/bin/java" --enable-native-access=ALL-UNNAMED -XX:+EnableDynamicAgentLoading -cp "$CP" \
  com.code_intelligence.jazzer.Jazzer \
  --target_class=dev.ftcheck.scanner.ScannerFuzzTest \
  --instrumentation_includes='dev.ftcheck.**' --custom_hook_includes='dev.ftcheck.**' \
  -max_total_time="$SECONDS_TO_RUN" -timeout=30 -rss_limit_mb=4096 \
  -artifact_prefix=target/fuzz-findings/ \
  target/fuzz-corpus target/test-classes/dev/ftcheck/scanner/ScannerFuzzTestInputs/fuzzScan
