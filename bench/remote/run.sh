#!/usr/bin/env bash
# Shared remote store benchmark (docs/remote.md): a 50-step locked pipeline (40 generate + 10 cover, 10 s FLAC
# takes) against a local S3 server (S3Proxy over a filesystem blobstore, started here on 127.0.0.1).
#   1. render it from scratch without a remote (what a cold runner pays without a shared store)
#   2. render it from scratch with the remote (render + upload: the first runner of a fleet)
#   3. a cold runner (yaml + lockfile only, empty local store) runs `engine run --locked`: wall, bytes, jobs
#   4. two cold runners at once against the bucket; two renders of one pipeline at once into a fresh prefix
#   5. one large take (SIZE_MB, default 300) pushed and pulled with -Xmx64m: streaming, bounded memory
# Usage: bench/remote/run.sh [STEPS] [SIZE_MB]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
steps="${1:-50}"
big_mb="${2:-300}"
work="$(mktemp -d -t acepipe-remote-bench-XXXX)"
s3pid=""
cleanup() { [ -n "$s3pid" ] && kill "$s3pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$root"

./engine --help >/dev/null   # builds target/acepipe.jar when needed (not timed)
./mvnw -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/test.cp" >/dev/null
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export AWS_ACCESS_KEY_ID=bench-identity AWS_SECRET_ACCESS_KEY=bench-credential-0123 AWS_REGION=us-east-1
mkdir -p "$work/blobs"
java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$(cat "$work/test.cp")" \
  bench/remote/S3ProxyServer.java "$work/blobs" "$port" bench "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" \
  >"$work/s3.out" 2>"$work/s3.err" &
s3pid=$!
for _ in $(seq 1 600); do grep -q ready "$work/s3.out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$work/s3.out" || { cat "$work/s3.err" >&2; exit 1; }
export ACEPIPE_REMOTE_ENDPOINT="http://127.0.0.1:$port"

gen_pipeline() {
  {
    echo "version: 1"; echo "name: remote-bench"; echo "seed: 42"
    echo "defaults:"; echo "  audio_format: flac"; echo "steps:"
    covers=$((steps / 5)); gens=$((steps - covers))
    for i in $(seq 1 "$gens"); do
      printf '  g%s:\n    type: generate\n    prompt: "ambient texture number %s"\n    lyrics: "[inst]"\n    duration: 10\n' "$i" "$i"
    done
    for i in $(seq 1 "$covers"); do
      printf '  c%s:\n    type: cover\n    from: g%s\n    prompt: "acoustic version %s"\n' "$i" "$i" "$i"
    done
    printf 'outputs:\n  g1: out/g1.flac\n  c1: out/c1.flac\n'
  } >"$1"
}

# run NAME DIR ARGS...: times `engine run`, prints wall ms, jobs submitted and the remote's transfer line.
run() {
  local name="$1" dir="$2"; shift 2
  local start end
  start=$(date +%s%N)
  ./engine run "$dir/bench.yaml" --max-parallel 4 --format json "$@" >"$dir/run.json" 2>"$dir/run.err" \
    || { echo "$name failed:" >&2; cat "$dir/run.err" >&2; exit 1; }
  end=$(date +%s%N)
  local jobs
  jobs=$(python3 -c 'import json,sys; m=json.load(open(json.load(open(sys.argv[1]))["manifest"])); print(sum(len(s["task_ids"]) for s in m["steps"]))' "$dir/run.json")
  printf '%-44s %7d ms  %3d jobs  %s\n' "$name" $(( (end - start) / 1000000 )) "$jobs" \
    "$(grep -h '^remote ' "$dir/run.err" | sed 's/^remote .*: pulled/pulled/' | tail -1)"
}

fresh() { mkdir -p "$work/$1"; gen_pipeline "$work/$1/bench.yaml"; echo "$work/$1"; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); S3Proxy (filesystem) on 127.0.0.1:$port"
echo "pipeline: $steps steps, 10 s FLAC takes, --max-parallel 4, embedded server"
a=$(fresh render-local)
run "1. render, no remote" "$a"
b=$(fresh render-remote)
run "2. render + upload (first runner)" "$b" --remote s3://bench/team
c=$(fresh cold); cp "$b/bench.lock.json" "$c/"
run "3. cold runner: run --locked (pull)" "$c" --remote s3://bench/team --locked
run "   same runner again (local store warm)" "$c" --remote s3://bench/team --locked
d=$(fresh cold-d); cp "$b/bench.lock.json" "$d/"
e=$(fresh cold-e); cp "$b/bench.lock.json" "$e/"
start=$(date +%s%N)
run "4a. two cold runners at once: runner 1" "$d" --remote s3://bench/team --locked &
p1=$!
run "4a. two cold runners at once: runner 2" "$e" --remote s3://bench/team --locked &
p2=$!
wait "$p1" "$p2"
echo "    both done after $(( ($(date +%s%N) - start) / 1000000 )) ms"
f=$(fresh race-f); g=$(fresh race-g)
start=$(date +%s%N)
run "4b. two renders at once, fresh prefix: 1" "$f" --remote s3://bench/race &
p1=$!
run "4b. two renders at once, fresh prefix: 2" "$g" --remote s3://bench/race &
p2=$!
wait "$p1" "$p2"
echo "    both done after $(( ($(date +%s%N) - start) / 1000000 )) ms"
./engine store status --project "$f" --remote s3://bench/race | sed 's/^/    /'
cmp -s "$f/bench.lock.json" "$g/bench.lock.json" && echo "    the two lockfiles are identical"

echo "5. one ${big_mb} MB take through the remote, engine JVM at -Xmx64m:"
mkdir -p "$work/big" "$work/big2"
java -cp target/acepipe.jar bench/remote/BigTake.java "$work/big" "$big_mb" >/dev/null
cp "$work/big/big.lock.json" "$work/big2/"
for what in push pull; do
  dir="$work/big"; [ "$what" = pull ] && dir="$work/big2"
  start=$(date +%s%N)
  ACEPIPE_JAVA_OPTS="-Xmx64m" /usr/bin/time -f '%M' -o "$work/rss" \
    ./engine store "$what" --project "$dir" --remote s3://bench/big >"$work/$what.out" 2>"$work/$what.err" \
    || { cat "$work/$what.err" >&2; exit 1; }
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  printf '    %s: %6d ms, max RSS %d MB: %s\n' "$what" "$ms" $(( $(cat "$work/rss") / 1024 )) "$(cat "$work/$what.out")"
done
echo "    blobs on the server: $(du -sh "$work/blobs" | cut -f1)"
