#!/usr/bin/env bash
# Benchmark: signed-in users browsing while tasks are submitted, against the uber-jar with its built-in simulator
# (short task timings). USERS accounts are made as people make them (the admin's "Accounts" page, a password
# change, a token); each browses in a loop with 1-4 s between clicks: the gallery page, one of their task pages,
# the create page (session cookie, as a browser; page HTML only, not its scripts and styles), the JSON list (their
# API token). SUBMITS_PER_MINUTE multipart submits (a 1280x720 PNG first frame) are spread evenly over each minute.
# Prints requests, errors by kind (non-2xx/3xx, timeouts > 30 s, a page that fell back to the login), p50/p95
# latency by kind, the heap after a full GC each minute (jcmd GC.run + jstat), tasks submitted and completed.
# Usage: bash bench/load.sh [minutes=10] [users=50] [submits-per-minute=20] [port=19510]
#        (build first; BUILD_DIR=target-b for another build dir). The driver is bench/load.py (python3, stdlib).
# Talks only to 127.0.0.1; every wait is bounded; the data directory is thrown away at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-10}
USERS=${2:-50}
PER_MINUTE=${3:-20}
PORT=${4:-19510}
JAR=${BUILD_DIR:-target}/wan-studio-micro.jar
WORK=$(mktemp -d /tmp/wan-load.XXXXXX)
BASE=http://127.0.0.1:$PORT
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests"; exit 1; }
for tool in ffmpeg jcmd jstat python3; do command -v $tool >/dev/null || { echo "needs $tool"; exit 1; }; done
PID=
trap 'rc=$?; if [ -n "$PID" ]; then kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; fi; rm -rf "$WORK"; exit $rc' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
ADMIN=bench
PASSWORD="pw-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
WAN_ADMIN_USER=$ADMIN WAN_ADMIN_PASSWORD=$PASSWORD java -Xmx1g -Dwan.data-dir="$WORK/data" -Dwan.public-base-url="$BASE" \
  -Dwan.simulator.queued-seconds=1 -Dwan.simulator.processing-seconds=5 \
  -jar "$JAR" --port "$PORT" --nocluster > "$WORK/server.log" 2>&1 & # --nocluster: no joining other benches' Payaras
PID=$!
for _ in $(seq 1 240); do
  curl -fs "$BASE/health/ready" >/dev/null 2>&1 && break
  kill -0 $PID 2>/dev/null || break
  sleep 1
done
curl -fs "$BASE/health/ready" >/dev/null || { echo "server did not start"; tail -20 "$WORK/server.log"; exit 1; }
ffmpeg -v error -f lavfi -i testsrc=size=1280x720 -frames:v 1 "$WORK/frame.png"
STARTED_AT=$(wc -l < "$WORK/server.log") # the log's warnings from here on are the run's
echo "$USERS users, $PER_MINUTE submits a minute, $MINUTES minutes against $BASE"
python3 bench/load.py "$BASE" "$ADMIN" "$PASSWORD" "$PID" "$WORK/frame.png" "$MINUTES" "$USERS" "$PER_MINUTE"
tail -n +"$STARTED_AT" "$WORK/server.log" | grep -E 'levelValue: (900|1000)\]' | sed 's/.*levelValue: [0-9]*\] *//' \
  | cut -c1-160 | sort | uniq -c | sort -rn > "$WORK/warnings" || true
echo "server log during the run: $(awk '{n += $1} END {print n + 0}' "$WORK/warnings") WARNING/SEVERE lines"
head -10 "$WORK/warnings"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
