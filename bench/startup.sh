#!/usr/bin/env bash
# Benchmark: start-up, from `java -jar` to the first page answered, of the studio's uber-jar against bare Payara
# Micro deploying an empty WAR (one static page), started alternately so both see the same machine.
# Prints each start, the medians and `start-up ratio: N.NN` (studio median ÷ bare median).
# The studio's first page is the sign-in page (what "/" sends a new visitor to), on a data folder whose database
# was made by a first start (that one, with its migrations, is printed apart). Both run with the same JVM and the
# same Payara options as the uber-jar has baked in (--nocluster --nohazelcast --disablephonehome).
# Usage: bash bench/startup.sh [rounds=5] [port=19600]   (run `mvn -B -q package -DskipTests` first)
#   BUILD_DIR (default target): where wan-studio-micro.jar and payara-micro.jar are
#   JFR=1: also records the studio's last start with Java Flight Recorder and prints where its CPU time went
#   JAVA_OPTS: JVM options for both (e.g. "-XX:TieredStopAtLevel=1" to see what the JIT costs)
# Talks only to 127.0.0.1; every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
PORT=${2:-19600}
BUILD=${BUILD_DIR:-target}
JAR=$BUILD/wan-studio-micro.jar
MICRO=$BUILD/payara-micro.jar
read -r -a JAVA_OPTS <<< "${JAVA_OPTS:-}"
[ -f "$JAR" ] && [ -f "$MICRO" ] || { echo "build first: mvn -B -q package -DskipTests"; exit 1; }
WORK=$(mktemp -d /tmp/wan-startup.XXXXXX)
PID=
cleanup() {
  [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT

# the empty WAR: one static page, nothing to scan
mkdir -p "$WORK/empty/WEB-INF"
echo '<!doctype html><title>empty</title><p>empty' > "$WORK/empty/index.html"
(cd "$WORK/empty" && jar cf "$WORK/empty.war" .)

now_ms() { date +%s%3N; }

# starts "$@" in the background, waits for $url to answer 200, prints the milliseconds, stops the process
time_to_first_page() { # url log -- command...
  local url=$1 log=$2; shift 3
  local start; start=$(now_ms)
  "$@" > "$log" 2>&1 &
  PID=$!
  for _ in $(seq 1 1800); do # 0.1 s steps: at most 180 s
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url")" = 200 ]; then
      echo $(( $(now_ms) - start ))
      kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
      return 0
    fi
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "no first page at $url" >&2; tail -20 "$log" >&2; exit 1
}

BARE=(java "${JAVA_OPTS[@]}" -Xmx768m -jar "$MICRO" --deploy "$WORK/empty.war" --contextroot / --port "$PORT"
      --nocluster --nohazelcast --disablephonehome)
studio() { # extra JVM options...
  echo java "${JAVA_OPTS[@]}" -Xmx768m "$@" -Dwan.data-dir="$WORK/data" -jar "$JAR" --port "$PORT"
}
export WAN_ADMIN_USER=bench WAN_ADMIN_PASSWORD="pw-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"

echo "first start of the studio (empty data folder: database made, migrations run):" \
  "$(time_to_first_page "http://127.0.0.1:$PORT/login.xhtml" "$WORK/first.log" -- $(studio)) ms"

bare=(); app=()
for round in $(seq 1 "$ROUNDS"); do
  b=$(time_to_first_page "http://127.0.0.1:$PORT/" "$WORK/bare.log" -- "${BARE[@]}")
  extra=()
  if [ "${JFR:-0}" = 1 ] && [ "$round" = "$ROUNDS" ]; then
    extra=(-XX:StartFlightRecording=filename=$WORK/start.jfr,settings=profile)
  fi
  a=$(time_to_first_page "http://127.0.0.1:$PORT/login.xhtml" "$WORK/studio.log" -- $(studio "${extra[@]}"))
  bare+=("$b"); app+=("$a")
  echo "round $round: bare Payara Micro + empty WAR $b ms, studio uber-jar $a ms"
done

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
mb=$(median "${bare[@]}"); ma=$(median "${app[@]}")
echo "median: bare $mb ms, studio $ma ms"
echo "start-up ratio: $(awk -v a="$ma" -v b="$mb" 'BEGIN {printf "%.2f", a / b}')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${JFR:-0}" = 1 ] && [ -f "$WORK/start.jfr" ]; then
  echo "where the studio's last start spent its CPU (JFR execution samples, top frames in io.wanstudio / by package):"
  jfr print --events jdk.ExecutionSample "$WORK/start.jfr" > "$WORK/samples.txt"
  echo "  samples: $(grep -c 'jdk.ExecutionSample' "$WORK/samples.txt")"
  # the first frame of each sample's stack, by package (3 levels)
  awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); split($0, p, "("); n = split(p[1], parts, ".");
       pkg = parts[1]; for (i = 2; i <= 3 && i < n; i++) pkg = pkg "." parts[i]; count[pkg]++}
       END {for (k in count) print count[k], k}' "$WORK/samples.txt" | sort -rn | head -15 | sed 's/^/  /'
  echo "  samples with io.wanstudio anywhere on the stack: $(awk '/jdk.ExecutionSample/ {if (s) n++; s = 0}
       /io\.wanstudio/ {s = 1} END {if (s) n++; print n + 0}' "$WORK/samples.txt")"
  cp "$WORK/start.jfr" "${JFR_OUT:-/tmp/wan-studio-start.jfr}"
  echo "  recording kept at ${JFR_OUT:-/tmp/wan-studio-start.jfr}"
fi
