#!/usr/bin/env bash
# Download then upload a 200 MB WAV through acepipe's ACE-Step client with a 64 MB heap, against a loopback
# server, and compare with curl. Usage: bench/client/run.sh [megabytes=200] [rounds=3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mb="${1:-200}"
rounds="${2:-3}"
work="${BENCH_DIR:-$root/target/bench-client}"
cd "$root"
[ -f target/acepipe.jar ] && [ -z "$(find src/main pom.xml -newer target/acepipe.jar -print -quit)" ] \
  || ./mvnw -q -B package -DskipTests
mkdir -p "$work/classes"
javac -d "$work/classes" -cp target/acepipe.jar bench/client/ClientBench.java
# -Xmx64m: the 200 MB file cannot fit, so a successful run shows both directions stream.
java -Xmx64m -cp "target/acepipe.jar:$work/classes" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  ClientBench "$work" "$mb" "$rounds"
