#!/usr/bin/env bash
# Fault storm, the long version of FaultStormIT: tasks are submitted through the JSON API, spread over the storm,
# while a stand-alone simulator (the provider) goes through repeated cycles of faults: 30 % 5xx (500/502/504) on
# submits and polls, a 429 burst with Retry-After, a 10 s outage, slow answers (latency, and submits answered after
# the studio's read timeout), malformed JSON, dropped and cut submit connections, then a calm spell. After the
# storm every fault is off, and the script waits (bounded) until every task has ended.
# Prints: tasks by final state, POSTs per task (max), thread count before/after and its max, breaker openings and
# closings, and the recovery time after the last fault. Exits 1 on any violation: a task not ended, a task the
# provider accepted that did not complete, a task made twice at the provider, a submit answered with an error, the
# breaker still open, or more threads than before (+10) once the studio settled.
# Usage: bash bench/fault-storm.sh [tasks=100] [port=19400] [minutes=10]   (run `mvn -B -q package -DskipTests`
# first; the simulator takes port+1; FAULT_STORM_JAR=other/wan-studio-micro.jar picks another build)
# Talks only to 127.0.0.1; every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
TASKS=${1:-100}
PORT=${2:-19400}
MINUTES=${3:-10}
SIM_PORT=$((PORT + 1))
JAR=${FAULT_STORM_JAR:-target/wan-studio-micro.jar}
WORK=$(mktemp -d /tmp/wan-storm.XXXXXX)
BASE=http://127.0.0.1:$PORT
SIM=http://127.0.0.1:$SIM_PORT/simulator
THREAD_SLACK=10
PARALLEL_SUBMITS=4
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests (or set FAULT_STORM_JAR)"; exit 1; }
for tool in curl jq ffmpeg ffprobe; do command -v $tool >/dev/null || { echo "needs $tool"; exit 1; }; done
ADMIN=storm
PASSWORD="pw-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
APP_PID=; SIM_PID=; SUBMITTER_PID=
cleanup() {
  for pid in $SUBMITTER_PID $APP_PID $SIM_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  [ -n "${FAULT_STORM_KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

faults() { curl -fs -m 10 -o /dev/null -H 'Content-Type: application/json' -d "$1" "$SIM/_control/faults"; }
metric() { # name label-part -> value of the first matching line (0 while absent)
  local all; all=$(curl -fs -m 10 "$BASE/metrics" || true)
  awk -v name="$1{" -v label="$2" 'index($0, name) == 1 && index($0, label) { printf "%d", $NF; found = 1; exit }
    END { if (!found) print 0 }' <<< "$all"
}
breaker() { # the provider check's view of the poll breaker: open or closed
  curl -s -m 10 "$BASE/health/ready" | jq -r '.checks[] | select(.name == "provider") | .data.breaker' 2>/dev/null \
    || echo unknown
}
POLL='method="io.wanstudio.provider.NovitaGateway.poll"'

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# The provider: the simulator alone, with its control switch (ledger, faults) on. Storm tasks run 1 s + 8 s there,
# so that the polls of tasks in flight meet every phase.
java -Xmx512m -Dwan.role=simulator -Dwan.data-dir="$WORK/sim" -Dwan.public-base-url="http://127.0.0.1:$SIM_PORT" \
  -Dwan.simulator.control=true -Dwan.simulator.fetch-allow="$BASE" \
  -Dwan.simulator.queued-seconds=1 -Dwan.simulator.processing-seconds=8 \
  -jar "$JAR" --port "$SIM_PORT" --nocluster --disablephonehome > "$WORK/sim.log" 2>&1 &
SIM_PID=$!
await_ready "http://127.0.0.1:$SIM_PORT/health/ready" $SIM_PID "$WORK/sim.log"
# The studio without NOVITA_API_KEY, pointed at that simulator, with the production fault-tolerance settings except
# a 15 s read timeout (so a slow submit costs 16 s, not 95).
NOVITA_BASE_URL="$SIM" WAN_ADMIN_USER=$ADMIN WAN_ADMIN_PASSWORD=$PASSWORD \
  java -Xmx1g -Dwan.data-dir="$WORK/app" -Dwan.public-base-url="$BASE" -Dnovita.read-timeout-ms=15000 \
  -jar "$JAR" --port "$PORT" --nocluster --disablephonehome > "$WORK/app.log" 2>&1 &
APP_PID=$!
await_ready "$BASE/health/ready" $APP_PID "$WORK/app.log"
TOKEN=$(bash bench/api-token.sh "$BASE" "$ADMIN" "$PASSWORD" "fault storm")
ffmpeg -v error -f lavfi -i testsrc=size=640x360 -frames:v 1 "$WORK/frame.png"
curl -fs -m 10 -o /dev/null -X POST "$SIM/_control/reset"

# $1 label -> one line "label|prompt|http status|task id|state|provider task id" in $WORK/submits
submit() {
  local prompt="fault storm $1 $RANDOM$RANDOM" answer="$WORK/answer.$BASHPID" status
  status=$(curl -s -m 90 -o "$answer" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -F "firstFrame=@$WORK/frame.png;type=image/png" -F "prompt=$prompt" -F durationSeconds=2 -F resolution=720P \
    "$BASE/api/v1/tasks" || true)
  echo "$1|$prompt|$status|$(jq -r '[.id, .state, (.providerTaskId // "")] | map(tostring) | join("|")' "$answer" 2>/dev/null || echo "||")" \
    >> "$WORK/submits"
  rm -f "$answer"
}
state_of() { curl -fs -m 10 -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/tasks/$1" | jq -r .state; }

# One task through every step first, so that the pools the storm uses exist before threads are counted.
: > "$WORK/submits"
submit warm-up
warm_id=$(cut -d'|' -f4 "$WORK/submits")
for _ in $(seq 1 120); do [ "$(state_of "$warm_id")" = COMPLETED ] && break; sleep 1; done
[ "$(state_of "$warm_id")" = COMPLETED ] || { echo "the warm-up task did not complete"; exit 1; }
threads_before=$(metric thread_count 'mp_scope="base"')
opened_before=$(metric ft_circuitbreaker_opened_total "$POLL")
threads_max=$threads_before

# The users: TASKS submits spread evenly over the storm, at most PARALLEL_SUBMITS at once.
storm_seconds=$((MINUTES * 60))
submitter() {
  local gap_ms=$((storm_seconds * 1000 / TASKS)) phase
  for i in $(seq 1 "$TASKS"); do
    while [ "$(jobs -rp | wc -l)" -ge $PARALLEL_SUBMITS ]; do wait -n || true; done
    phase=$(cat "$WORK/phase" 2>/dev/null || echo calm)
    submit "$phase-$i" &
    sleep "$(awk -v ms=$gap_ms 'BEGIN { printf "%.3f", ms / 1000 }')"
  done
  wait
}
# name|seconds|patch: each phase's patch turns off what the one before it turned on
PHASES=(
  '5xx|15|{"scope":"all","serverErrorRate":0.1,"badGatewayRate":0.1,"gatewayTimeoutRate":0.1}'
  '429|10|{"serverErrorRate":0,"badGatewayRate":0,"gatewayTimeoutRate":0,"rateLimitBurst":8,"retryAfterSeconds":2}'
  'outage|12|{"rateLimitBurst":0,"outageSeconds":10}'
  'slow|15|{"outageSeconds":0,"latencyMs":1500,"slowAnswerRate":0.3,"slowAnswerMs":16000}'
  'malformed|10|{"latencyMs":0,"slowAnswerRate":0,"malformedRate":0.3}'
  'dropped|10|{"malformedRate":0,"dropRate":0.2,"resetRate":0.2}'
  'calm|10|{"dropRate":0,"resetRate":0}'
)
CALM='{"scope":"all","serverErrorRate":0,"badGatewayRate":0,"gatewayTimeoutRate":0,"rateLimitBurst":0,"outageSeconds":0,"latencyMs":0,"malformedRate":0,"dropRate":0,"resetRate":0,"slowAnswerRate":0}'
last_breaker=closed; closings=0
sample() { # threads and the breaker, once a second
  local t b
  t=$(metric thread_count 'mp_scope="base"'); [ "$t" -gt "$threads_max" ] && threads_max=$t
  b=$(breaker)
  [ "$last_breaker" = open ] && [ "$b" = closed ] && closings=$((closings + 1))
  [ "$b" = open ] || [ "$b" = closed ] && last_breaker=$b
  return 0
}

# each submit is labelled with the phase in force when it was sent (its POST may meet the next one)
echo "${PHASES[0]%%|*}" > "$WORK/phase"
faults "$(echo "${PHASES[0]}" | cut -d'|' -f3)"
submitter > "$WORK/submitter.log" 2>&1 &
SUBMITTER_PID=$!
t0=$(date +%s); cycles=0
while [ $(( $(date +%s) - t0 )) -lt "$storm_seconds" ]; do
  cycles=$((cycles + 1))
  for phase in "${PHASES[@]}"; do
    IFS='|' read -r name seconds patch <<< "$phase"
    [ $(( $(date +%s) - t0 )) -lt "$storm_seconds" ] || break
    echo "$name" > "$WORK/phase"
    faults "$patch"
    phase_end=$(( $(date +%s) + seconds )) # by the clock: sampling takes its time on a loaded machine
    while [ "$(date +%s)" -lt "$phase_end" ]; do sample; sleep 1; done
  done
  echo "cycle $cycles done at $(( $(date +%s) - t0 )) s: $(wc -l < "$WORK/submits") submits answered"
done
# The last submits still get the storm's last phase until they are sent (bounded by the submitter's own pace)
for _ in $(seq 1 300); do kill -0 $SUBMITTER_PID 2>/dev/null || break; sample; sleep 1; done
faults "$CALM"; echo calm > "$WORK/phase"
t_calm=$(date +%s)
wait $SUBMITTER_PID 2>/dev/null || true; SUBMITTER_PID=

# Recovery: every task ends (bounded), the breaker is closed, the threads come back.
running=-1
for _ in $(seq 1 600); do
  running=0
  while IFS='|' read -r _ _ status id _; do
    [ "$status" = 201 ] || continue
    case "$(state_of "$id")" in COMPLETED|FAILED|NEEDS_REVIEW) ;; *) running=$((running + 1)) ;; esac
  done < "$WORK/submits"
  sample
  [ "$running" -eq 0 ] && [ "$(breaker)" = closed ] && break
  sleep 1
done
recovery=$(( $(date +%s) - t_calm ))
threads_after=$(metric thread_count 'mp_scope="base"')
for _ in $(seq 1 120); do
  threads_after=$(metric thread_count 'mp_scope="base"')
  [ "$threads_after" -le $((threads_before + THREAD_SLACK)) ] && break
  sleep 1
done
settle=$(( $(date +%s) - t_calm - recovery ))

violations=0
fail() { echo "VIOLATION: $*"; violations=$((violations + 1)); }
: > "$WORK/final"
while IFS='|' read -r label prompt status id first_state provider_id; do
  if [ "$status" != 201 ]; then fail "submit $label answered HTTP $status"; continue; fi
  t=$(curl -fs -m 10 -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/tasks/$id")
  state=$(echo "$t" | jq -r .state); reason=$(echo "$t" | jq -r '.failureReason // ""')
  echo "$label|$prompt|$id|$state|$(echo "$t" | jq -r '.providerTaskId // ""')" >> "$WORK/final"
  case "$state" in
    COMPLETED)
      curl -fs -m 30 -H "Authorization: Bearer $TOKEN" -o "$WORK/video.mp4" "$BASE/api/v1/tasks/$id/video" \
        && [ "$(stat -c %s "$WORK/video.mp4")" = "$(echo "$t" | jq -r .videoBytes)" ] \
        && ffprobe -v error -show_entries format=duration -of csv=p=0 "$WORK/video.mp4" >/dev/null 2>&1 </dev/null \
        || fail "task $id ($label): its video is not served whole" ;;
    FAILED|NEEDS_REVIEW) [ -n "$reason" ] || fail "task $id ($label) $state without a reason" ;;
    *) fail "task $id ($label) still $state" ;;
  esac
  # the provider had it and the storm is over: only polls can have failed, and those are retried
  [ -z "$provider_id" ] || [ "$state" = COMPLETED ] || fail "task $id ($label) was accepted by the provider but is $state: $reason"
