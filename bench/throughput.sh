#!/usr/bin/env bash
# HTTPS keep-alive throughput of the portal's home page compared with a bare Spring Boot
# app that serves the same bytes through Spring Boot's own connector (server.ssl) with the
# same certificate, same machine, same run. Rounds alternate between the two so that
# machine noise hits both; the median of the rounds is reported.
# Usage: bench/throughput.sh [rounds] [seconds-per-round] [connections]
set -euo pipefail
source "$(dirname "$0")/common.sh"
ROUNDS=${1:-5}; SECONDS_PER_ROUND=${2:-10}; CONNECTIONS=${3:-16}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
build_portal
(cd "$BENCH_DIR/bare-app" && "$ROOT/mvnw" -q -B package -DskipTests)
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

portal_port=$(free_port); web_port=$(free_port); bare_port=$(free_port)
java -jar "$JAR" --portal.data-dir="$work/data" --portal.bindings.web.port="$web_port" \
  --portal.bindings.secure.port="$portal_port" --portal.bindings.secure.ssl-bundle=bench \
  --spring.ssl.bundle.pem.bench.keystore.certificate="file:$work/cert.pem" \
  --spring.ssl.bundle.pem.bench.keystore.private-key="file:$work/key.pem" \
  --logging.level.root=WARN > "$work/portal.log" 2>&1 &
pids+=($!)
wait_for_200 "https://127.0.0.1:$portal_port/" 60 || { cat "$work/portal.log"; exit 1; }
curl -sk "https://127.0.0.1:$portal_port/" -o "$work/page.html"

java -jar "$BENCH_DIR/bare-app/target/bare-app.jar" --server.port="$bare_port" --server.ssl.bundle=bench \
  --spring.ssl.bundle.pem.bench.keystore.certificate="file:$work/cert.pem" \
  --spring.ssl.bundle.pem.bench.keystore.private-key="file:$work/key.pem" \
  --bench.page="$work/page.html" --logging.level.root=WARN > "$work/bare.log" 2>&1 &
pids+=($!)
wait_for_200 "https://127.0.0.1:$bare_port/" 60 || { cat "$work/bare.log"; exit 1; }
cmp <(curl -sk "https://127.0.0.1:$bare_port/") "$work/page.html"

rps() { # url seconds -> requests/s
  wrk -t1 -c"$CONNECTIONS" -d"$2"s "$1" | awk '/Requests\/sec/ {print $2}'
}
echo "warming up both servers..."
rps "https://127.0.0.1:$portal_port/" 10 >/dev/null; rps "https://127.0.0.1:$bare_port/" 10 >/dev/null
portal=(); bare=()
for i in $(seq "$ROUNDS"); do
  portal+=("$(rps "https://127.0.0.1:$portal_port/" "$SECONDS_PER_ROUND")")
  bare+=("$(rps "https://127.0.0.1:$bare_port/" "$SECONDS_PER_ROUND")")
done
p=$(printf '%s\n' "${portal[@]}" | median); b=$(printf '%s\n' "${bare[@]}" | median)
{
  echo "HTTPS keep-alive throughput, GET / ($(wc -c < "$work/page.html") bytes), wrk -t1 -c$CONNECTIONS, ${SECONDS_PER_ROUND}s x $ROUNDS rounds, $(nproc) cores"
  echo "  portal binding:            ${portal[*]}  median $p req/s"
  echo "  bare Boot server.ssl:      ${bare[*]}  median $b req/s"
  echo "  ratio portal/bare: $(echo "scale=3; $p / $b" | bc)"
} | tee "$RESULTS/throughput.txt"
