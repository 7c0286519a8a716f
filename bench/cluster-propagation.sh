#!/usr/bin/env bash
# Propagation between portal nodes that share one PostgreSQL database (issue 13). Creates a
# fresh database on the PostgreSQL server at PGHOST:PGPORT (default 127.0.0.1:5432, user
# postgres, trust auth; dropped at the end), starts three nodes A, B and C of the packaged
# jar on this machine with one master key and one admin password, and makes N changes of
# each kind on node A through its admin API. For each change it measures the time from A's
# answer until B and C show the result, polling each about every 50 ms, and checks that
# result, not only that something changed:
#   binding      PATCH the binding 'probe' to a new port. Every node declares 'probe' on a
#                loopback address of its own (A 127.0.0.2, B 127.0.0.3, C 127.0.0.4), so the
#                port override applies to each node's own address, as one override does on
#                nodes on separate machines (one address and port can be opened by only one
#                process of one machine). Applied: an HTTP 200 from B's and C's address on
#                the new port.
#   certificate  import a new certificate (openssl-made, PEM) on A and PATCH the configured
#                HTTPS binding 'secure' onto it. Applied: a TLS handshake with B and C
#                presents that certificate's SHA-256 fingerprint.
#   hsts         PATCH /api/settings/https with HSTS on and a max-age new for each change.
#                Applied: B's and C's HTTPS responses carry exactly that max-age.
#   token        POST /api/tokens on A. Applied: the new token is accepted by B and C.
# Reports p50 and max over B's and C's times per kind (over the changes applied), and the
# changes not applied within TIMEOUT seconds; a kind whose first 3 changes all time out is
# not tried further. Then what the idle nodes cost the database: transactions per second
# (xact_commit + xact_rollback of pg_stat_database for the bench's own database, so only
# the nodes count; each autocommit statement is one transaction), or statements per second
# from pg_stat_statements when the server preloads it, over IDLE seconds, per node.
# Usage: bench/cluster-propagation.sh [changes per kind, default 20]
#   TIMEOUT (10), IDLE (30), PGHOST, PGPORT, PGUSER; PORTAL_JAR=other.jar for another build.
set -euo pipefail
source "$(dirname "$0")/common.sh"
CHANGES=${1:-20}
TIMEOUT=${TIMEOUT:-10}
IDLE=${IDLE:-30}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
for tool in psql openssl curl jq; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install postgresql-client openssl curl jq)"; exit 1; }
done
if [ -n "${PORTAL_JAR:-}" ]; then JAR=$PORTAL_JAR; else build_portal; fi
psql -d postgres -Atqc 'select 1' >/dev/null \
  || { echo "no PostgreSQL at $PGHOST:$PGPORT as $PGUSER (set PGHOST, PGPORT, PGUSER)"; exit 1; }

work=$(mktemp -d)
db="portal_bench_$(date +%s)_$$"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  psql -d postgres -Atqc "drop database if exists $db" >/dev/null 2>&1 || echo "could not drop database $db: drop it by hand"
  rm -rf "$work"
}
trap cleanup EXIT
psql -d postgres -Atqc "create database $db" >/dev/null

