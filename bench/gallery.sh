#!/usr/bin/env bash
# Benchmark: the gallery's list (GET /api/v1/tasks?limit=48) at 100 and at 10,000 tasks of one user — its first
# page and a deep page (reached by following ~100 cursors) — timed with 50 concurrent clients; prints p50/p95 and
# "gallery ratio: N.NN" (the worse of first-page and deep-page p95 at 10,000 over at 100), appended to
# bench/RESULTS.md. Goal: <= 1.5 (a page costs the same however large the history is).
# Usage: bash bench/gallery.sh [port=18210]   (after `mvn -B -q package -DskipTests`)
# Tasks are not made through the simulator (10,000 would take hours): the app is stopped and the rows are
# inserted into its H2 file with H2's own RunScript tool (the H2 jar the WAR ships), then the app is started again
# on that data. Talks only to 127.0.0.1; every wait is bounded; the data directory is thrown away at the end.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
PORT=${1:-18210}
BUILD=${WAN_BUILD_DIR:-target}
JAR=$BUILD/wan-studio-micro.jar
H2=$(ls ~/.m2/repository/com/h2database/h2/2.3.232/h2-2.3.232.jar 2>/dev/null || true)
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests"; exit 1; }
[ -n "$H2" ] || { echo "needs the H2 jar in ~/.m2 (mvn package fetches it)"; exit 1; }
WORK=$(mktemp -d /tmp/wan-gallery-bench.XXXXXX)
BASE=http://127.0.0.1:$PORT
CLIENTS=50
PER_CLIENT=${PER_CLIENT:-20}
ADMIN=bench
PASSWORD="pw-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
PID=
stop() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=; fi; }
trap 'stop; rm -rf "$WORK"' EXIT

start() {
  WAN_ADMIN_USER=$ADMIN WAN_ADMIN_PASSWORD=$PASSWORD java -Xmx1g -Dwan.data-dir="$WORK/data" \
    -Dwan.public-base-url="$BASE" -jar "$JAR" --port "$PORT" >> "$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 180); do
    curl -fs "$BASE/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "server did not start"; tail -20 "$WORK/server.log"; exit 1
}

# Rows like real ones: states, modes, durations, resolutions and prices mixed; a tag on every fifth.
fill() { # $1 = how many tasks to add
  cat > "$WORK/fill.sql" <<SQL
INSERT INTO generation_task (id, owner, state, prompt, negative_prompt, first_frame, last_frame, first_clip,
  driving_audio, duration_seconds, resolution, prompt_extend, watermark, seed, cost_estimate, currency,
  provider_task_id, progress_percent, created_at, finished_at, updated_at, favourite)
SELECT NEXT VALUE FOR generation_task_seq, '$ADMIN',
  CASE WHEN MOD(x, 17) = 0 THEN 'FAILED' ELSE 'COMPLETED' END,
  'Bench prompt number ' || x || ': lanterns over the harbour at night, slow camera', 'blurry',
  CASE WHEN MOD(x, 5) = 4 THEN NULL ELSE 'https://example.com/' || x || '.png' END,
  CASE WHEN MOD(x, 3) = 1 THEN 'https://example.com/last.png' END,
  CASE WHEN MOD(x, 5) = 4 THEN 'https://example.com/clip.mp4' END, NULL,
  MOD(x, 14) + 2, CASE WHEN MOD(x, 2) = 0 THEN '720P' ELSE '1080P' END, TRUE, FALSE, x,
  (MOD(x, 14) + 2) * CASE WHEN MOD(x, 2) = 0 THEN 0.05 ELSE 0.08 END, 'USD', 'bench-' || x, 100,
  DATEADD(SECOND, -x * 37, CURRENT_TIMESTAMP), DATEADD(SECOND, -x * 37 + 60, CURRENT_TIMESTAMP),
  CURRENT_TIMESTAMP, MOD(x, 23) = 0
FROM SYSTEM_RANGE(1, $1);
INSERT INTO task_tag (task_id, tag) SELECT id, 'tag ' || MOD(id, 7) FROM generation_task
  WHERE owner = '$ADMIN' AND MOD(id, 5) = 0 AND id NOT IN (SELECT task_id FROM task_tag);
ANALYZE;
SQL
  java -cp "$H2" org.h2.tools.RunScript -url "jdbc:h2:file:$WORK/data/db/wan" -user sa -script "$WORK/fill.sql"
}

measure() { # prints "first_p50 first_p95 deep_p50 deep_p95"
  local query="limit=48" deep
  deep=$(java bench/GalleryBench.java cursor "$BASE" "$TOKEN" "$query" 100)
  local first deepTimes
  first=$(java bench/GalleryBench.java time "$BASE" "$TOKEN" "$query" $CLIENTS $PER_CLIENT)
  if [ -n "$deep" ]; then
    deepTimes=$(java bench/GalleryBench.java time "$BASE" "$TOKEN" "$query&cursor=$deep" $CLIENTS $PER_CLIENT)
  else
    deepTimes=$first # only one full page exists
  fi
  echo "$first $deepTimes"
}

echo "starting the studio on $BASE (fresh data in $WORK)"
start
TOKEN=$(bash bench/api-token.sh "$BASE" "$ADMIN" "$PASSWORD" "gallery bench")
stop
fill 100
start
small=$(measure)
read -r s_f50 s_f95 s_d50 s_d95 <<< "$small"
echo "100 tasks:    first page p50 ${s_f50} ms p95 ${s_f95} ms; deep page (page 2 of 3) p50 ${s_d50} ms p95 ${s_d95} ms"
stop
fill 9900
start
big=$(measure)
read -r b_f50 b_f95 b_d50 b_d95 <<< "$big"
echo "10,000 tasks: first page p50 ${b_f50} ms p95 ${b_f95} ms; deep page (page ~101) p50 ${b_d50} ms p95 ${b_d95} ms"
stop
ratio_first=$(awk "BEGIN{printf \"%.2f\", $b_f95 / $s_f95}")
ratio_deep=$(awk "BEGIN{printf \"%.2f\", $b_d95 / $s_d95}")
ratio=$(awk "BEGIN{print ($ratio_first > $ratio_deep) ? $ratio_first : $ratio_deep}")
which=$(awk "BEGIN{print ($ratio_first > $ratio_deep) ? \"first page\" : \"deep page\"}")
echo "p95 ratio 10,000/100: first page $ratio_first, deep page $ratio_deep"
echo "gallery ratio: $ratio"
{
  echo ""
  echo "## gallery ($(date -u +%Y-%m-%d), $(nproc) cores, $CLIENTS clients x $PER_CLIENT requests, limit=48)"
  echo "- 100 tasks: first page p50 ${s_f50} ms / p95 ${s_f95} ms; deep page p50 ${s_d50} ms / p95 ${s_d95} ms"
  echo "- 10,000 tasks: first page p50 ${b_f50} ms / p95 ${b_f95} ms; deep page (~100 cursors in) p50 ${b_d50} ms / p95 ${b_d95} ms"
  echo "- p95 ratios 10,000/100: first page $ratio_first, deep page $ratio_deep (the worse one, $which, below)"
  echo "- gallery ratio: $ratio"
} >> bench/RESULTS.md
