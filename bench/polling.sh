#!/usr/bin/env bash
# Benchmark: what polling costs the provider and how late a finished task is seen. N tasks of known simulated
# length (queued 1–3 s + processing 5–25 s, the same seeded sequence in every run) are submitted through the JSON
# API; a stand-alone simulator (WAN_ROLE=simulator) counts the task-result calls per task and stamps, on its own
# clock, when each task finished and when it first answered SUCCEED (GET /simulator/_control/polls). Detection
# lag = that answer minus the finish. Run twice on one simulator: the adaptive schedule (defaults), then fixed 2 s
# polling (wan.poller.fixed-interval-ms=2000) as the baseline; prints both and their ratios.
# Usage: bash bench/polling.sh [tasks=200] [port=19200]   (run `mvn -B -q package -DskipTests` first)
#   APP_JAR=path/to/other/wan-studio-micro.jar runs the app from another build (e.g. the schedule before a change)
#   MODES="adaptive fixed" (default) chooses the runs; BUILD_DIR (default target) where the jar is.
# Talks only to 127.0.0.1 (app on port, simulator on port+1); every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
TASKS=${1:-200}
PORT=${2:-19200}
SIM_PORT=$((PORT + 1))
JAR=${BUILD_DIR:-target}/wan-studio-micro.jar
APP_JAR=${APP_JAR:-$JAR}
MODES=${MODES:-adaptive fixed}
KEY=polling-bench-key
WORK=$(mktemp -d /tmp/wan-polling.XXXXXX)
BASE=http://127.0.0.1:$PORT
SIM=http://127.0.0.1:$SIM_PORT/simulator
[ -f "$JAR" ] && [ -f "$APP_JAR" ] || { echo "build first: mvn -B -q package -DskipTests"; exit 1; }
for tool in ffmpeg jq; do command -v $tool >/dev/null || { echo "needs $tool"; exit 1; }; done
SIM_PID=; APP_PID=
cleanup() {
  for pid in $APP_PID $SIM_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT


java -Xmx512m -Dwan.role=simulator -Dwan.data-dir="$WORK/sim" -Dwan.public-base-url="http://127.0.0.1:$SIM_PORT" \
  -Dwan.simulator.control=true -Dwan.simulator.accepted-keys=$KEY -Dwan.simulator.fetch-allow="$BASE" \
  -jar "$JAR" --port "$SIM_PORT" > "$WORK/sim.log" 2>&1 &
SIM_PID=$!
await_ready "http://127.0.0.1:$SIM_PORT/health/ready" $SIM_PID "$WORK/sim.log"
ffmpeg -v error -f lavfi -i testsrc=size=640x360 -frames:v 1 "$WORK/frame.png"

run() { # mode -> prints figures, leaves "calls p50 p95" in $WORK/<mode>.fig
  local mode=$1 extra=()
  [ "$mode" = fixed ] && extra=(-Dwan.poller.fixed-interval-ms=2000)
  local admin=bench password="pw-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
  WAN_ADMIN_USER=$admin WAN_ADMIN_PASSWORD=$password java -Xmx1g -Dwan.data-dir="$WORK/app-$mode" \
    -Dwan.public-base-url="$BASE" -Dnovita.api-key=$KEY -Dnovita.base-url="$SIM" "${extra[@]}" \
    -jar "$APP_JAR" --port "$PORT" > "$WORK/app-$mode.log" 2>&1 &
  APP_PID=$!
  await_ready "$BASE/health/ready" $APP_PID "$WORK/app-$mode.log"
  local token; token=$(bash bench/api-token.sh "$BASE" "$admin" "$password" "polling bench")
  curl -fs -X POST "$SIM/_control/reset" >/dev/null
  RANDOM=42 # the same task lengths in every run
  local t0; t0=$(date +%s)
  for i in $(seq 1 "$TASKS"); do
    local q=$((1 + RANDOM % 3)) p=$((5 + RANDOM % 21))
    curl -fs -X POST -H 'Content-Type: application/json' -d "{\"queuedSeconds\":$q,\"processingSeconds\":$p}" \
      "$SIM/_control/faults" >/dev/null
    curl -fs -o /dev/null -H "Authorization: Bearer $token" -F "firstFrame=@$WORK/frame.png;type=image/png" \
      -F "prompt=polling bench $i" -F durationSeconds=2 -F resolution=720P "$BASE/api/v1/tasks" \
      || echo "submit $i failed"
  done
  echo "[$mode] submitted $TASKS tasks in $(( $(date +%s) - t0 )) s"
  local seen=0
  for _ in $(seq 1 300); do
    seen=$(curl -fs "$SIM/_control/polls" | jq '[.tasks[] | select(.firstSucceedAnswerMs > 0)] | length')
    [ "$seen" -ge "$TASKS" ] && break
    sleep 1
  done
  curl -fs "$SIM/_control/polls" > "$WORK/polls-$mode.json"
  kill $APP_PID; wait $APP_PID 2>/dev/null || true; APP_PID=
  jq -r --arg mode "$mode" '
    def pct(p): sort | .[((length - 1) * p | floor)];
    [.tasks[] | select(.firstSucceedAnswerMs > 0)] as $done
    | ($done | map(.firstSucceedAnswerMs - .completeTimeMs) ) as $lag
    | ($done | map(.polls) | add / length) as $calls
    | "[\($mode)] tasks seen done: \($done | length)/\(.tasks | length); calls per task: \($calls * 10 | round / 10)"
      + " (max \($done | map(.polls) | max)); detection lag p50 \($lag | pct(0.5) / 1000) s, p95 \($lag | pct(0.95) / 1000) s,"
      + " max \($lag | max / 1000) s; video later than the ETA (simulator slowed by load): \($done | map(select(.completeTimeMs > .plannedEndMs + 1000)) | length) tasks by over 1 s, worst \($done | map(.completeTimeMs - .plannedEndMs) | max / 1000) s",
      "\($calls) \($lag | pct(0.5)) \($lag | pct(0.95))"' "$WORK/polls-$mode.json" > "$WORK/$mode.out"
  head -1 "$WORK/$mode.out"
  tail -1 "$WORK/$mode.out" > "$WORK/$mode.fig"
  [ "$seen" -ge "$TASKS" ] || echo "[$mode] only $seen of $TASKS seen done within the wait"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in $MODES; do run "$mode"; done
if [ -f "$WORK/adaptive.fig" ] && [ -f "$WORK/fixed.fig" ]; then
  read -r ac a50 a95 < "$WORK/adaptive.fig"; read -r fc f50 f95 < "$WORK/fixed.fig"
  awk -v ac="$ac" -v fc="$fc" -v a50="$a50" -v f50="$f50" -v a95="$a95" -v f95="$f95" 'BEGIN {
    printf "calls per task: %.1f (fixed 2 s: %.1f, ratio %.2f)\n", ac, fc, ac / fc
    printf "detection lag p50 %.2f s (fixed 2 s: %.2f s, ratio %.2f), p95 %.2f s (fixed 2 s: %.2f s, ratio %.2f)\n",
      a50 / 1000, f50 / 1000, a50 / f50, a95 / 1000, f95 / 1000, a95 / f95 }'
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