done < "$WORK/submits"
curl -fs -m 20 "$SIM/_control/submissions" > "$WORK/ledger.json"
jq -r '[.submissions[] | select(.prompt != null)] | group_by(.prompt)[] | select((map(.accepted) | add) > 1)
  | "\(.[0].prompt): made \(map(.accepted) | add) times"' "$WORK/ledger.json" \
  | while read -r line; do echo "VIOLATION: $line"; done > "$WORK/twice"
[ -s "$WORK/twice" ] && { cat "$WORK/twice"; violations=$((violations + $(wc -l < "$WORK/twice"))); }
dup_ids=$(awk -F'|' '$4 == "COMPLETED" { print $5 }' "$WORK/final" | sort | uniq -d | wc -l)
[ "$dup_ids" -eq 0 ] || fail "$dup_ids provider task ids shared by completed tasks"
[ "$(breaker)" = closed ] || fail "the breaker is still open"
[ "$threads_after" -le $((threads_before + THREAD_SLACK)) ] || fail "threads: $threads_before before, $threads_after after settling"
opened=$(( $(metric ft_circuitbreaker_opened_total "$POLL") - opened_before ))

echo "--- fault storm: $TASKS tasks over $MINUTES min, $cycles cycles of: $(printf '%s ' "${PHASES[@]%%|*}")"
echo "tasks by final state: $(cut -d'|' -f4 "$WORK/final" | sort | uniq -c | awk '{printf "%s %s  ", $2, $1}')"
echo "by phase when sent: $(awk -F'|' '{ sub(/-[0-9]+$/, "", $1); print $1 " " $4 }' "$WORK/final" | sort | uniq -c \
  | awk '{printf "%s/%s %s  ", $2, $3, $1}')"
echo "submits answered with an error: $(awk -F'|' '$3 != 201' "$WORK/submits" | wc -l)"
echo "POSTs per task at the provider: max $(jq '[.submissions[] | select(.prompt != null)] | group_by(.prompt) | map(map(.count) | add) | max // 0' "$WORK/ledger.json") (more than one: $(jq '[.submissions[] | select(.prompt != null)] | group_by(.prompt) | map(select((map(.count) | add) > 1)) | length' "$WORK/ledger.json") tasks, resent only after a 429); tasks made per prompt: max $(jq '[.submissions[] | select(.prompt != null)] | group_by(.prompt) | map(map(.accepted) | add) | max // 0' "$WORK/ledger.json")"
echo "threads: $threads_before before, max $threads_max, $threads_after after (${settle} s after recovery)"
echo "breaker: opened $opened times (MP FT counter), seen closing $closings times (health check, sampled each second), closed at the end"
echo "recovery: every task ended and the breaker closed $recovery s after the last fault"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$violations" -gt 0 ]; then
  echo "FAILED: $violations violation(s) (data kept in $WORK)"; FAULT_STORM_KEEP=1; exit 1
fi
echo "OK: every task ended, nothing made twice, the breaker closed, no thread left behind"
