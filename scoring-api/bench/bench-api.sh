#!/usr/bin/env bash
# Load test of the scoring API with wrk (Debian's package), on loopback:
#   POST /predict (the reference project's contract) at 32 connections, and
#   GET /anomalies and GET /actors/{login} over the job's output.
# Usage: scoring-api/bench/bench-api.sh OUTPUT_DIR MODELS_DIR [seconds per run, default 15]
# Needs wrk, curl and python3 (to read the API's JSON).
# Starts the API on a free port, prints requests/s, p50/p99 and the API's peak RSS, stops it.
# WRK_THREADS (default 1: on 2 cores, wrk takes one and leaves one to the API) and
# BENCH_JAVA_OPTS (extra JVM options for the API) and BENCH_API_ARGS (extra options of the API,
# e.g. --cache-rows 0 to measure every query on DuckDB) vary the set-up.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
output="$1" models="$2" seconds="${3:-15}"
command -v wrk >/dev/null || { echo "error: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
log="$(mktemp -d "$root/scoring-api/target/bench-XXXX")/api.log"
java -Xmx256m -XX:+UseParallelGC ${BENCH_JAVA_OPTS:-} -cp "$root/scoring-api/target/classes:$(cat "$root/scoring-api/target/classpath.txt")" \
  io.ghanomaly.api.ScoringApi --port 0 --output "$output" --models "$models" ${BENCH_API_ARGS:-} >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 300); do
  url=$(grep -o 'http://[0-9.:]*' "$log" | head -n 1 || true)
  [[ -n "$url" ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$url" ]] || { echo "error: the API did not start; see $log" >&2; exit 1; }
# the busiest person (not a bot) of the latest hour, for /actors/{login}
login=$(curl -s "$url/actors/top?limit=50" | python3 -c 'import json, sys; print(next(r["actor_login"] for r in json.load(sys.stdin)["rows"] if not r["is_bot"]))')
hours=$(curl -s "$url/hours?limit=1000" | grep -o '"hour":' | wc -l)
echo "API at $url over $hours hours of $output; model $(curl -s "$url/model" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')"

# one line of figures per run, named
run() { # name, script, url
  local name="$1" script="$2" url="$3"
  wrk -t${WRK_THREADS:-1} -c32 -d"${seconds}s" --latency -s "$script" "$url" 2>&1 |
    awk -v n="$name" '/^RESULT / { sub(/^RESULT /, ""); print n " connections=32 " $0 }'
}
dir="$(dirname "$log")"
# POST /predict with a vector as long as the served model's features (the reference project's
# five, [12,0,1,0,4], for a --feature-set reference model)
n=$(curl -s "$url/model" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["feature_set"]))')
body=$(python3 -c 'import sys; n = int(sys.argv[1]); print({"features": ([12, 0, 1, 0, 4] + [0] * n)[:n]})' "$n" | tr "'" '"')
echo "POST /predict body ($n features): $body"
curl -s -X POST -H 'Content-Type: application/json' -d "$body" "$url/predict"; echo
{ printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = %s\n' "'$body'"; cat "$here/report.lua"; } >"$dir/predict.lua"
# 5 s unmeasured first: the JIT compiles the hot path (a p99 over a cold JVM measures the JIT)
wrk -t1 -c32 -d5s -s "$dir/predict.lua" "$url/predict" >/dev/null
run "POST /predict" "$dir/predict.lua" "$url/predict"
run "GET /anomalies" "$here/report.lua" "$url/anomalies?limit=50"
run "GET /actors/{login}" "$here/report.lua" "$url/actors/$login?hours=48"
echo "API peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status")"
