#!/usr/bin/env bash
# Startup to first decision: milliseconds from launching `java -jar` on the packaged service until
# POST /campaigns/black-week-tech/decisions first answers 200 (the JVM, Quarkus, compiling dmn/ and rules/,
# the first store call, and one decision). Repeated --runs times; prints each run and the median.
# The store (ExtendDB, in memory, on its own port) is started once before the runs and is not timed; an
# untimed first start of the service defines the campaign from samples/campaigns/ in it. Builds the jar
# if missing or older than the sources. Not a test: `mvn test` and CI never run it. Run from anywhere in a clone:
#   bench/startup-to-first-decision.sh [--runs 3] [--port 18080] [--store-port 18081] [--timeout 120] [--lambda]
# --lambda times the Lambda function instead (./mvnw -Plambda package): a fresh JVM with the function's jar loads
# the handler of deploy/aws/template.yaml, as the Lambda Java runtime does, and hands it one API Gateway event for the
# decision (bench/src/lambda/java/dev/selektor/bench/LambdaColdStart.java); the figure runs from the JVM's start to
# the answer. A cold start on this machine without SnapStart, not Lambda's own figure.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
port=18080
store_port=""
timeout_s=120
lambda=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --store-port) store_port="$2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    --lambda) lambda=true; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1; known: --runs N --port P --store-port P --timeout S --lambda" >&2; exit 2 ;;
  esac
done
store_port="${store_port:-$((port + 1))}"

jar=target/quarkus-app/quarkus-run.jar
base="http://127.0.0.1:$port"
url="$base/campaigns/black-week-tech/decisions"
body='{"customer": {"customerId": "C-000123", "segment": "REGULAR", "country": "DE", "birthDate": "1988-02-14", "memberSince": "2019-03-01", "marketingConsent": true, "fraudFlag": false, "orders12m": 7, "revenue12m": 845.50, "returnRate12m": 0.12, "lastOrderDate": "2026-10-30", "categories": ["fashion", "electronics"]}, "runDate": "2026-11-26"}'
log=$(mktemp "${TMPDIR:-/tmp}/selektor-startup.XXXXXX")
app_pid=""
store_started=""

# Always stop what we started, by process id, also when a run fails or the script is interrupted.
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
cleanup() {
  stop_app
  if [ -n "$store_started" ]; then
    EXTENDDB_PORT="$store_port" bin/extenddb stop >/dev/null || true
  fi
  rm -f "$log"
}
trap cleanup EXIT
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
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

[ -x node_modules/@extenddb/linux-x64/extenddb ] || npm ci --no-audit --no-fund
# As bin/run does: (re)build when the jar is missing or older than the sources, so the figure is for this code.
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  ./mvnw -q -B package -DskipTests
fi

# Checked after the build, right before starting: a server already on a port would answer for ours and make
# every figure meaningless.
for p in "$port" "$store_port"; do
  if port_in_use "$p"; then
    echo "Port $p is already in use; pick others with --port and --store-port" >&2
    exit 1
  fi
done

if $lambda; then
  function_jar=target/lambda/selektor-0.1.0-SNAPSHOT-runner.jar
  if [ ! -f "$function_jar" ] || [ ! -f target/lambda/test-classes/dev/selektor/bench/LambdaColdStart.class ] \
      || [ -n "$(find src bench/src/lambda pom.xml -newer "$function_jar" -print -quit)" ]; then
    ./mvnw -q -B -Plambda package -DskipTests
  fi
fi

store_started=yes
EXTENDDB_PORT="$store_port" EXTENDDB_DATA=":memory:" bin/extenddb start >/dev/null
sleep 0.5
EXTENDDB_PORT="$store_port" bin/extenddb status >/dev/null || { echo "Our ExtendDB on port $store_port is not running" >&2; exit 1; }

