#!/usr/bin/env bash
# What the registrykit command line, with its default timeouts and limits, answers a hostile
# registry, and how long it takes: one row per behaviour of a small hostile server
# (hostile_registry.py), all points run in parallel (~2 minutes: the slowest points are the ones that
# wait out a timeout).
#
#   mvn -B -ntp -q -o -pl examples -am package -DskipTests     # builds examples/target/registrykit.jar
#   bash benchmarks/hostile/run.sh [--markdown]
#
# The registry is named with --insecure (plain HTTP on loopback) so that the table measures the
# behaviour, not the HTTPS probe. HOME points at an empty directory: no stored credentials apply.
# Prints: point, exit code, first line of the CLI's error output, seconds (wall clock: run it on
# a quiet machine for figures to compare).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cli=("$root/scripts/registrykit")
export REGISTRYKIT_CDS=${REGISTRYKIT_CDS:-off}
markdown=false
[[ "${1:-}" == "--markdown" ]] && markdown=true

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export HOME=$work/home
mkdir -p "$HOME"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
port=$(free_port)
silent_port=$(free_port)
python3 "$here/hostile_registry.py" "$port" "$silent_port" > "$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q ready "$work/server.out" 2>/dev/null && break
  sleep 0.1
done
host=127.0.0.1:$port

# point | what the server does | command
points=(
  "endless-manifest|manifest body that never ends|manifest --insecure $host/endless-manifest/app:1"
  "long-blob|layer blob longer than its descriptor's 10 bytes, endless|pull --insecure $host/long-blob/app:1 $work/long-blob"
  "endless-error|404 whose error body never ends|manifest --insecure $host/endless-error/app:1"
  "endless-pages|tags/list: distinct 1,000-tag pages, a next Link for ever|tags --insecure $host/endless-pages/app"
  "deep-index|15,000 indexes, each the only child of the one above|pull --insecure $host/deep-index/app:1 $work/deep-index"
  "silent|accepts the connection, never reads or answers|tags --insecure 127.0.0.1:$silent_port/silent/app"
  "no-headers|answers /v2/, then reads the request and never sends headers|manifest --insecure $host/no-headers/app:1"
  "drip|manifest headers, then the body at 1 byte/s|manifest --insecure $host/drip/app:1"
  "big-token|bearer challenge; the token response never ends|tags --insecure $host/big-token/app"
  "cross-host-link|tags/list whose next Link names another host|tags --insecure $host/cross-host-link/app"
)

run_point() {
  local name=$1 command=$2
  local start end code
  start=$(date +%s.%N)
  set +e
  # shellcheck disable=SC2086
  timeout 900 "${cli[@]}" $command > "$work/$name.out" 2> "$work/$name.err"
  code=$?
  set -e
  end=$(date +%s.%N)
  printf "%s\n%s\n" "$code" "$(awk "BEGIN { print $end - $start }")" > "$work/$name.result"
}

for entry in "${points[@]}"; do
  IFS='|' read -r name _ command <<< "$entry"
  run_point "$name" "$command" &
done
wait_for=()
for job in $(jobs -p); do
  [[ "$job" == "$server_pid" ]] || wait_for+=("$job")
done
wait "${wait_for[@]}"

if $markdown; then
  echo "| point | server does | exit | first line of the message | seconds |"
  echo "|---|---|---|---|---|"
fi
for entry in "${points[@]}"; do
  IFS='|' read -r name what _ <<< "$entry"
  code=$(sed -n 1p "$work/$name.result")
  seconds=$(printf '%.1f' "$(sed -n 2p "$work/$name.result")")
  # The command's own error line; log lines (e.g. a retry notice) may come before it.
  message=$(grep '^registrykit' "$work/$name.err" | head -1 | cut -c1-220)
  [[ -z "$message" ]] && message=$(grep -v '^\s*$' "$work/$name.err" | head -1 | cut -c1-220)
  if grep -qv '^registrykit' "$work/$name.err"; then
    message="$message [+ $(grep -cv '^registrykit' "$work/$name.err") other stderr lines]"
  fi
  [[ -z "$message" ]] && message="(stdout) $(head -1 "$work/$name.out" | cut -c1-120)"
  message=${message//|/\\|}
  if $markdown; then
    echo "| $name | $what | $code | $(sed -E "s/127[.]0[.]0[.]1:[0-9]+/HOST/g" <<< "$message") | $seconds |"
  else
    printf '%-17s %4s %7s  %s\n' "$name" "$code" "$seconds" "$message"
  fi
done
