#!/usr/bin/env bash
# Server CPU per request, requests/s, keep-alive, HTTP/2, memory and start time of one or
# more portal builds against a bare Spring Boot app (bench/bare-app) serving the same bytes
# with the same certificate (EC P-256, TLS 1.3), all measured in one run:
#
#   - start -> first HTTPS 200 of GET / (median of STARTS starts, servers alternating;
#     the portal keeps its data directory between starts, so all but the first are warm);
#   - for the anonymous home page (/), the sign-in page (/login), the static file
#     (/portal.css) and the signed-in dashboard (/ with a session cookie): HTTPS keep-alive
#     requests/s (wrk -t1) and the server's CPU time per request (utime+stime of the
#     server process from /proc over the wrk run, divided by the requests), median of
#     ROUNDS rounds in which the servers alternate. Every response is checked by wrk
#     (status 200 and the body length of the page captured before the run; the sign-in
#     page carries a fresh CSRF token of the same length each time) and each URL is
#     fetched with curl before and after and compared byte for byte;
#   - keep-alive: the TCP connections curl opens for 10,000 requests of /portal.css
#     (1 when the server keeps the connection open);
#   - HTTP/2: h2load over TLS (ALPN h2), requests/s and all answered 200;
#   - RSS of each server after the load, and again after IDLE seconds without requests.
#
# Usage: bench/performance.sh [JAR[,JVM-OPTIONS] ...]
#   default: target/portal.jar (built if needed). Several jars are measured side by side,
#   for example the build before a change and after it:
#     bench/performance.sh /tmp/portal-before.jar target/portal.jar
#     bench/performance.sh target/portal.jar 'target/portal.jar,MALLOC_ARENA_MAX=2 -XX:+UseSerialGC -Xmx160m'
# Environment: ROUNDS (3), WARMUP seconds per URL and server (20: the portal's JIT needs it), MEASURE seconds per
# round (5), CONNECTIONS (16), STARTS (3), IDLE (0: no idle RSS), QUICK=1 (1 round, 5 s
# warm-up, 3 s measure, 1 start).
set -euo pipefail
source "$(dirname "$0")/common.sh"
if [ "${QUICK:-0}" = 1 ]; then
  ROUNDS=${ROUNDS:-1}; WARMUP=${WARMUP:-5}; MEASURE=${MEASURE:-3}; STARTS=${STARTS:-1}