password=bench-password-$$
export PORTAL_ADMIN_PASSWORD=$password
PORTAL_MASTER_KEY=$(openssl rand -base64 32)
export PORTAL_MASTER_KEY
probe_port=$(free_port)
names=(A B C)
addresses=(127.0.0.2 127.0.0.3 127.0.0.4)
web=() secure=() token=()
start_node() { # index
  local i=$1
  web[i]=$(free_port); secure[i]=$(free_port)
  mkdir -p "$work/${names[i]}"
  (cd "$work/${names[i]}" && exec java -XX:+UseSerialGC -Xmx160m -XX:TieredStopAtLevel=1 -jar "$JAR" \
    --portal.data-dir="$work/${names[i]}/data" \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" --spring.datasource.username="$PGUSER" \
    --portal.bindings.web.port="${web[i]}" --portal.bindings.secure.port="${secure[i]}" \
    --portal.bindings.probe.scheme=http --portal.bindings.probe.address="${addresses[i]}" \
    --portal.bindings.probe.port="$probe_port" --logging.level.root=WARN > "$work/${names[i]}.log" 2>&1) &
  pids+=($!)
}
await_node() { # index
  wait_for_200 "https://127.0.0.1:${secure[$1]}/" 180 || { echo "node ${names[$1]} did not start:"; tail -40 "$work/${names[$1]}.log"; exit 1; }
}
# A first, so that the store's schema is created once; then B and C together.
start_node 0; await_node 0
start_node 1; start_node 2; await_node 1; await_node 2
for i in 0 1 2; do
  # Each node's own token for the polling below (a password costs a BCrypt check per request).
  token[i]=$(curl -sf -u "admin:$password" -H 'Content-Type: application/json' -X POST \
    "http://127.0.0.1:${web[i]}/api/tokens" -d "{\"name\":\"bench-${names[i]}\"}" | jq -r .token)
done
echo "three nodes on database $db: A, B, C (web ${web[*]}, secure ${secure[*]})"

api() { # node method path [json] -> prints the body, fails unless 2xx
  local i=$1 method=$2 path=$3 type=application/json
  [ "$method" = PATCH ] && type=application/merge-patch+json
  curl -sf --show-error -H "Authorization: Bearer ${token[$1]}" -H "Content-Type: $type" -X "$method" \
    "http://127.0.0.1:${web[i]}$path" ${4:+-d "$4"}
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The probes: node index and the expected value; true when the node shows it.
probe_binding() { [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://${addresses[$1]}:$2/")" = 200 ]; }
served() { # node -> SHA-256 fingerprint of the leaf its 'secure' binding presents
  openssl s_client -connect "127.0.0.1:${secure[$1]}" -servername localhost </dev/null 2>/dev/null \
    | openssl x509 -noout -fingerprint -sha256 2>/dev/null | cut -d= -f2
}
probe_certificate() { [ "$(served "$1")" = "$2" ]; }
probe_hsts() {
  [ "$(curl -sk -o /dev/null -m 2 -D - "https://127.0.0.1:${secure[$1]}/" | tr -d '\r' \
    | awk 'tolower($1) == "strict-transport-security:" {print $2}')" = "max-age=$2" ]
}
probe_token() {
  [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' -H "Authorization: Bearer $2" "http://127.0.0.1:${web[$1]}/api/bindings")" = 200 ]
}

# measure KIND EXPECTED ANSWERED_MS: polls B and C; appends their times to $work/KIND.times,
# or a line to $work/KIND.late; returns 1 when neither applied it in time.
measure() {
  local kind=$1 expected=$2 answered=$3 pending=(1 2) still applied=0
  while [ ${#pending[@]} -gt 0 ] && [ $(( $(now_ms) - answered )) -le $(( TIMEOUT * 1000 )) ]; do
    still=()
    for n in "${pending[@]}"; do
      if "probe_$kind" "$n" "$expected"; then
        echo $(( $(now_ms) - answered )) >> "$work/$kind.times"; applied=1
      else
        still+=("$n")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    [ ${#pending[@]} -gt 0 ] && sleep 0.05
  done
  for n in "${pending[@]+"${pending[@]}"}"; do
    echo "${names[n]}: $kind change $expected not applied within $TIMEOUT s" | tee -a "$work/$kind.late"
  done
  [ "$applied" = 1 ] || [ ${#pending[@]} -eq 0 ]
}

run_kind() { # kind
  local kind=$1 misses=0 expected answered
  : > "$work/$kind.times"; : > "$work/$kind.late"
  for c in $(seq 1 "$CHANGES"); do
    case $kind in
      binding)
        expected=$(free_port)
        api 0 PATCH /api/bindings/probe "{\"port\":$expected}" >/dev/null
        answered=$(now_ms)
        probe_binding 0 "$expected" || { echo "A does not serve 'probe' on port $expected after its 200"; exit 1; } ;;
      certificate)
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=cluster-$c.portal.test" \
          -addext "subjectAltName=DNS:localhost" -keyout "$work/k$c.pem" -out "$work/c$c.pem" 2>/dev/null
        expected=$(openssl x509 -in "$work/c$c.pem" -noout -fingerprint -sha256 | cut -d= -f2)
        curl -sf --show-error -o /dev/null -H "Authorization: Bearer ${token[0]}" -F "name=cluster$c" \
          -F "certificate=@$work/c$c.pem" -F "privateKey=@$work/k$c.pem" "http://127.0.0.1:${web[0]}/api/certificates"
        api 0 PATCH /api/bindings/secure "{\"sslBundle\":\"cluster$c\"}" >/dev/null
        answered=$(now_ms)
        probe_certificate 0 "$expected" || { echo "A does not serve certificate cluster$c after its 200"; exit 1; } ;;
      hsts)
        expected=$(( 3600 + c ))
        api 0 PATCH /api/settings/https "{\"hstsEnabled\":true,\"hstsMaxAge\":\"$expected\"}" >/dev/null
        answered=$(now_ms)
        probe_hsts 0 "$expected" || { echo "A does not send max-age=$expected after its 200"; exit 1; } ;;
      token)
        expected=$(api 0 POST /api/tokens "{\"name\":\"cluster-$c\"}" | jq -r .token)
        answered=$(now_ms)
        probe_token 0 "$expected" || { echo "A does not accept the token it created"; exit 1; } ;;
    esac
    if measure "$kind" "$expected" "$answered"; then misses=0; else misses=$((misses + 1)); fi
    if [ "$c" -eq 3 ] && [ "$misses" -eq 3 ]; then
      echo "$kind: the first 3 changes were not applied on B or C within $TIMEOUT s; not trying further" \
        | tee -a "$work/$kind.late"
      break
    fi
  done
}

summary() { # kind
  local kind=$1 count late
  count=$(wc -l < "$work/$kind.times")
  late=$(grep -c 'not applied within' "$work/$kind.late" || true)
  if [ "$count" -gt 0 ]; then
    sort -n "$work/$kind.times" > "$work/$kind.sorted"
    printf '  %-12s p50 %5s ms, max %5s ms over %s applications on B and C; %s not applied within %s s\n' "$kind" \
      "$(awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' "$work/$kind.sorted")" "$(tail -1 "$work/$kind.sorted")" \
      "$count" "$late" "$TIMEOUT"
  else
    printf '  %-12s not applied within %s s on B or C (%s misses)\n' "$kind" "$TIMEOUT" "$late"
  fi
}

for kind in binding certificate hsts token; do
  echo "$kind: $CHANGES changes on A..."
  run_kind "$kind"
done

# What idle nodes cost the database.
sleep 5
statements=$(psql -d postgres -Atqc "select count(*) from pg_settings where name = 'shared_preload_libraries' and setting like '%pg_stat_statements%'")
if [ "$statements" = 1 ]; then
  psql -d "$db" -Atqc 'create extension if not exists pg_stat_statements' >/dev/null
  source_name="statements (pg_stat_statements.calls)"
  count_query="select coalesce(sum(calls), 0) from pg_stat_statements where dbid = (select oid from pg_database where datname = '$db')"
  count() { psql -d "$db" -Atqc "$count_query"; }
else
  source_name="transactions (pg_stat_database xact_commit + xact_rollback; pg_stat_statements is not preloaded)"
  count() { psql -d postgres -Atqc "select xact_commit + xact_rollback from pg_stat_database where datname = '$db'"; }
fi
before=$(count)
sleep "$IDLE"
after=$(count)
connections=$(psql -d postgres -Atqc "select count(*) from pg_stat_activity where datname = '$db'")
per_node=$(echo "scale=2; ($after - $before) / $IDLE / 3" | bc)

{
  echo "propagation from node A to B and C, three nodes on one PostgreSQL ($CHANGES changes per kind, $(nproc) cores, A's answer -> seen on B / C, polled every ~50 ms)"
  for kind in binding certificate hsts token; do summary "$kind"; done
  echo "idle cost of a node to the database over $IDLE s: $per_node $source_name per second per node; $connections connections held by the three nodes"
} | tee "$RESULTS/cluster-propagation.txt"
