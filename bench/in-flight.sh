#!/usr/bin/env bash
# Benchmark: the poller's cost with many tasks in flight. The app (adaptive schedule, defaults) polls a stand-alone
# simulator (WAN_ROLE=simulator) whose tasks take 30 minutes; N tasks are submitted through the JSON API. Measured on
# the app's process over a window, first idle (no task), then while the N tasks wait: CPU time from /proc/<pid>/stat
# (as % of one core), JVM threads (/proc/<pid>/status), task-result calls (the simulator's ledger), and, from
# thread dumps (jcmd Thread.print) every 2 s, how many distinct threads were seen in the poller (TaskPoller.tick, the
# schedule, or TaskAdvancer.poll, a poll on the poller's pool) and the most at once.
# Usage: bash bench/in-flight.sh [tasks=500] [port=19210] [window-seconds=60]   (build first; BUILD_DIR=target-e etc.)
# Talks only to 127.0.0.1 (app on port, simulator on port+1); every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
TASKS=${1:-500}
PORT=${2:-19210}
WINDOW=${3:-60}
SIM_PORT=$((PORT + 1))
JAR=${BUILD_DIR:-target}/wan-studio-micro.jar
APP_JAR=${APP_JAR:-$JAR}
KEY=in-flight-bench-key
WORK=$(mktemp -d /tmp/wan-inflight.XXXXXX)
BASE=http://127.0.0.1:$PORT
SIM=http://127.0.0.1:$SIM_PORT/simulator
[ -f "$JAR" ] && [ -f "$APP_JAR" ] || { echo "build first: mvn -B -q package -DskipTests"; exit 1; }
for tool in ffmpeg jq jcmd; do command -v $tool >/dev/null || { echo "needs $tool"; exit 1; }; done
SIM_PID=; APP_PID=
cleanup() {
  for pid in $APP_PID $SIM_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
threads() { awk '/^Threads:/ {print $2}' "/proc/$APP_PID/status"; }
polls_total() { curl -fs "$SIM/_control/polls" | jq .total; }
# CPU ticks per native thread ("tid ticks name"; Linux keeps 15 characters of a Java thread's name)
thread_ticks() {
  for t in /proc/$APP_PID/task/*; do
    # the name in stat may hold spaces: count fields after its closing parenthesis (utime, stime = 12th, 13th)
    sed 's/.*) //' "$t/stat" 2>/dev/null | awk -v tid="${t##*/}" -v name="$(cat "$t/comm" 2>/dev/null)" '{print tid, $12 + $13, name}' || true # a thread may end meanwhile
  done
}
HZ=$(getconf CLK_TCK)

