#!/usr/bin/env bash
# ACME issuance and renewal latency against a local Pebble, median of RUNS (default 5):
#
#   1. portal start -> a Pebble-issued certificate on the wire (fresh data directory)
#   2. 'java -jar portal.jar certificates renew public' -> the new certificate on the wire
#      (the shell finds the running portal through its data directory and asks it through
#      its admin API); also the portal's own part, from starting the order to the swap,
#      from its log
#   3. Caddy start -> a Pebble-issued certificate on the wire (fresh storage), same Pebble
#   4. as 1, with the shipped launch (docker/Dockerfile, the README's "A faster start"): the
#      extracted jar, the README's JVM settings and the archive of a training run: the AOT
#      cache of JAVA_AOT (default: Temurin 25 where it is installed), or an AppCDS archive
#      where that JVM is older than 24
#
# For 1, 3 and 4 also the part after the HTTP listener is up: the ACME work, without the
# process start-up.
# Pebble runs with PEBBLE_VA_NOSLEEP=1 and PEBBLE_WFE_NONCEREJECT=0, on loopback only.
# Needs: java 17+, target/portal.jar (./mvnw -q -B package -DskipTests), pebble, caddy,
# openssl, python3. Usage: bench/acme-issuance.sh [RUNS]
set -euo pipefail

RUNS=${1:-${RUNS:-5}}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/portal.jar}
WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

for tool in java pebble caddy openssl python3; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw -q -B package -DskipTests" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# What the HTTPS port serves for localhost: "issuer|serial", or nothing.
served() {
    timeout 2 openssl s_client -connect "127.0.0.1:$1" -servername localhost </dev/null 2>/dev/null \
        | openssl x509 -noout -issuer -serial 2>/dev/null | tr '\n' '|' || true
}

# Wait until a TCP port accepts connections.
await_port() {
    local deadline=$(( $(now_ms) + 120000 ))
    until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
        [ "$(now_ms)" -lt "$deadline" ] || { echo "timeout on port $1" >&2; return 1; }
        sleep 0.01
    done
}

# Wait (polling every 20 ms, up to 120 s) until the port serves a Pebble-issued certificate
# other than the one given; print its serial.
await_pebble_cert() {
    local port=$1 not=${2:-none} deadline=$(( $(now_ms) + 120000 ))
    while [ "$(now_ms)" -lt "$deadline" ]; do
        local s; s=$(served "$port")
        if [[ "$s" == *"Pebble Intermediate"* && "$s" != *"serial=$not|"* ]]; then
            echo "$s" | sed -n 's/.*serial=\([0-9A-Fa-f]*\)|.*/\1/p'; return 0
        fi
        sleep 0.02
    done
    echo "timeout" >&2; return 1
}

# A CA for Pebble's own TLS listener, which the portal and Caddy trust.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=bench CA" \
    -keyout "$WORK/ca.key" -out "$WORK/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
    -keyout "$WORK/pebble.key" -out "$WORK/pebble.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$WORK/san.ext"
openssl x509 -req -in "$WORK/pebble.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -days 2 \
    -extfile "$WORK/san.ext" -out "$WORK/pebble.pem" 2>/dev/null

ACME=$(free_port); MGMT=$(free_port); HTTP=$(free_port); HTTPS=$(free_port); TLSALPN=$(free_port)
cat > "$WORK/pebble.json" <<JSON
{"pebble":{"listenAddress":"127.0.0.1:$ACME","managementListenAddress":"127.0.0.1:$MGMT",
"certificate":"$WORK/pebble.pem","privateKey":"$WORK/pebble.key","httpPort":$HTTP,"tlsPort":$TLSALPN,
"ocspResponderURL":"","externalAccountBindingRequired":false}}
JSON
PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 pebble -config "$WORK/pebble.json" > "$WORK/pebble.log" 2>&1 &
PIDS+=($!)
until (exec 3<>"/dev/tcp/127.0.0.1/$ACME") 2>/dev/null; do sleep 0.05; done
DIRECTORY="https://localhost:$ACME/dir"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "Pebble $(pebble -version 2>/dev/null || dpkg-query -W -f='${Version}' pebble) at $DIRECTORY, VA without sleep; $RUNS runs each"

PORTAL_ARGS=(--portal.bindings.web.port="$HTTP" --portal.bindings.secure.port="$HTTPS"
    --portal.bindings.secure.ssl-bundle=public --portal.certificates.public.acme.domains=localhost
    --portal.acme.directory="$DIRECTORY" --portal.acme.trust-store="file:$WORK/ca.pem"
    --portal.acme.accept-terms-of-service=true --spring.main.banner-mode=off)

