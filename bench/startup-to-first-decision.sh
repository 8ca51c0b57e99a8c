#!/usr/bin/env bash
# Startup to first decision: milliseconds from launching `java -jar` on the packaged service until
# POST /campaigns/black-week-tech/decisions first answers 200 (the JVM, Quarkus, compiling dmn/ and
# rules/, checking the DynamoDB tables, and one decision). It runs its own ExtendDB (a temporary data file) and
# defines the campaign once before the timed runs, so each run starts against existing tables, as in production. Repeated --runs times; prints each run and the median. Builds the jar if
# missing. Not a test: `mvn test` and CI never run it. Run from anywhere in a clone:
#   bench/startup-to-first-decision.sh [--runs 3] [--port 18080] [--timeout 60]
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
port=18080
timeout_s=60
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "unknown option $1; known: --runs N --port P --timeout S" >&2; exit 2 ;;
  esac
done

jar=target/quarkus-app/quarkus-run.jar
url="http://127.0.0.1:$port/campaigns/black-week-tech/decisions"
body='{"customer": {"customerId": "C-000123", "segment": "REGULAR", "country": "DE", "birthDate": "1988-02-14", "memberSince": "2019-03-01", "marketingConsent": true, "fraudFlag": false, "orders12m": 7, "revenue12m": 845.50, "returnRate12m": 0.12, "lastOrderDate": "2026-10-30", "categories": ["fashion", "electronics"]}, "runDate": "2026-11-26"}'
log=$(mktemp "${TMPDIR:-/tmp}/selektor-startup.XXXXXX")
app_pid=""

# Always stop the service we started, by its pid, also when a run fails or the script is interrupted.
stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$app_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}
store_port=$((port + 1))
store_data=$(mktemp "${TMPDIR:-/tmp}/selektor-startup-store.XXXXXX")
rm -f "$store_data"
trap 'stop_app; rm -f "$log" "$store_data"*; EXTENDDB_PORT=$store_port bin/extenddb stop >/dev/null' EXIT
trap 'exit 130' INT TERM

# Wall-clock milliseconds; EPOCHREALTIME (bash 5) avoids starting a process for each reading.
now_ms() {
  if [ -n "${EPOCHREALTIME:-}" ]; then
    local us=${EPOCHREALTIME//[!0-9]/}
    echo $((us / 1000))
  else
    date +%s%3N
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  ./mvnw -q -B package -DskipTests
fi

# A server already on the port would answer for us and make every figure meaningless.
if port_in_use; then
  echo "Port $port is already in use; pick another with --port" >&2
  exit 1
fi

# Sets elapsed_ms; runs in this shell (not in $(...)) so the EXIT trap knows the pid to stop.
one_run() {
  local start status
  start=$(now_ms)
  java -Dquarkus.http.port="$port" \
    -Dselektor.dynamodb.endpoint="http://127.0.0.1:$store_port" -Dselektor.dynamodb.region=us-east-1 \
    -Dselektor.dynamodb.access-key-id=AKIAIOSFODNN7EXAMPLE \
    -Dselektor.dynamodb.secret-access-key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
    -jar "$jar" >"$log" 2>&1 &
  app_pid=$!
  while :; do
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X POST -H 'Content-Type: application/json' \
      --data "$body" "$url" || true)
    if [ "$status" = "200" ]; then
      elapsed_ms=$(( $(now_ms) - start ))
      return 0
    fi
    if ! kill -0 "$app_pid" 2>/dev/null; then
      echo "The service exited before answering; its log:" >&2
      cat "$log" >&2
      return 1
    fi
    if [ $(( $(now_ms) - start )) -gt $(( timeout_s * 1000 )) ]; then
      echo "No 200 from $url within ${timeout_s}s (last status: ${status:-none}); the service's log:" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.02
  done
}

EXTENDDB_PORT=$store_port EXTENDDB_DATA="$store_data" bin/extenddb start >/dev/null
# Untimed first start: creates the tables; then the campaign the timed runs ask about.
one_run_until_ready() {
  java -Dquarkus.http.port="$port" \
    -Dselektor.dynamodb.endpoint="http://127.0.0.1:$store_port" -Dselektor.dynamodb.region=us-east-1 \
    -Dselektor.dynamodb.access-key-id=AKIAIOSFODNN7EXAMPLE \
    -Dselektor.dynamodb.secret-access-key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
    -jar "$jar" >"$log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 $((timeout_s * 10))); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready" && return 0
    sleep 0.1
  done
  echo "The service did not become ready; its log:" >&2
  cat "$log" >&2
  return 1
}
one_run_until_ready
curl -sf -o /dev/null -X PUT -H 'Content-Type: application/json' --data-binary @samples/campaigns/black-week-tech.json \
  "http://127.0.0.1:$port/campaigns/black-week-tech"
stop_app

results=()
for i in $(seq 1 "$runs"); do
  one_run
  stop_app
  results+=("$elapsed_ms")
  echo "Run $i: JVM start to first decision: $elapsed_ms ms"
done

sorted=($(printf '%s\n' "${results[@]}" | sort -n))
n=${#sorted[@]}
if [ $((n % 2)) -eq 1 ]; then
  median=${sorted[$((n / 2))]}
else
  median=$(( (sorted[n / 2 - 1] + sorted[n / 2]) / 2 ))
fi
echo "JVM start to first decision: median $median ms over $n runs (${results[*]} ms); java: $(java -version 2>&1 | head -1)"
