#!/usr/bin/env bash
# Certificate swaps under keep-alive load. A runtime HTTPS binding serves a certificate
# while wrk keeps 16 keep-alive connections busy on it; N times, a new certificate is
# imported through the admin API and put on the binding (PUT /api/bindings/{name}: the
# certificate is swapped without closing connections), and openssl handshakes until a new
# handshake gets the new certificate. Reports failed requests under load (target 0) and the
# time from the PUT to the first new handshake with the new certificate (p50, p90, max).
# Usage: bench/certificate-swap.sh [swaps]
set -euo pipefail
source "$(dirname "$0")/common.sh"
SWAPS=${1:-100}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
build_portal
work=$(mktemp -d)
pid=""
wrk_pid=""
trap '[ -n "$wrk_pid" ] && kill "$wrk_pid" 2>/dev/null; [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
web=$(free_port); secure=$(free_port); port=$(free_port)
PORTAL_ADMIN_PASSWORD=bench-password java -jar "$JAR" --portal.data-dir="$work/data" \
  --portal.bindings.web.port="$web" --portal.bindings.secure.port="$secure" --logging.level.root=WARN > "$work/portal.log" 2>&1 &
pid=$!
wait_for_200 "https://127.0.0.1:$secure/" 90 || { cat "$work/portal.log"; exit 1; }
api="http://127.0.0.1:$web/api"
auth=(-u admin:bench-password)

make_certificate() { # index -> writes $work/c<i>.pem and $work/k<i>.pem, prints the SHA-256 fingerprint
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=swap-$1.portal.test" \
    -addext "subjectAltName=DNS:localhost" -keyout "$work/k$1.pem" -out "$work/c$1.pem" 2>/dev/null
  openssl x509 -in "$work/c$1.pem" -noout -fingerprint -sha256 | cut -d= -f2
}

import() { # index
  curl -sf "${auth[@]}" -o /dev/null -F "name=swap$1" -F "certificate=@$work/c$1.pem" -F "privateKey=@$work/k$1.pem" \
    "$api/certificates"
}

served() {
  echo | openssl s_client -connect "127.0.0.1:$port" -servername localhost 2>/dev/null \
    | openssl x509 -noout -fingerprint -sha256 2>/dev/null | cut -d= -f2
}

echo "preparing $SWAPS certificates..."
for i in $(seq 0 "$SWAPS"); do
  make_certificate "$i" > "$work/f$i"
done
import 0
curl -sf "${auth[@]}" -o /dev/null -H 'Content-Type: application/json' -X POST "$api/bindings" \
  -d "{\"name\":\"swap\",\"scheme\":\"https\",\"port\":$port,\"sslBundle\":\"swap0\"}"
until [ "$(served)" = "$(cat "$work/f0")" ]; do sleep 0.05; done

wrk -t2 -c16 -d3600s "https://127.0.0.1:$port/" > "$work/wrk.txt" 2>&1 &
wrk_pid=$!
sleep 3

: > "$work/delays"
for i in $(seq 1 "$SWAPS"); do
  import "$i"
  expected=$(cat "$work/f$i")
  start=$(date +%s%N)
  curl -sf "${auth[@]}" -o /dev/null -H 'Content-Type: application/json' -X PUT "$api/bindings/swap" \
    -d "{\"scheme\":\"https\",\"port\":$port,\"sslBundle\":\"swap$i\"}"
  answered=$(date +%s%N)
  until [ "$(served)" = "$expected" ]; do :; done
  end=$(date +%s%N)
  echo "($end - $start) / 1000000" | bc >> "$work/delays"
  echo "($end - $answered) / 1000000" | bc >> "$work/after"
  curl -sf "${auth[@]}" -o /dev/null -X DELETE "$api/certificates/swap$((i - 1))"
done

sleep 2
kill -INT "$wrk_pid"
wait "$wrk_pid" || true
wrk_pid=""
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
socket_errors=$(awk -F'[ ,]+' '/Socket errors/ {print $4 + $6 + $8 + $10}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
sort -n "$work/delays" > "$work/sorted"
p50=$(awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' "$work/sorted")
p90=$(awk '{a[NR]=$1} END {print a[int(NR*0.9+0.5)]}' "$work/sorted")
max=$(tail -1 "$work/sorted")
after_p50=$(sort -n "$work/after" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
after_max=$(sort -n "$work/after" | tail -1)
{
  echo "certificate swaps under keep-alive load ($SWAPS swaps, wrk -t2 -c16 on the binding, $(nproc) cores)"
  echo "  requests served during the swaps:   ${requests:-?}"
  echo "  failed requests:                    $(( ${socket_errors:-0} + ${non2xx:-0} )) (socket errors ${socket_errors:-0}, non-2xx ${non2xx:-0})"
  echo "  PUT sent -> new handshakes see the new certificate: p50 ${p50} ms, p90 ${p90} ms, max ${max} ms"
  echo "  PUT answered -> new handshakes see it (the first openssl handshake after the answer, mostly): p50 ${after_p50} ms, max ${after_max} ms"
} | tee "$RESULTS/certificate-swap.txt"
