#!/usr/bin/env bash
# Time to apply a binding change through the admin API: POST an HTTPS binding, then the
# first TLS handshake on its port. Measured with 1 and with 50 existing bindings, median
# of N each. Usage: bench/binding-apply.sh [runs]
# PORTAL_JAR=path measures another build of the portal (for before/after comparisons in
# one sitting), PORTAL_ARGS adds options to its command line.
set -euo pipefail
source "$(dirname "$0")/common.sh"
RUNS=${1:-9}
if [ -n "${PORTAL_JAR:-}" ]; then JAR=$PORTAL_JAR; else build_portal; fi
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
web=$(free_port); secure=$(free_port)
PORTAL_ADMIN_PASSWORD=bench-password java -jar "$JAR" --portal.data-dir="$work/data" \
  --portal.bindings.web.port="$web" --portal.bindings.secure.port="$secure" --logging.level.root=WARN ${PORTAL_ARGS:-} \
  > "$work/portal.log" 2>&1 &
pid=$!
wait_for_200 "https://127.0.0.1:$secure/" 180 || { cat "$work/portal.log"; exit 1; }
api="http://127.0.0.1:$web/api/bindings"
auth=(-u admin:bench-password)

add_binding() { # name port -> prints seconds from POST to first handshake
  local name=$1 port=$2 start end
  start=$(date +%s%N)
  curl -sf "${auth[@]}" -o /dev/null -H 'Content-Type: application/json' -X POST "$api" \
    -d "{\"name\":\"$name\",\"scheme\":\"https\",\"port\":$port,\"sslBundle\":\"portal\"}"
  until echo | openssl s_client -connect "127.0.0.1:$port" >/dev/null 2>&1; do :; done
  end=$(date +%s%N)
  echo "scale=4; ($end - $start) / 1000000000" | bc
}

remove_binding() {
  curl -sf "${auth[@]}" -o /dev/null -X DELETE "$api/$1"
}

measure() { # label -> median over RUNS
  local times=() port
  for i in $(seq "$RUNS"); do
    port=$(free_port)
    times+=("$(add_binding "probe$i" "$port")")
    remove_binding "probe$i"
  done
  printf '%s\n' "${times[@]}" | median
}

one=$(measure)
for i in $(seq 49); do
  port=$(free_port)
  curl -sf "${auth[@]}" -o /dev/null -H 'Content-Type: application/json' -X POST "$api" \
    -d "{\"name\":\"load$i\",\"scheme\":\"https\",\"port\":$port,\"sslBundle\":\"portal\"}"
done
count=$(curl -sf "${auth[@]}" "$api" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
fifty=$(measure)
{
  echo "apply a binding change (POST HTTPS binding -> first TLS handshake on it), median of $RUNS, $(nproc) cores"
  echo "  with the 2 default bindings:        ${one}s"
  echo "  with $count bindings (49 added):       ${fifty}s"
} | tee "$RESULTS/binding-apply${PORTAL_JAR:+-$(basename "$PORTAL_JAR" .jar)}.txt"
