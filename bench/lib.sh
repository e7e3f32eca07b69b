# Shared by the bench scripts (sourced after they cd to the repository root).

# Waits (at most $4 seconds, 240 by default, asking every 0.5 s) until $1 answers 2xx; stops the script with the
# end of log $3 when process $2 ended first.
await_ready() { # url pid log [seconds]
  for _ in $(seq 1 $(( ${4:-240} * 2 ))); do
    curl -fs -m 2 "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.5
  done
  echo "not ready: $1"; tail -30 "$3"; exit 1
}