# Measures one window: prints "cpu% threads calls/s distinct-poller-threads most-poller-threads-in-one-dump"
window() {
  local c0 p0 t0 c1 p1 t1 ids=()
  thread_ticks > "$WORK/threads-0"
  c0=$(cpu_ticks); p0=$(polls_total); t0=$(date +%s.%N)
  : > "$WORK/poller-threads"; : > "$WORK/per-dump"
  for _ in $(seq 1 $((WINDOW / 2))); do
    # a thread's name line, then its stack: note the names of those inside TaskPoller.tick
    jcmd "$APP_PID" Thread.print 2>/dev/null | awk '/^"/ {name=$1} /TaskPoller\.tick|TaskAdvancer\.poll/ {print name}' \
      | sort -u | tee -a "$WORK/poller-threads" | wc -l >> "$WORK/per-dump"
    sleep 2
  done
  c1=$(cpu_ticks); p1=$(polls_total); t1=$(date +%s.%N)
  thread_ticks > "$WORK/threads-1"
  # where the window's CPU went: the 6 busiest threads, ticks summed by name
  awk 'NR == FNR {before[$1] = $2; next} {name = $3; for (i = 4; i <= NF; i++) name = name " " $i; d[name] += $2 - before[$1]}
       END {for (n in d) if (d[n] > 0) print d[n], n}' "$WORK/threads-0" "$WORK/threads-1" | sort -rn | head -6 \
    | awk -v hz="$HZ" -v w="$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" '{t = $1; $1 = ""; printf "%s: %.1f %%;", $0, 100 * t / hz / w}' > "$WORK/busiest"
  awk -v c=$((c1 - c0)) -v hz="$HZ" -v p=$((p1 - p0)) -v t0="$t0" -v t1="$t1" -v th="$(threads)" \
    -v pt="$(sort -u "$WORK/poller-threads" | wc -l)" -v pm="$(sort -n "$WORK/per-dump" | tail -1)" \
    'BEGIN { printf "%.1f %d %.1f %d %d\n", 100 * c / hz / (t1 - t0), th, p / (t1 - t0), pt, pm }'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx512m -Dwan.role=simulator -Dwan.data-dir="$WORK/sim" -Dwan.public-base-url="http://127.0.0.1:$SIM_PORT" \
  -Dwan.simulator.control=true -Dwan.simulator.accepted-keys=$KEY -Dwan.simulator.fetch-allow="$BASE" \
  -Dwan.simulator.queued-seconds=5 -Dwan.simulator.processing-seconds=1800 \
  -jar "$JAR" --port "$SIM_PORT" > "$WORK/sim.log" 2>&1 &
SIM_PID=$!
await_ready "http://127.0.0.1:$SIM_PORT/health/ready" $SIM_PID "$WORK/sim.log"
ADMIN=bench
PASSWORD="pw-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
WAN_ADMIN_USER=$ADMIN WAN_ADMIN_PASSWORD=$PASSWORD java -Xmx1g -Dwan.data-dir="$WORK/app" \
  -Dwan.public-base-url="$BASE" -Dnovita.api-key=$KEY -Dnovita.base-url="$SIM" \
  -jar "$APP_JAR" --port "$PORT" > "$WORK/app.log" 2>&1 &
APP_PID=$!
await_ready "$BASE/health/ready" $APP_PID "$WORK/app.log"
TOKEN=$(bash bench/api-token.sh "$BASE" "$ADMIN" "$PASSWORD" "in-flight bench")
ffmpeg -v error -f lavfi -i testsrc=size=320x240 -frames:v 1 "$WORK/frame.png"
sleep 20 # let start-up work (JIT, first requests) settle before the idle window
read -r idle_cpu idle_threads idle_calls idle_pt idle_pm < <(window)
echo "idle: app CPU ${idle_cpu} % of a core, ${idle_threads} JVM threads, ${idle_calls} task-result calls/s, threads seen polling: ${idle_pt}, at most ${idle_pm} at once"
echo "  busiest threads (% of a core):$(cat "$WORK/busiest")"

t0=$(date +%s)
seq 1 "$TASKS" | xargs -P 4 -I{} curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" \
  -F "firstFrame=@$WORK/frame.png;type=image/png" -F "prompt=in flight {}" -F durationSeconds=2 \
  -F resolution=720P "$BASE/api/v1/tasks" || echo "some submits failed"
echo "submitted $TASKS tasks in $(( $(date +%s) - t0 )) s (4 at a time)"
for _ in $(seq 1 300); do # every task polled at least once: all are in the poller's hands
  n=$(curl -fs "$SIM/_control/polls" | jq '.tasks | length')
  [ "$n" -ge "$TASKS" ] && break
  sleep 1
done
echo "tasks polled at least once: $n"
sleep 10
read -r busy_cpu busy_threads busy_calls busy_pt busy_pm < <(window)
echo "$TASKS in flight: app CPU ${busy_cpu} % of a core, ${busy_threads} JVM threads, ${busy_calls} task-result calls/s, threads seen polling: ${busy_pt}, at most ${busy_pm} at once"
echo "  busiest threads (% of a core):$(cat "$WORK/busiest")"
awk -v b="$busy_cpu" -v i="$idle_cpu" -v bt="$busy_threads" -v it="$idle_threads" -v pm="$busy_pm" 'BEGIN {
  printf "poller CPU (in flight minus idle): %.1f %% of a core; threads added: %d; poller threads busy at once: at most %d\n", b - i, bt - it, pm }'
echo "poller threads: $(jcmd "$APP_PID" Thread.print 2>/dev/null | grep -c '^"java:app/concurrent/wanPolls') in its pool, $(jcmd "$APP_PID" Thread.print 2>/dev/null | grep -c '^"concurrent/__defaultManagedScheduledExecutorService') on the schedule's executor"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
