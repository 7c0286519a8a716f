#!/usr/bin/env bash
# HTTPS keep-alive throughput of the portal's home page (GET /), same certificate, same
# machine, same run, against two baselines:
#  1. the same portal jar with every binding switched off, so that Spring Boot's own
#     connector (server.ssl) serves it: same application, only the connector differs; the
#     ratio is what the portal's connectors cost;
#  2. a bare Spring Boot app (bench/bare-app) serving the same bytes through server.ssl, with
#     no security filters and no template rendering: what the portal's request handling
#     costs on top of the connector.
# Rounds alternate between the three so that machine noise hits all; medians are reported.
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

portal_port=$(free_port); web_port=$(free_port); bare_port=$(free_port); boot_port=$(free_port)
java -jar "$JAR" --portal.data-dir="$work/data" --portal.bindings.web.port="$web_port" \
  --portal.bindings.secure.port="$portal_port" --portal.bindings.secure.ssl-bundle=bench \
  --spring.ssl.bundle.pem.bench.keystore.certificate="file:$work/cert.pem" \
  --spring.ssl.bundle.pem.bench.keystore.private-key="file:$work/key.pem" \
  --logging.level.root=WARN > "$work/portal.log" 2>&1 &
pids+=($!)
wait_for_200 "https://127.0.0.1:$portal_port/" 60 || { cat "$work/portal.log"; exit 1; }
curl -sk "https://127.0.0.1:$portal_port/" -o "$work/page.html"

java -jar "$JAR" --portal.data-dir="$work/data-boot" --portal.bindings.web.enabled=false \
  --portal.bindings.secure.enabled=false --server.port="$boot_port" --server.ssl.bundle=bench \
  --spring.ssl.bundle.pem.bench.keystore.certificate="file:$work/cert.pem" \
  --spring.ssl.bundle.pem.bench.keystore.private-key="file:$work/key.pem" \
  --logging.level.root=WARN > "$work/portal-boot.log" 2>&1 &
pids+=($!)
wait_for_200 "https://127.0.0.1:$boot_port/" 60 || { cat "$work/portal-boot.log"; exit 1; }
cmp <(curl -sk "https://127.0.0.1:$boot_port/") "$work/page.html"

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
for url in "https://127.0.0.1:$portal_port/" "https://127.0.0.1:$boot_port/" "https://127.0.0.1:$bare_port/"; do
  rps "$url" 20 >/dev/null
done
portal=(); boot=(); bare=()
for i in $(seq "$ROUNDS"); do
  portal+=("$(rps "https://127.0.0.1:$portal_port/" "$SECONDS_PER_ROUND")")
  boot+=("$(rps "https://127.0.0.1:$boot_port/" "$SECONDS_PER_ROUND")")
  bare+=("$(rps "https://127.0.0.1:$bare_port/" "$SECONDS_PER_ROUND")")
done
p=$(printf '%s\n' "${portal[@]}" | median); o=$(printf '%s\n' "${boot[@]}" | median); b=$(printf '%s\n' "${bare[@]}" | median)
{
  echo "HTTPS keep-alive throughput, GET / ($(wc -c < "$work/page.html") bytes), wrk -t1 -c$CONNECTIONS, ${SECONDS_PER_ROUND}s x $ROUNDS rounds, $(nproc) cores"
  echo "  portal, portal binding:              ${portal[*]}  median $p req/s"
  echo "  portal, Spring Boot server.ssl:      ${boot[*]}  median $o req/s"
  echo "  bare Spring Boot app, server.ssl:    ${bare[*]}  median $b req/s"
  echo "  connector cost, portal binding / Spring Boot connector (same app): $(echo "scale=3; $p / $o" | bc)"
  echo "  portal / bare app (whole request handling):                     $(echo "scale=3; $p / $b" | bc)"
} | tee "$RESULTS/throughput.txt"
