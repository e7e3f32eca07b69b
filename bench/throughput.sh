#!/usr/bin/env bash
# Benchmark: N tasks submitted through the JSON API to the built-in simulator, end to end (submit → poll →
# download → poster). Prints submit latency, time until all are COMPLETED, and the server's memory.
# Usage: bash bench/throughput.sh [tasks=20] [port=18200]   (run `mvn -B -q package -DskipTests` first)
# Talks only to 127.0.0.1; every wait is bounded. The API wants a token: the fresh data dir gets a first admin
# (WAN_ADMIN_USER/WAN_ADMIN_PASSWORD), who signs in and makes a token as a user would (bench/api-token.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
TASKS=${1:-20}
PORT=${2:-18200}
JAR=target/wan-studio-micro.jar
WORK=$(mktemp -d /tmp/wan-bench.XXXXXX)
BASE=http://127.0.0.1:$PORT
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests"; exit 1; }
command -v ffmpeg >/dev/null || { echo "needs ffmpeg (bash src/test/sh/install-test-tools.sh)"; exit 1; }

ADMIN=bench
PASSWORD="pw-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
WAN_ADMIN_USER=$ADMIN WAN_ADMIN_PASSWORD=$PASSWORD java -Xmx1g -Dwan.data-dir="$WORK/data" -Dwan.public-base-url="$BASE" \
  -Dwan.simulator.queued-seconds=1 -Dwan.simulator.processing-seconds=5 \
  -jar "$JAR" --port "$PORT" > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT

start=$(date +%s.%N)
for _ in $(seq 1 180); do
  curl -fs "$BASE/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "$BASE/health/ready" >/dev/null || { echo "server did not start"; tail -20 "$WORK/server.log"; exit 1; }
echo "startup to ready: $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $start}") s"
TOKEN=$(bash bench/api-token.sh "$BASE" "$ADMIN" "$PASSWORD" "throughput bench")
AUTH="Authorization: Bearer $TOKEN"

ffmpeg -v error -f lavfi -i testsrc=size=1280x720 -frames:v 1 "$WORK/frame.png"
ids=()
t0=$(date +%s.%N)
for i in $(seq 1 "$TASKS"); do
  out=$(curl -s -w ' %{time_total}' -H "$AUTH" -F "firstFrame=@$WORK/frame.png;type=image/png" \
    -F "prompt=bench $i" -F durationSeconds=2 -F resolution=720P "$BASE/api/v1/tasks")
  ids+=("$(echo "$out" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)")
  echo "${out##* }" >> "$WORK/submit-times"
done
t1=$(date +%s.%N)
echo "submitted $TASKS tasks in $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s; submit latency (s): $(sort -n "$WORK/submit-times" | awk '{a[NR]=$1} END {printf "min %.3f median %.3f max %.3f", a[1], a[int((NR+1)/2)], a[NR]}')"

for _ in $(seq 1 600); do
  done_count=0
  for id in "${ids[@]}"; do
    state=$(curl -s -H "$AUTH" "$BASE/api/v1/tasks/$id" | grep -o '"state":"[A-Z_]*"' | cut -d'"' -f4)
    case "$state" in COMPLETED|FAILED|NEEDS_REVIEW) done_count=$((done_count+1));; esac
  done
  [ "$done_count" -eq "$TASKS" ] && break
  sleep 1
done
t2=$(date +%s.%N)
completed=$(for id in "${ids[@]}"; do curl -s -H "$AUTH" "$BASE/api/v1/tasks/$id"; done | grep -o '"state":"COMPLETED"' | wc -l)
echo "all final $(awk "BEGIN{printf \"%.1f\", $t2 - $t0}") s after the first submit; COMPLETED: $completed/$TASKS (simulated work: 6 s per task)"
echo "server RSS: $(( $(ps -o rss= -p $PID) / 1024 )) MB"
