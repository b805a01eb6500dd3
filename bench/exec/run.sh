#!/usr/bin/env bash
# Executor makespan benchmark: 20-step DAG of width 4, embedded server with 2 workers and 0.5 s per job,
# against the list-scheduling ideal and the naive submit-poll-every-5s way.
# Usage: bench/exec/run.sh [--no-naive]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./engine --help >/dev/null   # builds target/acepipe.jar when needed
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp target/acepipe.jar bench/exec/ExecBench.java "$@"
