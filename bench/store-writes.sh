#!/usr/bin/env bash
# What it costs that a confirmed change is on disk: latency of N sequential confirmed
# writes through the admin API (POST /api/tokens: one insert and its audit row), on the
# embedded H2 store as the portal configures it (each commit written before the answer,
# WRITE_DELAY=0) and with H2's default write delay (500 ms, commits written in the
# background), alternating, in the same run. Usage: bench/store-writes.sh [writes] [rounds]
set -euo pipefail
source "$(dirname "$0")/common.sh"
WRITES=${1:-200}
ROUNDS=${2:-3}
if [ -n "${PORTAL_JAR:-}" ]; then JAR=$PORTAL_JAR; else build_portal; fi
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

run() { # label extra-args... -> prints "median p90" in ms for WRITES token creations
  local label=$1; shift
  local data="$work/$label-$RANDOM" web secure
  web=$(free_port); secure=$(free_port)
  PORTAL_ADMIN_PASSWORD=bench-password java -jar "$JAR" --portal.data-dir="$data" \
    --portal.bindings.web.port="$web" --portal.bindings.secure.port="$secure" --logging.level.root=WARN "$@" \
    > "$work/portal.log" 2>&1 &
  pid=$!
  wait_for_200 "http://127.0.0.1:$web/" 180 || { cat "$work/portal.log" >&2; kill "$pid"; exit 1; }
  # A token, so that each request is not a BCrypt password check (which would dominate).
  token=$(curl -sf -u admin:bench-password -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$web/api/tokens" \
    -d '{"name":"bench"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  for i in $(seq 20); do # warm up
    curl -sf -H "Authorization: Bearer $token" -o /dev/null -H 'Content-Type: application/json' \
      -X POST "http://127.0.0.1:$web/api/tokens" -d "{\"name\":\"warm$i\"}"
  done
  for i in $(seq "$WRITES"); do
    curl -sf -H "Authorization: Bearer $token" -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
      -X POST "http://127.0.0.1:$web/api/tokens" -d "{\"name\":\"t$i\"}"
  done | awk '{print $1 * 1000}' | sort -n > "$work/times"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  echo "$(median < "$work/times") $(awk -v n="$WRITES" 'NR == int(n * 0.9) {print}' "$work/times")"
}

durable=(); delayed=()
for r in $(seq "$ROUNDS"); do
  durable+=("$(run durable)")
  url="jdbc:h2:file:$work/delayed-$r/portal;WRITE_DELAY=500"
  delayed+=("$(run delayed --spring.datasource.url="$url")")
done
{
  echo "confirmed writes: $WRITES x POST /api/tokens (insert + audit row), $ROUNDS rounds, $(nproc) cores; ms per write"
  echo "  H2, each commit on disk before the answer (WRITE_DELAY=0): median $(printf '%s\n' "${durable[@]}" | awk '{print $1}' | median)  p90 $(printf '%s\n' "${durable[@]}" | awk '{print $2}' | median)"
  echo "  H2 default, commits written within 500 ms (WRITE_DELAY=500): median $(printf '%s\n' "${delayed[@]}" | awk '{print $1}' | median)  p90 $(printf '%s\n' "${delayed[@]}" | awk '{print $2}' | median)"
} | tee "$RESULTS/store-writes.txt"
