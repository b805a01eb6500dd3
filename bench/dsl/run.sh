#!/usr/bin/env bash
# DSL benchmarks: prints the numbers; reproduce with `bench/dsl/run.sh`.
#  1. `engine validate` of a small pipeline: median wall time of 10 runs, JVM start included (target ≤ 0.6 s)
#  2. `engine plan` of a generated 5,000-step random DAG (1–3 parents each) with -Xmx256m (target ≤ 2 s)
# Wall times depend on machine load; the load average is printed alongside.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

./engine --version >/dev/null   # build the jar (and CDS archive) outside the measurement

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m/1e9}'; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cpus: $(nproc)"

for i in $(seq 10); do
  t0=$(now); ./engine validate dsl-examples/single-song.yaml >/dev/null; t1=$(now)
  echo $((t1 - t0))
done | median | xargs printf "validate single-song.yaml: median of 10 runs %s s (target 0.6 s)\n"

python3 bench/dsl/gen-dag.py 5000 > "$work/dag.yaml"
for i in $(seq 3); do
  t0=$(now); ACEPIPE_JAVA_OPTS=-Xmx256m ./engine plan "$work/dag.yaml" >/dev/null; t1=$(now)
  echo $((t1 - t0))
done | median | xargs printf "plan of a 5000-step random DAG, -Xmx256m: median of 3 runs %s s (target 2 s)\n"
/usr/bin/time -f "  (last run: %e s wall, %U s user, %M KB max RSS)" env ACEPIPE_JAVA_OPTS=-Xmx256m ./engine plan "$work/dag.yaml" >/dev/null
