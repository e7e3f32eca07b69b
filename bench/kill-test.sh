#!/usr/bin/env bash
# Kill test: the studio is killed with SIGKILL at random moments while a client submits continuously; after the
# last restart nothing may be lost, half-written or paid twice.
# Usage: bash bench/kill-test.sh [kills=50] [port=19380]   (run `mvn -B -q package -DskipTests` first; the
# simulator takes port+1; KILL_TEST_JAR=other/wan-studio-micro.jar picks another build; KILL_TEST_MINUTES=N stops
# killing after N minutes and goes on to the checks, saying how many kills were done)
#
# The simulator runs as its own process (it is "the provider" and must survive the kills: its ledger counts every
# paid POST) with a latency on every endpoint and some slow submit answers, so that the windows "client upload
# before the POST", "POST sent, no task id yet", "polling" and "downloading the result" are seconds wide. Each
# cycle starts the studio on the same data dir, submits from a client that, like a careful one, sends a submit
# whose answer it lost again with the same Idempotency-Key, and kills the studio after a random delay.
# At the end it checks, through the API, the data dir and the simulator's ledger:
#  - every task is COMPLETED, FAILED with a reason, or NEEDS_REVIEW (nothing left running or lost);
#  - every COMPLETED task's video is whole: its bytes and SHA-256 match what was stored, and ffprobe reads it;
#  - no temporary or partial file is left in the data dir's media and tmp folders;
#  - the simulator's ledger shows no prompt POSTed twice, and every task it made belongs to a studio task.
# Prints figures; exits 1 on any violation. Talks only to 127.0.0.1; every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
KILLS=${1:-50}
PORT=${2:-19380}
SIM_PORT=$((PORT + 1))
JAR=${KILL_TEST_JAR:-target/wan-studio-micro.jar}
WORK=${KILL_TEST_WORK:-$(mktemp -d /tmp/wan-kill.XXXXXX)}
BASE=http://127.0.0.1:$PORT
SIM=http://127.0.0.1:$SIM_PORT
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests (or set KILL_TEST_JAR)"; exit 1; }
for tool in curl jq ffmpeg ffprobe; do
  command -v $tool >/dev/null || { echo "needs $tool (bash src/test/sh/install-test-tools.sh; apt-get install jq)"; exit 1; }
