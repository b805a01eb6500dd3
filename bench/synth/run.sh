#!/usr/bin/env bash
# Renders a long take (default 600 s) in wav, flac and mp3 with the procedural synthesizer and prints the time,
# the real-time factor, process CPU time (the machine may be shared: compare CPU, not only wall) and where the time
# goes (composing, mixing alone, each encoder fed the mixed track from memory).
# Usage: bench/synth/run.sh [seconds] [rounds] [formats, e.g. wav,flac]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test-compile
cp_file=target/synth-bench.classpath
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -Xmx1g -cp "target/classes:target/test-classes:$(cat "$cp_file")" dev.acepipe.server.synth.SynthBench "$@"
