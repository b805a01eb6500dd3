#!/usr/bin/env bash
# CI report benchmark: waveform PNGs from WAV and FLAC, the whole HTML report of a run, JUnit XML for a huge run.
# Usage: bench/report/run.sh [steps=10] [take-seconds=180] [rounds=3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
steps="${1:-10}"
seconds="${2:-180}"
rounds="${3:-3}"
work="${BENCH_DIR:-$root/target/bench-report}"
cd "$root"
[ -f target/acepipe.jar ] && [ -z "$(find src/main pom.xml -newer target/acepipe.jar -print -quit)" ] \
  || ./mvnw -q -B package -DskipTests
rm -rf "$work"
mkdir -p "$work/classes"
javac -d "$work/classes" -cp target/acepipe.jar bench/report/ReportBench.java
java -Xmx512m -cp "target/acepipe.jar:$work/classes" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  ReportBench "$work" "$steps" "$seconds" "$rounds"