done
mkdir -p "$WORK"
# Each cycle is mostly a start-up: on shared cores C1-only JIT and no Hazelcast cluster (a single instance needs
# none) make the ~60 restarts cheaper without changing what happens to the data.
JVM_OPTS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
MICRO_OPTS=(--nocluster --disablephonehome)
ADMIN=killtest
PASSWORD="pw-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
APP_PID=
SIM_PID=
SUBMITTER_PID=
cleanup() {
  for pid in $SUBMITTER_PID $APP_PID $SIM_PID; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${KILL_TEST_KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 143' TERM INT # so that the EXIT trap stops the studio and the simulator on Ctrl-C or a timeout too

# The provider: the simulator alone, with its control switch (ledger, faults) on.
java -Xmx512m "${JVM_OPTS[@]}" -Dwan.role=simulator -Dwan.data-dir="$WORK/simulator" -Dwan.public-base-url="$SIM" \
  -Dwan.simulator.control=true -Dwan.simulator.fetch-allow="$BASE" \
  -Dwan.simulator.queued-seconds=1 -Dwan.simulator.processing-seconds=3 \
  -jar "$JAR" --port "$SIM_PORT" "${MICRO_OPTS[@]}" > "$WORK/simulator.log" 2>&1 &
SIM_PID=$!
await_ready "$SIM/health/ready" "$SIM_PID" "$WORK/simulator.log" 120
# Every answer (submit, poll, result file) is held back 2.5 s, and a third of the submits answer only after 6 s:
# the process is then often killed inside a request rather than between them.
curl -fs -o /dev/null -H 'Content-Type: application/json' "$SIM/simulator/_control/faults" \
  -d '{"scope":"all","latencyMs":2500,"slowAnswerRate":0.33,"slowAnswerMs":6000}'

# The studio without NOVITA_API_KEY, pointed at that simulator: it knows it talks to a simulator (no real key,
# nothing paid), and the simulator accepts the key it sends. Stale SUBMITTING rows go to review after 10 s.
# A download's claim lasts its timeout + 60 s: a task killed while downloading is taken up again after that, so the
# timeout is 30 s here (the simulator's files are small) rather than 300.
start_app() {
  NOVITA_BASE_URL="$SIM/simulator" WAN_ADMIN_USER=$ADMIN WAN_ADMIN_PASSWORD=$PASSWORD \
    java -Xmx768m "${JVM_OPTS[@]}" -Dwan.data-dir="$WORK/app" -Dwan.public-base-url="$BASE" \
    -Dwan.submit.stale-after-seconds=10 -Dwan.download.timeout-seconds=30 -Dwan.poller.tick-ms=300 -Dwan.poller.min-interval-ms=500 \
    -Dwan.poller.max-interval-ms=2000 -jar "$JAR" --port "$PORT" "${MICRO_OPTS[@]}" >> "$WORK/app.log" 2>&1 &
  APP_PID=$!
  await_ready "$BASE/health/ready" "$APP_PID" "$WORK/app.log" 120
}

ffmpeg -v error -f lavfi -i testsrc=size=640x360 -frames:v 1 "$WORK/frame.png"
: > "$WORK/sent"; : > "$WORK/lost"; : > "$WORK/phases"
# One submit; its key and prompt are written first, so a submit killed at any point is known.
# $1 key, $2 prompt. Prints the HTTP status (000 when the connection was lost).
submit() {
  curl -s -m 60 -o "$WORK/answer.$BASHPID" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -H "Idempotency-Key: $1" -F "firstFrame=@$WORK/frame.png;type=image/png" -F "prompt=$2" \
    -F durationSeconds=2 -F resolution=720P "$BASE/api/v1/tasks" || true
}
# The client: submits one after another until it is killed with the studio; a submit without an answer is
# remembered, to be sent again with the same key after the restart.
submitter() {
  local n=0
  while true; do
    n=$((n + 1))
    local key="kt-$1-$n-$RANDOM$RANDOM" prompt="kill test cycle $1 submit $n"
    echo "$key|$prompt" >> "$WORK/sent"
    echo "$key|$prompt" > "$WORK/in-flight"
    status=$(submit "$key" "$prompt")
    rm -f "$WORK/in-flight"
    [ "$status" = 201 ] || echo "$key|$prompt|$status" >> "$WORK/lost"
    sleep 0.$((RANDOM % 10))
  done
}
# All tasks of the user, every page.
all_tasks() {
  local cursor="" page
  while :; do
    page=$(curl -fs -m 20 -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/tasks?limit=100${cursor:+&cursor=$cursor}")
    echo "$page" | jq -c '.tasks[]'
    cursor=$(echo "$page" | jq -r '.nextCursor // empty' | jq -sRr @uri | sed 's/%0A$//')
    [ -n "$cursor" ] || break
  done
}

t0=$(date +%s)
replays=0; replay_created=0; kills_done=0
for cycle in $(seq 1 "$KILLS"); do
  if [ -n "${KILL_TEST_MINUTES:-}" ] && [ $(( $(date +%s) - t0 )) -ge $(( KILL_TEST_MINUTES * 60 )) ]; then
    echo "time is up (KILL_TEST_MINUTES=$KILL_TEST_MINUTES): $kills_done of $KILLS kills done"; break
  fi
  start_app
  [ -n "${TOKEN:-}" ] || TOKEN=$(bash bench/api-token.sh "$BASE" "$ADMIN" "$PASSWORD" "kill test")
  # A submit whose answer was lost is sent again with its key: the studio must answer with the task it made (or
  # make it, if the first never got that far), never have the provider paid a second time.
  if [ -s "$WORK/lost" ]; then
    while IFS='|' read -r key prompt _; do
      replays=$((replays + 1))
      [ "$(submit "$key" "$prompt")" = 201 ] && replay_created=$((replay_created + 1))
    done < "$WORK/lost"
    : > "$WORK/lost"
  fi
  submitter "$cycle" &
  SUBMITTER_PID=$!
  sleep "$((RANDOM % 10)).$((RANDOM % 10))"
  # What was going on at the moment of the kill (read just before it): a client submit on its way, and the
  # tasks by state among the newest.
  states=$(curl -fs -m 5 -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/tasks?limit=100" \
    | jq -r '[.tasks[].state] | map(select(. == "SUBMITTING" or . == "QUEUED" or . == "PROCESSING" or . == "DOWNLOADING")) | unique | join(",")' || echo "?")
  # The client first (its curl lives on until the studio dies), so that it cannot also note the lost answer.
  kill -9 "$SUBMITTER_PID" 2>/dev/null || true; wait "$SUBMITTER_PID" 2>/dev/null || true
  kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  # The client's submit in flight (if any) died with the studio: its answer is lost.
  lost_submit=$(cat "$WORK/in-flight" 2>/dev/null || true)
  rm -f "$WORK/in-flight"
  in_flight=$([ -n "$lost_submit" ] && echo submit || echo idle)
  [ -z "$lost_submit" ] || echo "$lost_submit|killed" >> "$WORK/lost"
  echo "$in_flight ${states:-none}" >> "$WORK/phases"
  kills_done=$cycle
  echo "kill $cycle/$KILLS: client $in_flight, tasks running: ${states:-none}"
done

# After the last kill: one more start, the lost submits replayed, then wait (bounded) until nothing runs.
start_app
while IFS='|' read -r key prompt _; do
  replays=$((replays + 1))
  [ "$(submit "$key" "$prompt")" = 201 ] && replay_created=$((replay_created + 1))
done < "$WORK/lost"
t_kills=$(date +%s)
until_all_final=$(( $(date +%s) + 420 )) # longer than any claim (90 s) and a task's whole simulated life
while [ "$(date +%s)" -lt "$until_all_final" ]; do
  running=$(all_tasks | jq -s '[.[] | select(.state == "SUBMITTING" or .state == "QUEUED" or .state == "PROCESSING" or .state == "DOWNLOADING")] | length')
  [ "$running" -eq 0 ] && break
  sleep 1
done

violations=0
fail() { echo "VIOLATION: $*"; violations=$((violations + 1)); }
all_tasks > "$WORK/tasks.jsonl"
total=$(wc -l < "$WORK/tasks.jsonl")
# 1. Every task ended, or waits for a person.
while read -r t; do
  id=$(echo "$t" | jq -r .id); state=$(echo "$t" | jq -r .state); reason=$(echo "$t" | jq -r '.failureReason // ""')
  case "$state" in
    COMPLETED|NEEDS_REVIEW) ;;
    FAILED) [ -n "$reason" ] || fail "task $id FAILED without a reason" ;;
    *) fail "task $id still $state" ;;
  esac
done < "$WORK/tasks.jsonl"
# 2. Every COMPLETED video is whole: served bytes = stored size and SHA-256, the file on disk too, ffprobe reads it.
while read -r t; do
  id=$(echo "$t" | jq -r .id); bytes=$(echo "$t" | jq -r .videoBytes); sha=$(echo "$t" | jq -r .videoSha256)
  curl -fs -m 30 -H "Authorization: Bearer $TOKEN" -o "$WORK/video.mp4" "$BASE/api/v1/tasks/$id/video" \
    || { fail "task $id: video not served"; continue; }
  [ "$(stat -c %s "$WORK/video.mp4")" = "$bytes" ] || fail "task $id: video has $(stat -c %s "$WORK/video.mp4") bytes, $bytes stored"
  [ "$(sha256sum "$WORK/video.mp4" | cut -d' ' -f1)" = "$sha" ] || fail "task $id: video SHA-256 differs from the stored one"
  ffprobe -v error -show_entries format=duration -of csv=p=0 "$WORK/video.mp4" >/dev/null 2>&1 || fail "task $id: ffprobe cannot read the video"
  on_disk=$(find "$WORK/app/media/results" -path "*/$id/video.mp4" | head -1)
  [ -n "$on_disk" ] && [ "$(stat -c %s "$on_disk")" = "$bytes" ] || fail "task $id: no whole video.mp4 on disk"
done < <(jq -c 'select(.state == "COMPLETED")' "$WORK/tasks.jsonl")
# 3. No temporary or partial file left where the studio writes media.
# (the studio's temporary files are all dot-files: .video-*.part, .incoming-*.part, .<token>.upload, .thumb-*.part, ...)
leftovers=$(find "$WORK/app/media" "$WORK/app/tmp" -type f \( -name '.*' -o -name '*.part' \) 2>/dev/null || true)
[ -z "$leftovers" ] || fail "partial files left: $(echo "$leftovers" | sed "s|$WORK/||" | tr '\n' ' ')"
# 4. The provider's ledger: no prompt POSTed twice; every task it made is a task of the studio.
curl -fs -m 20 "$SIM/simulator/_control/submissions" > "$WORK/ledger.json"
jq -r '[.submissions[] | select(.prompt != null)] | group_by(.prompt)[] | select((map(.count) | add) > 1)
  | "\(.[0].prompt): \(map(.count) | add) POSTs"' "$WORK/ledger.json" > "$WORK/duplicates"
while read -r line; do fail "submitted twice: $line"; done < "$WORK/duplicates"
jq -r '.submissions[] | select(.accepted > 0) | .prompt' "$WORK/ledger.json" | sort -u > "$WORK/provider-prompts"
jq -r '.prompt' "$WORK/tasks.jsonl" | sort -u > "$WORK/studio-prompts"
while read -r prompt; do fail "the provider made a task of \"$prompt\" that the studio does not have"; done \
  < <(comm -23 "$WORK/provider-prompts" "$WORK/studio-prompts")

echo "--- kill test: $kills_done kills in $(( t_kills - t0 )) s, all final $(( $(date +%s) - t_kills )) s after the last start"
echo "kills with a client submit in flight: $(grep -c '^submit' "$WORK/phases" || true); with tasks SUBMITTING: $(grep -c 'SUBMITTING' "$WORK/phases" || true), QUEUED/PROCESSING (polling): $(grep -cE 'QUEUED|PROCESSING' "$WORK/phases" || true), DOWNLOADING: $(grep -c 'DOWNLOADING' "$WORK/phases" || true)"
echo "submits sent: $(wc -l < "$WORK/sent"), answers lost and replayed with their key: $replays ($replay_created answered 201)"
echo "tasks: $total — $(jq -r .state "$WORK/tasks.jsonl" | sort | uniq -c | awk '{printf "%s %s  ", $2, $1}')"
echo "provider POSTs: $(jq .total "$WORK/ledger.json"), tasks made: $(jq .accepted "$WORK/ledger.json"), prompts POSTed twice: $(wc -l < "$WORK/duplicates")"
echo "partial files left: $( [ -z "$leftovers" ] && echo 0 || echo "$leftovers" | wc -l)"
if [ "$violations" -gt 0 ]; then
  echo "FAILED: $violations violation(s) (data kept in $WORK)"; KILL_TEST_KEEP=1; exit 1
fi
echo "OK: nothing lost, nothing half-written, nothing paid twice"