portal_first=(); portal_acme=(); portal_renew=(); portal_swap=(); cds_first=(); cds_acme=()
for run in $(seq "$RUNS"); do
    data="$WORK/portal-$run"
    start=$(now_ms)
    java -jar "$JAR" --portal.data-dir="$data" "${PORTAL_ARGS[@]}" > "$WORK/portal-$run.log" 2>&1 &
    pid=$!; PIDS+=($pid)
    await_port "$HTTP"; up=$(now_ms)
    serial=$(await_pebble_cert "$HTTPS")
    portal_first+=($(( $(now_ms) - start ))); portal_acme+=($(( $(now_ms) - up )))

    start=$(now_ms)
    java -jar "$JAR" certificates renew public --portal.data-dir="$data" "${PORTAL_ARGS[@]}" > "$WORK/renew-$run.log" 2>&1
    await_pebble_cert "$HTTPS" "$serial" > /dev/null
    portal_renew+=($(( $(now_ms) - start )))
    # The portal's own part: from starting the renewal's order to the swap (log timestamps).
    portal_swap+=($(python3 - "$WORK/portal-$run.log" <<'PY'
import re, sys, datetime
t = {}
for line in open(sys.argv[1]):
    m = re.match(r'(\S+)\s', line)
    if not m: continue
    # The last order is the renewal (the first one obtained the certificate at start).
    if 'obtaining a certificate for' in line: t = {'from': m.group(1)}
    if 'Reloaded SSL bundle' in line and 'from' in t and 'to' not in t: t['to'] = m.group(1)
f = lambda s: datetime.datetime.fromisoformat(s.replace('Z', '+00:00'))
print(int((f(t['to']) - f(t['from'])).total_seconds() * 1000))
PY
))
    kill "$pid"; wait "$pid" 2>/dev/null || true
done

# The shipped launch: extract the jar, record one start, then start from the archive.
if [ -z "${JAVA_AOT+x}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    JAVA_AOT=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi
JAVA_AOT=${JAVA_AOT:-java}
if "$JAVA_AOT" -XX:AOTMode=off -version > /dev/null 2>&1; then
    TRAIN_OPTS=(-XX:AOTCacheOutput="$WORK/cds/portal.aot"); RUN_OPTS=(-XX:AOTCache="$WORK/cds/portal.aot"); KIND="AOT cache"
else
    TRAIN_OPTS=(-XX:ArchiveClassesAtExit="$WORK/cds/portal.jsa"); RUN_OPTS=(-XX:SharedArchiveFile="$WORK/cds/portal.jsa"); KIND=AppCDS
fi
"$JAVA_AOT" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/cds" > /dev/null
"$JAVA_AOT" -XX:+UseSerialGC -Xms32m -Xmx160m "${TRAIN_OPTS[@]}" -Dspring.context.exit=onRefresh -jar "$WORK/cds/$(basename "$JAR")" \
    --portal.data-dir="$WORK/cds-training" "${PORTAL_ARGS[@]}" > "$WORK/cds-training.log" 2>&1 || true
for run in $(seq "$RUNS"); do
    start=$(now_ms)
    MALLOC_ARENA_MAX=2 "$JAVA_AOT" -XX:+UseSerialGC -Xms32m -Xmx160m -XX:TrimNativeHeapInterval=5000 "${RUN_OPTS[@]}" -jar "$WORK/cds/$(basename "$JAR")" --portal.data-dir="$WORK/cds-$run" \
        "${PORTAL_ARGS[@]}" > "$WORK/cds-$run.log" 2>&1 &
    pid=$!; PIDS+=($pid)
    await_port "$HTTP"; up=$(now_ms)
    await_pebble_cert "$HTTPS" > /dev/null
    cds_first+=($(( $(now_ms) - start ))); cds_acme+=($(( $(now_ms) - up )))
    kill "$pid"; wait "$pid" 2>/dev/null || true
done

caddy_first=(); caddy_acme=()
for run in $(seq "$RUNS"); do
    dir="$WORK/caddy-$run"; mkdir -p "$dir"
    cat > "$dir/Caddyfile" <<CADDY
{
    admin off
    http_port $HTTP
    https_port $HTTPS
    skip_install_trust
    storage file_system $dir/storage
}
localhost {
    tls {
        issuer acme {
            dir $DIRECTORY
            trusted_roots $WORK/ca.pem
            email ops@portal.test
            disable_tlsalpn_challenge
        }
    }
    respond "ok"
}
CADDY
    start=$(now_ms)
    XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config" caddy run --config "$dir/Caddyfile" --adapter caddyfile \
        > "$dir/caddy.log" 2>&1 &
    pid=$!; PIDS+=($pid)
    await_port "$HTTP"; up=$(now_ms)
    await_pebble_cert "$HTTPS" > /dev/null
    caddy_first+=($(( $(now_ms) - start ))); caddy_acme+=($(( $(now_ms) - up )))
    kill "$pid"; wait "$pid" 2>/dev/null || true
done

line() { printf '%-62s median %6s ms   (runs: %s)\n' "$1" "$(printf '%s\n' "${@:2}" | median)" "${*:2}"; }
echo
echo "machine: $(nproc) cores, load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
line "portal: process start -> Pebble certificate on the wire" "${portal_first[@]}"
line "  of which: HTTP listener up -> Pebble certificate on the wire" "${portal_acme[@]}"
line "portal: 'certificates renew' -> new certificate on the wire" "${portal_renew[@]}"
line "  of which in the portal: order started -> swapped" "${portal_swap[@]}"
line "portal, shipped launch ($KIND): start -> Pebble certificate" "${cds_first[@]}"
line "  of which: HTTP listener up -> Pebble certificate on the wire" "${cds_acme[@]}"
line "caddy $(caddy version | cut -d' ' -f1): process start -> Pebble certificate on the wire" "${caddy_first[@]}"
line "  of which: HTTP listener up -> Pebble certificate on the wire" "${caddy_acme[@]}"
