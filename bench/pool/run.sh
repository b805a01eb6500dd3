#!/usr/bin/env bash
# Pool scheduling benchmark: the 40-step DAG of width 8 routed over simulated servers, against the
# list-scheduling ideal (equal servers, one 3x slower, one killed at 30 %).
# Usage: bench/pool/run.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./engine --help >/dev/null   # builds target/acepipe.jar when needed
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp target/acepipe.jar bench/pool/PoolBench.java "$@"
