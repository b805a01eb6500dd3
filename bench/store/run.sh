#!/usr/bin/env bash
# Store share of a fully cached re-run of a 50-step pipeline (issue 6 target for the whole run: <= 1.5 s wall
# including JVM start). For each verification mode, runs a fresh JVM three times and prints wall time including
# JVM start, CPU time, and the in-JVM phase times; then a bare JVM start for comparison.
#   bench/store/run.sh [STEPS] [TAKE_BYTES]     defaults: 50 steps, 2 takes of 1 MiB each per step
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
steps="${1:-50}"
take_bytes="${2:-1048576}"
cd "$root"
if [ ! -f target/acepipe.jar ] || [ ! -f target/test-classes/dev/acepipe/store/StoreBench.class ] \
    || [ -n "$(find src pom.xml -newer target/acepipe.jar -print -quit)" ]; then
  ./mvnw -q -B package -DskipTests 1>&2
fi
cp="target/acepipe.jar:target/test-classes"
jvm=(java -XX:+UseSerialGC -Xshare:auto -cp "$cp")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"${jvm[@]}" dev.acepipe.store.StoreBench setup "$work" "$steps" "$take_bytes"
echo "pipeline: $steps steps x 2 takes x $take_bytes bytes ($(du -sh "$work/.acepipe/store/objects" | cut -f1) in the store)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
TIMEFORMAT='    wall %R s, cpu %U s user + %S s sys (incl. JVM start)'
# ./engine runs with a class-data-sharing archive made on its first start; measure both ways.
"${jvm[@]}" -XX:ArchiveClassesAtExit="$work/bench.jsa" dev.acepipe.store.StoreBench rerun "$work" "$steps" STAT \
  >/dev/null 2>&1 || true
for cds in off on; do
  extra=()
  [ "$cds" = on ] && [ -f "$work/bench.jsa" ] && extra=(-XX:SharedArchiveFile="$work/bench.jsa" -Xlog:cds=off)
  for mode in STAT REHASH; do
    for run in 1 2 3; do
      echo "$mode run $run (CDS $cds):"
      time "${jvm[@]}" "${extra[@]}" dev.acepipe.store.StoreBench rerun "$work" "$steps" "$mode" | sed 's/^/    /'
    done
  done
done
echo "bare JVM start (java -version):"
time "${jvm[@]}" -version >/dev/null 2>&1
