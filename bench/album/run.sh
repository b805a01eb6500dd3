#!/usr/bin/env bash
# Measures BS.1770 loudness measurement and normalization speed on a long music-like signal (default 600 s), and
# the time to write an album of FLAC tracks by copy and with normalization.
# Usage: bench/album/run.sh [seconds] [rounds] [tracks]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test-compile
cp_file=target/album-bench.classpath
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -Xmx1g -cp "target/classes:target/test-classes:$(cat "$cp_file")" dev.acepipe.album.AlbumBench "$@"