fi
ROUNDS=${ROUNDS:-3}; WARMUP=${WARMUP:-20}; MEASURE=${MEASURE:-5}; CONNECTIONS=${CONNECTIONS:-16}
STARTS=${STARTS:-3}; IDLE=${IDLE:-0}
for tool in wrk curl openssl h2load bc python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install wrk nghttp2-client bc)" >&2; exit 1; }
done
specs=("$@")
if [ ${#specs[@]} -eq 0 ]; then
  build_portal
  specs=("$JAR")
fi
(cd "$BENCH_DIR/bare-app" && "$ROOT/mvnw" -q -B package -DskipTests)
BARE_JAR="$BENCH_DIR/bare-app/target/bare-app.jar"
PASSWORD=bench-password-$$
HZ=$(getconf CLK_TCK)
work=$(mktemp -d)
declare -A PID PORT CMD LOG
cleanup() {
  for s in "${!PID[@]}"; do kill "${PID[$s]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
bundle=(--spring.ssl.bundle.pem.bench.keystore.certificate="file:$work/cert.pem"
  --spring.ssl.bundle.pem.bench.keystore.private-key="file:$work/key.pem")

# Servers: "bare" and one per jar ("p1", "p2", ...), each with its label and command line.
servers=(bare)
declare -A LABEL
LABEL[bare]="bare Spring Boot app"
i=0
for spec in "${specs[@]}"; do
  i=$((i + 1)); s=p$i
  jar=${spec%%,*}; opts=""
  [ "$jar" != "$spec" ] && opts=${spec#*,}
  [ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 1; }
  servers+=("$s")
  LABEL[$s]="$(basename "$jar")${opts:+ $opts}"
  PORT[$s]=$(free_port)
  # Leading NAME=VALUE words of the options are environment variables (MALLOC_ARENA_MAX=2).
  envs=""; jvm=""
  for word in $opts; do
    if [ -z "$jvm" ] && [[ "$word" =~ ^[A-Z_]+= ]]; then envs+="$word "; else jvm+="$word "; fi
  done
  CMD[$s]="env $envs java $jvm -jar $jar --portal.data-dir=$work/data-$s --portal.bindings.web.port=$(free_port)
    --portal.bindings.secure.port=${PORT[$s]} --portal.bindings.secure.ssl-bundle=bench ${bundle[*]} --logging.level.root=WARN"
done
PORT[bare]=$(free_port)
mkdir -p "$work/pages" "$work/static"
# The bare app keeps connections open as the portal does, so that both pay for the same
# number of TLS handshakes and the comparison is of request handling.
CMD[bare]="java -jar $BARE_JAR --server.port=${PORT[bare]} --server.ssl.bundle=bench ${bundle[*]} --server.http2.enabled=true
  --server.tomcat.max-keep-alive-requests=-1
  --bench.page=$work/pages/home.html --bench.pages=$work/pages --spring.web.resources.static-locations=file:$work/static/
  --logging.level.root=WARN"

now() { date +%s.%N; }

# start SERVER: launches it and sets ELAPSED to the seconds until its first HTTPS 200 of GET /
start() {
  local s=$1 t0
  LOG[$s]="$work/$s.log"
  t0=$(now)
  PORTAL_ADMIN_PASSWORD=$PASSWORD setsid ${CMD[$s]} > "${LOG[$s]}" 2>&1 &
  PID[$s]=$!
  if ! wait_for_200 "https://127.0.0.1:${PORT[$s]}/" 120; then
    echo "${LABEL[$s]} did not answer 200 within 120 s:" >&2; cat "${LOG[$s]}" >&2; exit 1
  fi
  ELAPSED=$(printf '%.2f' "$(echo "$(now) - $t0" | bc)")
}

stop() {
  kill "${PID[$1]}" 2>/dev/null || true
  wait "${PID[$1]}" 2>/dev/null || true
  unset "PID[$1]"
}

# CPU ticks (user + system) used so far by a process.
ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# --- start time ------------------------------------------------------------------------
declare -A STARTUP
echo "start -> first HTTPS 200, $STARTS start(s) per server..."
for r in $(seq "$STARTS"); do
  for s in "${servers[@]}"; do
    if [ "$s" = bare ]; then printf '<html></html>' > "$work/pages/home.html"; fi
    start "$s"
    STARTUP[$s]+="$ELAPSED "
    stop "$s"
  done
done

# --- the pages under test --------------------------------------------------------------
for s in "${servers[@]}"; do
  [ "$s" = bare ] || start "$s"
done
ref=${servers[1]}
base="https://127.0.0.1:${PORT[$ref]}"
# Sign in on each portal: a session cookie for the dashboard.
declare -A COOKIE
for s in "${servers[@]:1}"; do
  jar_cookies="$work/cookies-$s"
  token=$(curl -sk -c "$jar_cookies" "https://127.0.0.1:${PORT[$s]}/login" | sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' | head -1)
  code=$(curl -sk -b "$jar_cookies" -c "$jar_cookies" -o /dev/null -w '%{http_code}' \
    --data-urlencode "username=admin" --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$token" \
    "https://127.0.0.1:${PORT[$s]}/login")
  [ "$code" = 302 ] || { echo "sign-in on ${LABEL[$s]} answered $code" >&2; exit 1; }
  COOKIE[$s]="JSESSIONID=$(awk '$6 == "JSESSIONID" {print $7}' "$jar_cookies")"
done
# The bytes the bare app serves: those of the first portal.
curl -sk "$base/" -o "$work/pages/home.html"
curl -sk "$base/login" -o "$work/pages/login.html"
curl -sk -H "Cookie: ${COOKIE[$ref]}" "$base/" -o "$work/pages/dashboard.html"
curl -sk "$base/portal.css" -o "$work/static/portal.css"
grep -q 'action="/logout"\|/logout' "$work/pages/dashboard.html" || { echo "the dashboard capture is not signed in" >&2; exit 1; }
start bare

pages=(home login static dashboard)
declare -A PAGE_TITLE=([home]="anonymous home page /" [login]="sign-in page /login" [static]="static file /portal.css"
  [dashboard]="signed-in dashboard /")
url() { # SERVER PAGE
  case $2 in
    home) echo "https://127.0.0.1:${PORT[$1]}/" ;;
    login) echo "https://127.0.0.1:${PORT[$1]}/login" ;;
    static) echo "https://127.0.0.1:${PORT[$1]}/portal.css" ;;
    dashboard) if [ "$1" = bare ]; then echo "https://127.0.0.1:${PORT[$1]}/dashboard"; else echo "https://127.0.0.1:${PORT[$1]}/"; fi ;;
  esac
}
cookie() { [ "$2" = dashboard ] && [ "$1" != bare ] && echo "${COOKIE[$1]}" || true; }
# A page with its CSRF tokens blanked: the same bytes each time.
normalize() { sed -E 's/(name="_csrf"[^>]*value=")[^"]*/\1/g; s/(content=")[A-Za-z0-9_=-]{40,}"/\1"/g'; }
reference() { # SERVER PAGE -> the file it must serve
  case $2 in
    home) echo "$work/pages/home.html" ;; login) echo "$work/pages/login.html" ;;
    static) echo "$work/static/portal.css" ;; dashboard) echo "$work/pages/dashboard.html" ;;
  esac
}
check_bytes() { # SERVER PAGE: fetched once, compared with the reference
  local c; c=$(cookie "$1" "$2")
  if ! cmp -s <(curl -sk ${c:+-H "Cookie: $c"} "$(url "$1" "$2")" | normalize) <(normalize < "$(reference "$1" "$2")"); then
    if [ "$1" = bare ] || [ "$1" = "$ref" ]; then
      echo "FAILED: ${LABEL[$1]} ${PAGE_TITLE[$2]} differs from the captured page" >&2; exit 1
    fi
    echo "note: ${LABEL[$1]} ${PAGE_TITLE[$2]} is not byte-identical to ${LABEL[$ref]}'s (another build); its own length is checked" >&2
  fi
}

