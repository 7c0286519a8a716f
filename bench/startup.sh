#!/usr/bin/env bash
# Start → first HTTPS 200 of GET /, against a bare Spring Boot app (bench/bare-app) started
# the same way on the same JVM, servers alternating in every round; medians of RUNS rounds
# and the ratios to the bare app. Also the CPU time (user + system, all threads) the process
# had used by then, which the load of other processes on the machine disturbs less.
#
#   portal, java -jar, first start   empty data directory: database created, certificate and
#                                    administrator generated
#   portal, java -jar, warm start    existing data directory
#   portal, shipped launch           the extracted jar with the JVM's archive of a training
#                                    run and the README's JVM settings (serial collector,
#                                    160 MiB heap), as docker/Dockerfile and the README's fast
#                                    start build it: with JAVA_AOT (a JDK 25 or newer) its AOT
#                                    cache (-XX:AOTCacheOutput/-XX:AOTCache), with JAVA alone
#                                    an AppCDS archive
#   bare app, java -jar              on JAVA, and on JAVA_AOT when that is another JVM
#
# JAVA (default: java on the PATH) runs the plain starts; JAVA_AOT (default: Temurin 25 where
# it is installed) the shipped launch. Usage: bench/startup.sh [runs]
set -euo pipefail
source "$(dirname "$0")/common.sh"
RUNS=${1:-5}
JAVA=${JAVA:-java}
if [ -z "${JAVA_AOT+x}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  JAVA_AOT=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi
JAVA_AOT=${JAVA_AOT:-$JAVA}
build_portal
(cd "$BENCH_DIR/bare-app" && "$ROOT/mvnw" -q -B package -DskipTests)
BARE_JAR="$BENCH_DIR/bare-app/target/bare-app.jar"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The bare app serves a small page over a PEM bundle, as the portal serves its home page.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=localhost" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
printf '<html></html>' > "$work/home.html"
bare_args() {
  echo "--server.port=$1 --server.ssl.bundle=bench --spring.ssl.bundle.pem.bench.keystore.certificate=file:$work/cert.pem" \
    "--spring.ssl.bundle.pem.bench.keystore.private-key=file:$work/key.pem --bench.page=$work/home.html"
}
portal_args() { echo "--portal.data-dir=$2 --portal.bindings.web.port=$(free_port) --portal.bindings.secure.port=$1"; }

# measure NAME COMMAND... (the command's arguments may use $PORT and $DATA) -> "wall cpu"
measure() {
  local port pid start end ticks
  port=$(free_port)
  start=$(date +%s.%N)
  eval "exec ${*//\$PORT/$port}" > "$work/out.log" 2>&1 &
  pid=$!
  if ! wait_for_200 "https://127.0.0.1:$port/" 300 "$pid"; then
    kill "$pid" 2>/dev/null; cat "$work/out.log" >&2; exit 1
  fi
  end=$(date +%s.%N)
  ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf "%.2f %.2f\n" "$(echo "$end - $start" | bc)" "$(echo "scale=2; $ticks / $(getconf CLK_TCK)" | bc)"
}

# The shipped launch: extract, then one training run that starts the portal and stops once
# its context is refreshed (Spring's spring.context.exit=onRefresh), recording what the JVM
# loaded and linked; then starts with the README's JVM settings and that archive.
"$JAVA_AOT" -Djarmode=tools -jar "$JAR" extract --destination "$work/app" > /dev/null
if "$JAVA_AOT" -XX:AOTMode=off -version > /dev/null 2>&1; then
  TRAIN_OPTS="-XX:AOTCacheOutput=$work/app/portal.aot"; RUN_OPTS="-XX:+UseSerialGC -Xms32m -Xmx160m -XX:TrimNativeHeapInterval=5000 -XX:AOTCache=$work/app/portal.aot"; KIND="AOT cache"
else
  TRAIN_OPTS="-XX:ArchiveClassesAtExit=$work/app/portal.jsa"; RUN_OPTS="-XX:+UseSerialGC -Xms32m -Xmx160m -XX:TrimNativeHeapInterval=5000 -XX:SharedArchiveFile=$work/app/portal.jsa"; KIND="AppCDS"
fi
"$JAVA_AOT" $TRAIN_OPTS -XX:+UseSerialGC -Xms32m -Xmx160m -Dspring.context.exit=onRefresh -jar "$work/app/portal.jar" --portal.data-dir="$work/training" \
  --portal.bindings.web.port="$(free_port)" --portal.bindings.secure.port="$(free_port)" > "$work/training.log" 2>&1 \
  || { cat "$work/training.log" >&2; exit 1; }

declare -A WALL CPU
NAMES=("bare app, java -jar" "portal, java -jar, first start" "portal, java -jar, warm start"
  "portal, shipped launch ($KIND), warm")
same_jvm=1
[ "$(command -v "$JAVA_AOT")" = "$(command -v "$JAVA")" ] || { same_jvm=0; NAMES+=("bare app, java -jar, on the shipped launch's JVM"); }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq "$RUNS"); do
  rm -rf "$work/data"
  r=(
    "$(measure "$JAVA" -jar "$BARE_JAR" "$(bare_args '$PORT')")"
    "$(measure "$JAVA" -jar "$JAR" "$(portal_args '$PORT' "$work/data")")"
    "$(measure "$JAVA" -jar "$JAR" "$(portal_args '$PORT' "$work/data")")"
    "$(measure "$JAVA_AOT" "$RUN_OPTS" -jar "$work/app/portal.jar" "$(portal_args '$PORT' "$work/data")")"
  )
  [ "$same_jvm" = 1 ] || r+=("$(measure "$JAVA_AOT" -jar "$BARE_JAR" "$(bare_args '$PORT')")")
  for x in "${r[@]}"; do [ -n "$x" ] || { echo "a start failed (its log is above)" >&2; exit 1; }; done
  for j in "${!r[@]}"; do
    WALL[$j]+="${r[$j]% *} "; CPU[$j]+="${r[$j]#* } "
  done
  echo "round $i: ${r[*]} (load $(cut -d' ' -f1 /proc/loadavg))" >&2
done

med() { tr ' ' '\n' | grep . | median; }
{
  echo "start to first HTTPS 200 of GET /, medians of $RUNS rounds, servers alternating ($(nproc) cores,"
  echo "load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "  plain starts: $("$JAVA" -version 2>&1 | head -1); shipped launch: $("$JAVA_AOT" -version 2>&1 | head -1)"
  bare_wall=$(echo "${WALL[0]}" | med); bare_cpu=$(echo "${CPU[0]}" | med)
  aot_bare_wall=$bare_wall; aot_bare_cpu=$bare_cpu
  if [ "$same_jvm" = 0 ]; then aot_bare_wall=$(echo "${WALL[4]}" | med); aot_bare_cpu=$(echo "${CPU[4]}" | med); fi
  for j in "${!NAMES[@]}"; do
    w=$(echo "${WALL[$j]}" | med); c=$(echo "${CPU[$j]}" | med)
    bw=$bare_wall; bc_=$bare_cpu
    if [ "$j" -ge 3 ]; then bw=$aot_bare_wall; bc_=$aot_bare_cpu; fi
    printf '  %-52s %6ss (x%s of bare)  CPU %6ss (x%s)   [s: %s] [CPU: %s]\n' "${NAMES[$j]}" "$w" \
      "$(echo "scale=2; $w / $bw" | bc)" "$c" "$(echo "scale=2; $c / $bc_" | bc)" "${WALL[$j]% }" "${CPU[$j]% }"
  done
} | tee "$RESULTS/startup.txt"
