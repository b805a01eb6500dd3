#!/usr/bin/env bash
# Benchmarks the embedded server's HTTP path in-process.
# Usage: bench/server/run.sh [jobs=100] [seconds-per-job=10] [workers=2]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./engine --help >/dev/null   # builds target/acepipe.jar when needed
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp target/acepipe.jar bench/server/ServerBench.java "$@"
