#!/usr/bin/env bash
# Take checks against download-and-probe: a 600 s stereo 48 kHz take per format from the embedded server,
# downloaded by acepipe's client over loopback (or, with MBITS > 0, from a local server paced to MBITS Mbit/s,
# an emulated link); the checks run after the download and while it streams in. Medians of ROUNDS.
# Usage: bench/checks/run.sh [seconds=600] [rounds=5] [formats=mp3,wav,flac] [mbits=0]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./engine --help >/dev/null   # builds target/acepipe.jar when needed
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp target/acepipe.jar bench/checks/ChecksBench.java \
  "${1:-600}" "${2:-5}" "${3:-mp3,wav,flac}" "${4:-0}"
