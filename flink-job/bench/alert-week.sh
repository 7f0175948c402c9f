#!/usr/bin/env bash
# The alert rules over generated weeks with a daily and weekly rhythm: false alarms over a steady
# week, the detection delay of each planted shift, and the job's events/s with alerting on and off.
#
#   flink-job/bench/alert-week.sh [--events-per-hour N] [--actors N] [--shift-at HOUR] [--runs N]
#                                 [--on-off-only]
#
# Generates a training week (2025-01-01T00, 168 hours, --rhythm), trains a model on it, then
# generates the next week four times (steady, and with each --shift from --shift-at on) and runs
# the job over each with ./gh-anomaly run. Everything goes under work/alert-week. Prints, per
# week: the alerts before the shift (false alarms), the first alert of each rule after it and its
# delay (from the shift's first hour to the end of the hour whose close raised it). Then the steady
# week --runs more times with alerting on and off, alternating, and each run's events/s.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
EVENTS=20000
ACTORS=7000
SHIFT_AT=2025-01-09T14 # a Thursday afternoon, the week's busiest hours
RUNS=2
SCENARIOS=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --on-off-only) SCENARIOS=0; shift ;;
    --events-per-hour) EVENTS="$2"; shift 2 ;;
    --actors) ACTORS="$2"; shift 2 ;;
    --shift-at) SHIFT_AT="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    *) echo "usage: $0 [--events-per-hour N] [--actors N] [--shift-at HOUR] [--runs N] [--on-off-only]" >&2; exit 2 ;;
  esac
done
BENCH="$ROOT/work/alert-week"
GH="$ROOT/gh-anomaly"
mkdir -p "$BENCH"

generate() { # dir, start, extra generator options
  local dir="$1" start="$2"
  shift 2
  if [[ ! -f "$dir/labels.csv" ]]; then
    "$GH" generate --out "$dir" --start "$start" --hours 168 --events-per-hour "$EVENTS" \
      --actors "$ACTORS" --rhythm "$@" >"$dir.generate.log" 2>&1
  fi
}

echo "Generating the training week and training a model (once; kept in $BENCH)"
mkdir -p "$BENCH/training"
generate "$BENCH/training" 2025-01-01T00
if ! ls "$BENCH/models"/model-*.json >/dev/null 2>&1; then
  GH_ANOMALY_WORK="$BENCH/train-work" "$GH" train --raw "$BENCH/training" \
    --models "$BENCH/models" >"$BENCH/train.log" 2>&1
fi
grep -E "trained on|usual drift" "$BENCH/train.log" | sed 's/^/  /'

# Runs the job over a week; $1 scenario name, $2 input, the rest job options. Sets ELAPSED, EVENTS_READ.
run_week() {
  local name="$1" input="$2" work="$BENCH/run-$1"
  shift 2
  rm -rf "$work"
  mkdir -p "$work/models"
  cp "$BENCH"/models/model-*.json "$work/models/"
  ALERT_LOG="$work/logs/alerts.jsonl" GH_ANOMALY_WORK="$work" "$GH" run --input "$input" \
    --api-port 0 --web-port 0 "$@" >"$work.log" 2>&1
  ELAPSED=$(grep -o 'Finished in [0-9.]*' "$work.log" | awk '{print $3}')
  EVENTS_READ=$(awk '$1 == "eventsRead" {print $2}' "$work.log")
  ALERTS="$work/logs/alerts.jsonl"
  [[ -f "$ALERTS" ]] || : >"$ALERTS"
}

shift_epoch=$(date -u -d "${SHIFT_AT}:00:00" +%s)
report() { # scenario
  local n_before
  n_before=$(jq -s --argjson t "$shift_epoch" '[.[] | select((.hour | fromdateiso8601) < $t)] | length' "$ALERTS")
  printf '%-22s %s events in %s s (%.0f events/s); false alarms before %s: %s\n' \
    "$1" "$EVENTS_READ" "$ELAPSED" "$(echo "$EVENTS_READ / $ELAPSED" | bc -l)" "$SHIFT_AT" "$n_before"
  jq -r -s --argjson t "$shift_epoch" '
    [.[] | select((.hour | fromdateiso8601) < $t)] | .[] | "    before: \(.id)"' "$ALERTS"
  jq -r -s --argjson t "$shift_epoch" '
    [.[] | select((.hour | fromdateiso8601) >= $t)] | group_by(.rule + "/" + .population)
    | map(min_by(.hour | fromdateiso8601)) | sort_by(.hour | fromdateiso8601) | .[]
    | "    first \(.rule)/\(.population) at \(.hour): delay \(((.hour | fromdateiso8601) + 3600 - $t) / 3600) h"
    ' "$ALERTS"
  printf '    alerts after the shift: %s\n' \
    "$(jq -s --argjson t "$shift_epoch" '[.[] | select((.hour | fromdateiso8601) >= $t)] | length' "$ALERTS")"
}

scenarios=(steady bot-storm spam-wave push-commits-dropped)
[[ $SCENARIOS -eq 1 ]] || scenarios=()
for scenario in "${scenarios[@]}"; do
  dir="$BENCH/week2-$scenario"
  mkdir -p "$dir"
  if [[ "$scenario" == steady ]]; then
    generate "$dir" 2025-01-08T00
  else
    generate "$dir" 2025-01-08T00 --shift "$scenario@$SHIFT_AT"
  fi
  run_week "$scenario" "$dir"
  report "$scenario"
done

echo "The steady week, alerting on and off (same hours, same model), alternating:"
for i in $(seq 1 "$RUNS"); do
  run_week on "$BENCH/week2-steady"
  printf '  on:  %s events in %s s, %.0f events/s\n' "$EVENTS_READ" "$ELAPSED" "$(echo "$EVENTS_READ / $ELAPSED" | bc -l)"
  run_week off "$BENCH/week2-steady" --no-alerts
  printf '  off: %s events in %s s, %.0f events/s\n' "$EVENTS_READ" "$ELAPSED" "$(echo "$EVENTS_READ / $ELAPSED" | bc -l)"
done