# The service as bin/run starts it, against the local store (ExtendDB takes only AWS's documented example keys).
start_app() {
  java -Dquarkus.http.port="$port" \
    -Dselektor.dynamodb.endpoint="http://127.0.0.1:$store_port" \
    -Dselektor.dynamodb.region=us-east-1 \
    -Dselektor.dynamodb.access-key-id=AKIAIOSFODNN7EXAMPLE \
    -Dselektor.dynamodb.secret-access-key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
    -Dselektor.dynamodb.table-prefix=selektor-bench- \
    -jar "$jar" >"$log" 2>&1 &
  app_pid=$!
}

fail_with_log() {
  echo "$1; the service's log:" >&2
  cat "$log" >&2
  exit 1
}

# Untimed: create the tables and define the campaign, so that the timed starts find them as a deployed service would.
prepare_store() {
  start_app
  for _ in $(seq 1 $((timeout_s * 5))); do
    curl -sf -o /dev/null "$base/q/health/ready" && break
    kill -0 "$app_pid" 2>/dev/null || fail_with_log "The service exited during start-up"
    sleep 0.2
  done
  curl -sf -o /dev/null -u editor:editor -X PUT "$base/campaigns/black-week-tech" -H 'Content-Type: application/json' \
    --data-binary @samples/campaigns/black-week-tech.json || fail_with_log "Could not define the campaign black-week-tech"
  stop_app
}

# Sets elapsed_ms: one cold start of the function and its first decision, timed inside its JVM from the JVM's start.
one_lambda_run() {
  java -Dselektor.dynamodb.endpoint="http://127.0.0.1:$store_port" \
    -Dselektor.dynamodb.region=us-east-1 \
    -Dselektor.dynamodb.access-key-id=AKIAIOSFODNN7EXAMPLE \
    -Dselektor.dynamodb.secret-access-key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
    -Dselektor.dynamodb.table-prefix=selektor-bench- \
    -Dselektor.outbox.relay-enabled=false \
    -cp "target/lambda/test-classes:$function_jar" dev.selektor.bench.LambdaColdStart "$body" >"$log" 2>&1 \
    || fail_with_log "The function's cold start failed"
  elapsed_ms=$(sed -n 's/^cold-start-ms=\([0-9]*\) ok=true$/\1/p' "$log")
  [ -n "$elapsed_ms" ] || fail_with_log "The function printed no figure"
}

# Sets elapsed_ms; runs in this shell (not in $(...)) so that cleanup knows the pid to stop.
one_run() {
  local start status
  if $lambda; then
    one_lambda_run
    return 0
  fi
  start=$(now_ms)
  start_app
  while :; do
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -u checkout:checkout -X POST -H 'Content-Type: application/json' \
      --data "$body" "$url" || true)
    if [ "$status" = "200" ]; then
      elapsed_ms=$(( $(now_ms) - start ))
      kill -0 "$app_pid" 2>/dev/null || fail_with_log "A 200 came, but not from our service, which has exited"
      return 0
    fi
    kill -0 "$app_pid" 2>/dev/null || fail_with_log "The service exited before answering"
    if [ $(( $(now_ms) - start )) -gt $(( timeout_s * 1000 )) ]; then
      fail_with_log "No 200 from $url within ${timeout_s}s (last status: ${status:-none})"
    fi
    sleep 0.02
  done
}

prepare_store
results=()
for i in $(seq 1 "$runs"); do
  one_run
  stop_app
  results+=("$elapsed_ms")
  echo "Run $i: JVM start to first decision$($lambda && echo " (Lambda function)"): $elapsed_ms ms"
done

sorted=($(printf '%s\n' "${results[@]}" | sort -n))
n=${#sorted[@]}
if [ $((n % 2)) -eq 1 ]; then
  median=${sorted[$((n / 2))]}
else
  median=$(( (sorted[n / 2 - 1] + sorted[n / 2]) / 2 ))
fi
echo "JVM start to first decision$($lambda && echo " (Lambda function handler, no SnapStart)"): median $median ms over $n runs (${results[*]} ms); java: $(java -version 2>&1 | head -1)"
