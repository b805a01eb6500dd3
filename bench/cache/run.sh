#!/usr/bin/env bash
# Fully cached re-run of a 50-step pipeline, wall time including JVM start.
# Usage: bench/cache/run.sh [STEPS] [RUNS]   (defaults 50 and 5)
# Renders the pipeline once against the embedded server (not timed), then times RUNS cached re-runs of
# `./engine run` and prints each time and the median. Every re-run must submit nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
steps="${1:-50}"
runs="${2:-5}"
work="$(mktemp -d -t acepipe-cache-bench-XXXX)"
trap 'rm -rf "$work"' EXIT

pipeline="$work/bench.yaml"
{
  echo "version: 1"
  echo "name: cache-bench"
  echo "seed: 42"
  echo "defaults:"
  echo "  audio_format: flac"
  echo "steps:"
  covers=$((steps / 5))
  gens=$((steps - covers))
  for i in $(seq 1 "$gens"); do
    echo "  g$i:"
    echo "    type: generate"
    echo "    prompt: \"ambient texture number $i\""
    echo "    lyrics: \"[inst]\""
    echo "    duration: 10"
  done
  for i in $(seq 1 "$covers"); do
    echo "  c$i:"
    echo "    type: cover"
    echo "    from: g$i"
    echo "    prompt: \"acoustic version $i\""
  done
  echo "outputs:"
  echo "  g1: out/g1.flac"
  echo "  c1: out/c1.flac"
} >"$pipeline"

"$root/engine" --version >/dev/null 2>&1 || true   # build the jar (not timed)
echo "rendering $steps steps once (not timed)..." >&2
"$root/engine" run "$pipeline" --max-parallel 4 >/dev/null 2>"$work/first.err" || { cat "$work/first.err" >&2; exit 1; }

times=()
for r in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "$root/engine" run "$pipeline" --format json >"$work/run.json" 2>"$work/run.err"
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  if ! grep -q '"requests" *: *0' "$work/run.json" && ! grep -q 'cached' "$work/run.err"; then
    echo "run $r was not fully cached" >&2; cat "$work/run.err" >&2; exit 1
  fi
  times+=("$ms")
  echo "run $r: ${ms} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "fully cached re-run of $steps steps: median ${median} ms over $runs runs (target <= 1500 ms)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
