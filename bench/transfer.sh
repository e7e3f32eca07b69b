#!/usr/bin/env bash
# Benchmark: ~100 MB in and out of the studio. (1) a ~100 MB MP4 clip uploaded as `firstClip` through the JSON API
# (multipart), (2) the task's ~100 MB result downloaded by the studio from a stand-alone simulator (its results
# padded with wan.simulator.result-padding-bytes), (3) that video downloaded by the user (GET /api/v1/tasks/{id}/video).
# Each throughput is compared with a plain `cp` of the same file on the same disk (ratio = studio MB/s / cp MB/s).
# Heap of the studio's JVM for each step, from `jstat -gc` (every 200 ms) around a full GC (`jcmd GC.run`):
#   retained = used after a full GC after the step minus used after a full GC before it (the goal: < 16 MB);
#   old-gen peak = the most the old generation held during the step above that baseline: with G1 every array of
#   half a region (512 KB at -Xmx1g) or more is allocated there, so a whole-file byte[] or a grown buffer shows up
#   here even if it is garbage by the end; total peak = eden + survivors + old at their highest, above the
#   baseline (includes ordinary short-lived garbage, so it is an upper bound only).
# Usage: bash bench/transfer.sh [port=19500]   (build first; BUILD_DIR=target-b for another build dir)
# Talks only to 127.0.0.1 (studio on port, simulator on port+1); every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${1:-19500}
SIM_PORT=$((PORT + 1))
JAR=${BUILD_DIR:-target}/wan-studio-micro.jar
KEY=transfer-bench-key
PADDING=${PADDING:-100000000} # bytes added to the simulator's small real MP4: a ~100 MB result
WORK=$(mktemp -d /tmp/wan-transfer.XXXXXX)
BASE=http://127.0.0.1:$PORT
SIM=http://127.0.0.1:$SIM_PORT/simulator
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests"; exit 1; }
for tool in ffmpeg ffprobe jq jcmd jstat python3; do command -v $tool >/dev/null || { echo "needs $tool"; exit 1; }; done
SIM_PID=; APP_PID=; SAMPLER=; WATCHER=
cleanup() {
  for pid in $WATCHER $SAMPLER $APP_PID $SIM_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap 'rc=$?; cleanup; exit $rc' EXIT
now() { date +%s.%N; }
cp_rate() { # file: MB/s of a plain cp to the same disk, the median of three (one copy alone is noisy here)
  local t0 t1 bytes
  bytes=$(stat -c %s "$1")
  for _ in 1 2 3; do
    t0=$(now); cp "$1" "$WORK/copy"; t1=$(now); rm -f "$WORK/copy"
    mb_per_s "$bytes" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')"; echo
  done | sort -n | sed -n 2p
}
mb_per_s() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }

# Heap (KB) from one jstat line: "used old" (used = survivors + eden + old)
heap_now() { jstat -gc "$APP_PID" | awk 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i; next}
  {printf "%d %d\n", $c["S0U"] + $c["S1U"] + $c["EU"] + $c["OU"], $c["OU"]}'; }