cat > "$work/check.lua" <<'LUA'
-- Counts responses that are not 200 with the expected body length.
local expected = tonumber(os.getenv("EXPECT_BYTES"))
local cookie = os.getenv("WRK_COOKIE")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body)
  if status ~= 200 or #body ~= expected then bad = bad + 1 end
end
function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("bad") end
  io.write(string.format("CHECK requests=%d bad=%d errors=%d\n", summary.requests, n,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
LUA

# measure SERVER PAGE SECONDS -> "req/s µs-per-request"
measure() {
  local s=$1 page=$2 secs=$3 c expect out before after requests bad rps
  c=$(cookie "$s" "$page")
  expect=$(curl -sk ${c:+-H "Cookie: $c"} "$(url "$s" "$page")" | wc -c)
  before=$(ticks "${PID[$s]}")
  out=$(EXPECT_BYTES=$expect WRK_COOKIE=$c wrk -t1 -c"$CONNECTIONS" -d"${secs}s" -s "$work/check.lua" "$(url "$s" "$page")")
  after=$(ticks "${PID[$s]}")
  requests=$(echo "$out" | sed -n 's/^CHECK requests=\([0-9]*\).*/\1/p')
  bad=$(echo "$out" | sed -n 's/^CHECK .*bad=\([0-9]*\) errors=\([0-9]*\)/\1+\2/p' | bc)
  if [ "$bad" != 0 ]; then
    echo "FAILED: ${LABEL[$s]} ${PAGE_TITLE[$page]}: $bad of $requests responses not 200 with $expect bytes" >&2
    echo "$out" >&2; exit 1
  fi
  rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  echo "$rps $(echo "($after - $before) * 1000000 / $HZ / $requests" | bc)"
}

for s in "${servers[@]}"; do for p in "${pages[@]}"; do check_bytes "$s" "$p"; done; done
echo "warming up (${WARMUP}s per page and server)..."
for p in "${pages[@]}"; do for s in "${servers[@]}"; do measure "$s" "$p" "$WARMUP" > /dev/null; done; done
declare -A RPS CPU
for r in $(seq "$ROUNDS"); do
  echo "round $r of $ROUNDS..."
  for p in "${pages[@]}"; do
    for s in "${servers[@]}"; do
      read -r rps cpu < <(measure "$s" "$p" "$MEASURE")
      RPS[$s.$p]+="$rps "; CPU[$s.$p]+="$cpu "
    done
  done
done
for s in "${servers[@]}"; do for p in "${pages[@]}"; do check_bytes "$s" "$p"; done; done
declare -A RSS_LOAD RSS_IDLE
for s in "${servers[@]}"; do RSS_LOAD[$s]=$(rss_mib "${PID[$s]}"); done

# --- keep-alive and HTTP/2 -------------------------------------------------------------
declare -A CONNS H2
for s in "${servers[@]}"; do
  u=$(url "$s" static)
  for n in $(seq 10000); do echo "url = \"$u\""; echo "output = /dev/null"; done > "$work/curl-$s.cfg"
  CONNS[$s]=$(curl -sk --http1.1 -K "$work/curl-$s.cfg" -w '%{http_code} %{num_connects}\n' \
    | awk '$1 == 200 {ok++} {c += $2} END {printf "%d of %d answered 200, %d connection(s)", ok, NR, c}')
  out=$(h2load -n 20000 -c "$CONNECTIONS" -m 10 "$u" 2>&1 || true)
  if echo "$out" | grep -q "20000 succeeded" && echo "$out" | grep -q "status codes: 20000 2xx"; then
    H2[$s]="$(echo "$out" | awk '/^finished in/ {printf "%.0f req/s", $4}'), all 20000 answered 2xx"
  else
    H2[$s]="no HTTP/2 ($(echo "$out" | grep -m1 -i 'no protocol\|failed\|error' || echo "$out" | tail -1))"
  fi
done
if [ "$IDLE" -gt 0 ]; then
  echo "idle for ${IDLE}s..."
  sleep "$IDLE"
  for s in "${servers[@]}"; do RSS_IDLE[$s]=$(rss_mib "${PID[$s]}"); done
fi

# --- report ----------------------------------------------------------------------------
med() { printf '%s\n' $1 | median; }
{
  echo "bench/performance.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg),"
  echo "$(java -version 2>&1 | head -1); wrk -t1 -c$CONNECTIONS, warm-up ${WARMUP}s, ${ROUNDS} round(s) of ${MEASURE}s, servers alternating"
  for s in "${servers[@]}"; do echo "  $s = ${LABEL[$s]}"; done
  echo
  printf '%-30s' "start -> first HTTPS 200 (s)"
  for s in "${servers[@]}"; do printf ' | %-24s' "$s $(med "${STARTUP[$s]}") [${STARTUP[$s]% }]"; done; echo
  for p in "${pages[@]}"; do
    bytes=$(wc -c < "$(reference bare "$p")")
    echo "${PAGE_TITLE[$p]} ($bytes bytes)"
    bare_cpu=$(med "${CPU[bare.$p]}")
    for s in "${servers[@]}"; do
      cpu=$(med "${CPU[$s.$p]}")
      printf '  %-4s %8s req/s %6s µs CPU/request  ×%s of bare   [µs: %s]\n' "$s" "$(med "${RPS[$s.$p]}")" "$cpu" \
        "$(echo "scale=2; $cpu / $bare_cpu" | bc)" "${CPU[$s.$p]% }"
    done
  done
  echo "RSS after the load (MiB):   $(for s in "${servers[@]}"; do printf '%s %s  ' "$s" "${RSS_LOAD[$s]}"; done)"
  if [ "$IDLE" -gt 0 ]; then
    echo "RSS after ${IDLE}s idle (MiB): $(for s in "${servers[@]}"; do printf '%s %s  ' "$s" "${RSS_IDLE[$s]}"; done)"
  fi
  echo "keep-alive, 10,000 requests of /portal.css by one curl (HTTP/1.1):"
  for s in "${servers[@]}"; do echo "  $s: ${CONNS[$s]}"; done
  echo "HTTP/2, h2load -n 20000 -c $CONNECTIONS -m 10 /portal.css:"
  for s in "${servers[@]}"; do echo "  $s: ${H2[$s]}"; done
} | tee "$RESULTS/performance.txt"
