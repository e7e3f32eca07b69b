# Shared by the bench scripts (sourced after they cd to the repository root).

# Waits (at most 240 s) until $1 answers 2xx; stops the script with the end of log $3 when process $2 ended first.
await_ready() { # url pid log
  for _ in $(seq 1 240); do
    curl -fs -m 2 "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 1
  done
  echo "not ready: $1"; tail -20 "$3"; exit 1
}
