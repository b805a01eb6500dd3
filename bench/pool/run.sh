#!/usr/bin/env bash
# Pool scheduling benchmark: the 40-step DAG of width 8 against the list-scheduling ideal (equal
# servers, one 3x slower, one killed at 30 %): first routed over simulated servers, then rendered by
# the real executor over HTTP on 4 embedded servers (1 worker, 0.5 s per take).
# Usage: bench/pool/run.sh [--http-only]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./engine --help >/dev/null   # builds target/acepipe.jar when needed
run() { java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp target/acepipe.jar "$@"; }
if [[ "${1:-}" != "--http-only" ]]; then
  run bench/pool/PoolBench.java
fi
run bench/pool/PoolHttpBench.java
