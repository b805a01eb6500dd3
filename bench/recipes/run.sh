#!/usr/bin/env bash
# Recipe benchmarks: prints the numbers; reproduce with `bench/recipes/run.sh`.
#  1. `engine validate` + `engine plan` of dsl-examples/album.yaml: median wall time of 5 runs, JVM start included
#  2. `engine plan` of a generated 300-track album recipe (include + template + 4x2 matrix + select per track:
#     1,500 plan instances, 300 album tracks), -Xmx256m, median of 3 runs
# Wall times depend on machine load; the load average is printed alongside.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

./engine --version >/dev/null   # build the jar outside the measurement

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m/1e9}'; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cpus: $(nproc)"

for i in $(seq 5); do
  t0=$(now); ./engine validate dsl-examples/album.yaml >/dev/null; t1=$(now)
  echo $((t1 - t0))
done | median | xargs printf "validate album.yaml (schema included): median of 5 runs %s s\n"

for i in $(seq 5); do
  t0=$(now); ./engine plan dsl-examples/album.yaml >/dev/null; t1=$(now)
  echo $((t1 - t0))
done | median | xargs printf "plan album.yaml: median of 5 runs %s s\n"

python3 bench/recipes/gen-album.py "$work" 300
for i in $(seq 3); do
  t0=$(now); ACEPIPE_JAVA_OPTS=-Xmx256m ./engine plan "$work/album.yaml" --set tempo=120 >/dev/null; t1=$(now)
  echo $((t1 - t0))
done | median | xargs printf "plan of a 300-track album recipe (1500 instances), -Xmx256m: median of 3 runs %s s\n"