gc_heap() { jcmd "$APP_PID" GC.run >/dev/null; heap_now; }
step_start() { # name [reuse]: full GC, baseline (or the last step's after-GC figures), sampling every 200 ms
  STEP=$1
  if [ "${2:-}" = reuse ]; then read -r BASE_USED BASE_OLD < "$WORK/after"; else read -r BASE_USED BASE_OLD < <(gc_heap); fi
  jstat -gc "$APP_PID" 200 > "$WORK/jstat-$STEP" & SAMPLER=$!
}
step_end() { # prints "retained-MB old-peak-MB total-peak-MB" for the step started last
  kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=
  local used old
  read -r used old < <(gc_heap)
  echo "$used $old" > "$WORK/after"
  awk -v bu="$BASE_USED" -v bo="$BASE_OLD" -v au="$used" '
    $1 == "S0C" {for (i = 1; i <= NF; i++) c[$i] = i; next}
    {u = $c["S0U"] + $c["S1U"] + $c["EU"] + $c["OU"]; if (u > pu) pu = u; if ($c["OU"] > po) po = $c["OU"]}
    END {printf "%.1f %.1f %.1f\n", (au - bu) / 1024, (po - bo) / 1024, (pu - bu) / 1024}' "$WORK/jstat-$STEP"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(df -h /tmp | awk 'NR == 2 {print $1}') for /tmp; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# A clip at the edge of Novita's first_clip_url limits: 8 s of 1280x720 noise at ~98 Mbit/s (noise does not
# compress, so the bitrate is the size), H.264, under 100 MiB.
ffmpeg -v error -y -f rawvideo -pix_fmt yuv420p -s 1280x720 -r 25 -i /dev/urandom -t 8 -c:v libx264 \
  -preset ultrafast -b:v 98M -maxrate 98M -bufsize 20M "$WORK/clip.mp4"
CLIP_BYTES=$(stat -c %s "$WORK/clip.mp4")
echo "clip: $CLIP_BYTES bytes, $(ffprobe -v error -select_streams v -show_entries stream=width,height,codec_name \
  -show_entries format=duration -of csv=p=0 "$WORK/clip.mp4" | paste -sd' ')"

java -Xmx512m -Dwan.role=simulator -Dwan.data-dir="$WORK/sim" -Dwan.public-base-url="http://127.0.0.1:$SIM_PORT" \
  -Dwan.simulator.accepted-keys=$KEY -Dwan.simulator.fetch-allow="$BASE" \
  -Dwan.simulator.queued-seconds=1 -Dwan.simulator.processing-seconds=8 -Dwan.simulator.result-padding-bytes=$PADDING \
  -jar "$JAR" --port "$SIM_PORT" --nocluster > "$WORK/sim.log" 2>&1 & # --nocluster: a process of its own
SIM_PID=$!
ADMIN=bench
PASSWORD="pw-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
WAN_ADMIN_USER=$ADMIN WAN_ADMIN_PASSWORD=$PASSWORD java -Xmx1g -Dwan.data-dir="$WORK/app" \
  -Dwan.public-base-url="$BASE" -Dnovita.api-key=$KEY -Dnovita.base-url="$SIM" \
  -jar "$JAR" --port "$PORT" --nocluster > "$WORK/app.log" 2>&1 &
APP_PID=$!
await_ready "http://127.0.0.1:$SIM_PORT/health/ready" $SIM_PID "$WORK/sim.log"
await_ready "$BASE/health/ready" $APP_PID "$WORK/app.log"
TOKEN=$(bash bench/api-token.sh "$BASE" "$ADMIN" "$PASSWORD" "transfer bench")
AUTH="Authorization: Bearer $TOKEN"
await_final() { # task id: prints its final state
  local state=
  for _ in $(seq 1 1200); do
    state=$(curl -fs -H "$AUTH" "$BASE/api/v1/tasks/$1" | jq -r .state)
    case "$state" in COMPLETED|FAILED|NEEDS_REVIEW) break;; esac
    sleep 0.25
  done
  echo "$state"
}
# warm up every path once with a small clip (upload, result download, user download), so that the figures are
# not the JIT's first steps, and let that task finish before anything is measured
ffmpeg -v error -y -f lavfi -i testsrc=size=320x240:rate=8 -t 2 -c:v libx264 -preset ultrafast "$WORK/small.mp4"
WARM=$(curl -fs -H "$AUTH" -F "firstClip=@$WORK/small.mp4;type=video/mp4" -F "prompt=warm up" \
  -F durationSeconds=2 -F resolution=720P "$BASE/api/v1/tasks" | jq .id)
[ "$(await_final "$WARM")" = COMPLETED ] || { echo "the warm-up task did not complete"; exit 1; }
curl -fs -o /dev/null -H "$AUTH" "$BASE/api/v1/tasks/$WARM/video"

# cp of the clip on the same disk, the yardstick (the clip was just written, so both sides are in the page cache
# as the studio's are); a median of three
CP_CLIP=$(cp_rate "$WORK/clip.mp4")

# 1. upload: the whole request as the client sees it (sending, the studio storing and inspecting the clip, the
#    task being handed to the provider) until the answer
step_start upload
out=$(curl -s -o "$WORK/submit.json" -w '%{http_code} %{time_total} %{size_upload}' -H "$AUTH" \
  -F "firstClip=@$WORK/clip.mp4;type=video/mp4" -F "prompt=transfer bench: a long noisy clip" \
  -F durationSeconds=2 -F resolution=720P "$BASE/api/v1/tasks")
read -r UP_CODE UP_TIME UP_BYTES <<< "$out"
ID=$(jq -r .id "$WORK/submit.json")
# 2. the studio downloads the result: a watcher, started at once (the result comes >= 9 s after the submit),
#    notes when the staged file appears and when it reaches its final size (exact, unlike the task's state, which
#    also covers the poster); the upload's after-GC figures are the download's baseline
RESULTS="$WORK/app/media/results/$ADMIN/$ID"
python3 - "$RESULTS" > "$WORK/watch" <<'PY' &
import glob, os, sys, time
folder, seen, last = sys.argv[1], None, (None, -1)
deadline = time.time() + 300
while time.time() < deadline:
    parts = glob.glob(os.path.join(folder, ".video-*.part"))
    if parts:
        try:
            size = os.path.getsize(parts[0])
        except OSError:
            size = -1
        now = time.time()
        if seen is None:
            seen = now
        if size > last[1]:
            last = (now, size)
    elif seen is not None or os.path.exists(os.path.join(folder, "video.mp4")):
        break  # moved into place (or removed), or missed
    time.sleep(0.005)
print(f"{seen} {last[0]} {last[1]}")
PY
WATCHER=$!
read -r UP_RET UP_OLD UP_PEAK < <(step_end)
[ "$UP_CODE" = 201 ] || [ "$UP_CODE" = 200 ] || [ "$UP_CODE" = 202 ] || { echo "upload answered $UP_CODE: $(cat "$WORK/submit.json")"; exit 1; }
UP_RATE=$(mb_per_s "$UP_BYTES" "$UP_TIME")
echo "upload: $UP_BYTES bytes in $UP_TIME s (HTTP $UP_CODE, task $ID)"
step_start download reuse

state=$(await_final "$ID")
wait $WATCHER || true
read -r DL_RET DL_OLD DL_PEAK < <(step_end)
[ "$state" = COMPLETED ] || { echo "task $ID ended $state: $(curl -fs -H "$AUTH" "$BASE/api/v1/tasks/$ID")"; exit 1; }
read -r w_start w_end w_bytes < "$WORK/watch"
[ "$w_start" != None ] || { echo "the watcher missed the download (it ended before sampling began)"; exit 1; }
VIDEO_BYTES=$(curl -fs -H "$AUTH" "$BASE/api/v1/tasks/$ID" | jq .videoBytes)
[ "$w_bytes" = "$VIDEO_BYTES" ] || echo "note: the watcher last saw $w_bytes of $VIDEO_BYTES bytes"
DL_TIME=$(awk -v a="$w_start" -v b="$w_end" 'BEGIN {printf "%.3f", b - a}')
DL_RATE=$(mb_per_s "$VIDEO_BYTES" "$DL_TIME")
echo "studio download: $VIDEO_BYTES bytes in $DL_TIME s (staged file first seen to full size)"

VIDEO="$WORK/app/media/results/$ADMIN/$ID/video.mp4"
CP_VIDEO=$(cp_rate "$VIDEO")

# 3. the user downloads the video
step_start user
out=$(curl -s -o "$WORK/user.mp4" -w '%{http_code} %{time_total} %{size_download}' -H "$AUTH" "$BASE/api/v1/tasks/$ID/video")
read -r U_CODE U_TIME U_BYTES <<< "$out"
read -r U_RET U_OLD U_PEAK < <(step_end)
[ "$U_CODE" = 200 ] && [ "$U_BYTES" = "$VIDEO_BYTES" ] || { echo "user download: HTTP $U_CODE, $U_BYTES bytes"; exit 1; }
cmp -s "$WORK/user.mp4" "$VIDEO" || { echo "user download differs from the stored video"; exit 1; }
U_RATE=$(mb_per_s "$U_BYTES" "$U_TIME")
rm -f "$WORK/user.mp4"
echo "user download: $U_BYTES bytes in $U_TIME s, same bytes as stored"

echo
echo "cp of the clip: $CP_CLIP MB/s; cp of the video: $CP_VIDEO MB/s (same disk, page cache; median of 3)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '%-16s %9s %7s %14s %14s %14s\n' step "MB/s" "ratio" "retained MB" "old-peak MB" "total-peak MB"
printf '%-16s %9s %7s %14s %14s %14s\n' upload "$UP_RATE" "$(ratio "$UP_RATE" "$CP_CLIP")" "$UP_RET" "$UP_OLD" "$UP_PEAK"
printf '%-16s %9s %7s %14s %14s %14s\n' studio-download "$DL_RATE" "$(ratio "$DL_RATE" "$CP_VIDEO")" "$DL_RET" "$DL_OLD" "$DL_PEAK"
printf '%-16s %9s %7s %14s %14s %14s\n' user-download "$U_RATE" "$(ratio "$U_RATE" "$CP_VIDEO")" "$U_RET" "$U_OLD" "$U_PEAK"
echo "(MB = 10^6 bytes for rates, MiB for heap; ratio = MB/s / cp MB/s; goal: retained < 16 MB and no whole file in the old-gen peak)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
