#!/usr/bin/env bash
# Audio analysis benchmark: a 600 s 48 kHz stereo take rendered by the embedded server, then
#  1. `engine run --report`, `engine report` and `engine loudness` at -Xmx64m (peak heap from the GC log, peak RSS,
#     wall time), on the WAV and the FLAC take;
#  2. the cost of the take checks against the take's download-and-probe time (median of ROUNDS).
# Usage: bench/audio/run.sh [seconds=600] [rounds=3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-600}"
rounds="${2:-3}"
work="${BENCH_DIR:-$root/target/bench-audio}"
cd "$root"
[ -f target/acepipe.jar ] && [ -z "$(find src/main pom.xml schemas -newer target/acepipe.jar -print -quit)" ] \
  || ./mvnw -q -B package -DskipTests
rm -rf "$work"
mkdir -p "$work/project" "$work/classes"
cat > "$work/project/long.yaml" <<YAML
version: 1
name: long
seed: 3
steps:
  wav:
    type: generate
    prompt: synthwave, analog pads, gated drums
    lyrics: "[inst]"
    duration: $seconds
    bpm: 110
    audio_format: wav
  flac:
    type: generate
    prompt: deep house, warm sub bass
    lyrics: "[inst]"
    duration: $seconds
    bpm: 124
    audio_format: flac
outputs:
  wav: out/long.wav
  flac: out/long.flac
YAML

# Runs "$@" at -Xmx64m; prints peak heap (largest heap in use before a collection), peak RSS and wall time.
measure() {
  local label="$1"; shift
  local gc="$work/gc-${label// /_}.log"
  local start end rc=0
  start=$(date +%s.%N)
  ACEPIPE_JAVA_OPTS="-Xmx64m -Xlog:gc:file=$gc" /usr/bin/time -f "%M" -o "$work/rss-${label// /_}" "$@" \
    >"$work/out-${label// /_}" 2>"$work/err-${label// /_}" || rc=$?
  end=$(date +%s.%N)
  local heap
  heap=$(grep -oE '[0-9]+M->[0-9]+M' "$gc" | sed 's/M->.*//' | sort -n | tail -1)
  printf '%-28s exit %d  peak heap %4s MB  peak RSS %4d MB  %6.2f s\n' "$label" "$rc" "${heap:-?}" \
    $(( $(cat "$work/rss-${label// /_}") / 1024 )) "$(echo "$end - $start" | bc)"
  if grep -q "Exception\|OutOfMemory\|rror" "$work/err-${label// /_}"; then
    echo "  stderr: $(head -3 "$work/err-${label// /_}")"
  fi
}

echo "== memory at -Xmx64m, ${seconds} s 48 kHz stereo takes"
measure "run --report" ./engine run "$work/project/long.yaml" --report --format json
run_dir="$(dirname "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["manifest"])' "$work/out-run_--report")")"
measure "report RUN_DIR" ./engine report "$run_dir"
measure "loudness (wav)" ./engine loudness "$work/project/out/long.wav"
measure "loudness (flac)" ./engine loudness "$work/project/out/long.flac"
echo "  loudness output:"; sed 's/^/    /' "$work/out-loudness_(wav)" "$work/out-loudness_(flac)"

echo "== take checks vs download and probe (median of $rounds)"
javac -d "$work/classes" -cp target/acepipe.jar bench/audio/AudioBench.java
java -Xmx256m -cp "target/acepipe.jar:$work/classes" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  AudioBench "$work/dl" "$rounds" "$work/project/out/long.wav" "$work/project/out/long.flac"

if command -v ffmpeg >/dev/null 2>&1; then
  echo "== cross-check: ffmpeg -af ebur128=peak=true"
  for f in "$work/project/out/long.wav" "$work/project/out/long.flac"; do
    ffmpeg -hide_banner -nostats -i "$f" -af ebur128=peak=true -f null - 2>&1 \
      | awk -v f="$(basename "$f")" '/Summary:/ {s=1} s && /I:|LRA:|Peak:/ {v = v " " $1 " " $2} END {print "  " f ":" v}'
  done
fi
