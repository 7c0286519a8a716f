# Shared helpers for the benchmark scripts. Source it.
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="$ROOT/target/portal.jar"
RESULTS="$BENCH_DIR/results"
mkdir -p "$RESULTS"

build_portal() {
  if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/src" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]; then
    (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_for_200 URL TIMEOUT_SECONDS [PID]: until URL answers 200 (status 0), the timeout
# passes or process PID has ended (status 1)
wait_for_200() {
  local url=$1 deadline=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -le "$deadline" ]; do
    if [ -n "${3:-}" ] && ! kill -0 "$3" 2>/dev/null; then
      return 1
    fi
    if [ "$(curl -sk -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" = "200" ]; then
      return 0
    fi
    sleep 0.02
  done
  return 1
}

median() {
  sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'
}
