#!/usr/bin/env bash
# Startup of `java -jar target/portal.jar` until the first HTTPS 200, median of N runs,
# for a first start (empty data directory: database created, certificate generated) and a
# warm start (existing data directory). Usage: bench/startup.sh [runs]
set -euo pipefail
source "$(dirname "$0")/common.sh"
RUNS=${1:-5}
build_portal
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # data-dir -> seconds
  local data=$1 web secure pid start end
  web=$(free_port); secure=$(free_port)
  start=$(date +%s.%N)
  java ${JAVA_ARGS:-} -jar "${RUN_JAR:-$JAR}" --portal.data-dir="$data" --portal.bindings.web.port="$web" \
    --portal.bindings.secure.port="$secure" > "$work/out.log" 2>&1 &
  pid=$!
  if ! wait_for_200 "https://127.0.0.1:$secure/" 60; then
    kill "$pid"; cat "$work/out.log" >&2; exit 1
  fi
  end=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$end - $start" | bc
}

# The same start from an extracted jar with a class data sharing archive, as
# docker/Dockerfile builds it.
java -Djarmode=tools -jar "$JAR" extract --destination "$work/app" > /dev/null
java -XX:ArchiveClassesAtExit="$work/app/portal.jsa" -Dspring.context.exit=onRefresh -jar "$work/app/portal.jar" \
  --portal.data-dir="$work/training" --portal.bindings.web.port="$(free_port)" \
  --portal.bindings.secure.port="$(free_port)" > "$work/training.log" 2>&1

first=(); warm=(); cds=()
for i in $(seq "$RUNS"); do
  rm -rf "$work/data"
  first+=("$(measure "$work/data")")
  warm+=("$(measure "$work/data")")
  cds+=("$(JAVA_ARGS="-XX:SharedArchiveFile=$work/app/portal.jsa" RUN_JAR="$work/app/portal.jar" measure "$work/data")")
done
f=$(printf '%s\n' "${first[@]}" | median)
w=$(printf '%s\n' "${warm[@]}" | median)
c=$(printf '%s\n' "${cds[@]}" | median)
{
  echo "startup to first HTTPS 200 ($(nproc) cores, $(java -version 2>&1 | head -1))"
  echo "  java -jar, first start (empty data dir): ${first[*]}  median ${f}s"
  echo "  java -jar, warm start (existing data):   ${warm[*]}  median ${w}s"
  echo "  extracted jar with AppCDS, warm start:   ${cds[*]}  median ${c}s"
} | tee "$RESULTS/startup.txt"
