#!/usr/bin/env bash
# Queue-mode benchmark (not part of the tests or CI): the same selection run over N stored customers worked by 1, 2
# and 3 worker processes of the packaged service that share the run's segments over an SQS queue (ElasticMQ), all
# against one private ExtendDB on this machine. Prints customers/s for each (from the run's startedAt/finishedAt)
# and the CPU use of the workers and of the store, then a Markdown table for the README.
#
#   bench/queue-workers-benchmark.sh [--count 100000] [--workers "1 2 3"] [--threads 2]
#
#   --count N      customers (generated with --seed 1 and imported once per N, untimed; kept in .work/bench/queue-N/)
#   --workers LIST the numbers of worker processes to time, in order (default "1 2 3")
#   --threads T    segment workers per process (selektor.selection.workers; default 2)
# Needs what bin/run needs; builds the service when needed. The run date is 2026-11-26, the campaign winback-180.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/measure.sh

count=100000
worker_counts="1 2 3"
threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="${2:?}"; shift 2 ;;
    --workers) worker_counts="${2:?}"; shift 2 ;;
    --threads) threads="${2:?}"; shift 2 ;;
    *) sed -n '2,13p' "$0" >&2; exit 2 ;;
  esac
done

# A worker process may be gone (killed, or done) when its CPU time is read: count it as 0.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

jar=target/quarkus-app/quarkus-run.jar
[ -x node_modules/@extenddb/linux-x64/extenddb ] || npm ci --no-audit --no-fund
if [ ! -f "$jar" ] || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit)" ]; then
  echo "Building..."
  ./mvnw -q -B package -DskipTests
fi

work=".work/bench/queue-$count"
mkdir -p "$work"
store_port=$(free_port 18600)
sqs_port=$(free_port $((store_port + 1)))
store="http://127.0.0.1:$store_port"
auth=(-u editor:editor)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  ELASTICMQ_PORT="$sqs_port" bin/elasticmq stop >/dev/null || true
  EXTENDDB_PORT="$store_port" bin/extenddb stop >/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

EXTENDDB_PORT="$store_port" EXTENDDB_DATA="$work/extenddb.sqlite" bin/extenddb start
store_pid=$(cat ".work/extenddb/extenddb-$store_port.pid")
ELASTICMQ_PORT="$sqs_port" bin/elasticmq start

# start_instance NAME MODE: one service process; sets instance_port and instance_pid
start_instance() {
  instance_port=$(free_port 18700)
  java -Dquarkus.http.port="$instance_port" \
    -Dselektor.dynamodb.endpoint="$store" -Dselektor.dynamodb.region=us-east-1 \
    -Dselektor.dynamodb.access-key-id=AKIAIOSFODNN7EXAMPLE \
    -Dselektor.dynamodb.secret-access-key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
    -Dselektor.dynamodb.table-prefix=qbench- \
    -Dselektor.sqs.endpoint="http://127.0.0.1:$sqs_port" -Dselektor.sqs.region=us-east-1 \
    -Dselektor.sqs.access-key-id=bench -Dselektor.sqs.secret-access-key=bench -Dselektor.sqs.queue-prefix=qbench- \
    -Dselektor.selection.mode="$2" -Dselektor.selection.workers="$threads" \
    -Dselektor.outbox.relay-enabled=false \
    -jar "$jar" >"$work/$1.log" 2>&1 &
  instance_pid=$!
  pids+=("$instance_pid")
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$instance_port/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$instance_pid" 2>/dev/null || { echo "$1 stopped during start-up:" >&2; tail -30 "$work/$1.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "$1 did not become ready" >&2
  exit 1
}

stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

start_instance setup queue
base="http://127.0.0.1:$instance_port"
if [ ! -f "$work/loaded" ]; then
  echo "Generating and importing $count customers (not timed)..."
  bin/generate-customers --count "$count" --seed 1 --out "$work/customers.ndjson"
  answer=$(curl -sS "${auth[@]}" -X POST "$base/customers/import" -H 'Content-Type: application/x-ndjson' -H 'Expect:' \
    -T "$work/customers.ndjson")
  [ "$(json_field imported "$answer")" = "$count" ] || { echo "Import failed: ${answer:0:500}" >&2; exit 1; }
  rm -f "$work/customers.ndjson"
  date -u +%Y-%m-%d >"$work/loaded"
fi
curl -sf -o /dev/null "${auth[@]}" -X PUT "$base/campaigns/winback-180" -H 'Content-Type: application/json' \
  --data-binary @samples/campaigns/winback-180.json
stop_all

rows=()
for n in $worker_counts; do
  ports=()
  for i in $(seq 1 "$n"); do
    start_instance "worker-$n-$i" queue
    ports+=("$instance_port")
  done
  base="http://127.0.0.1:${ports[0]}"
  store_ticks=$(cpu_ticks "$store_pid")
  worker_ticks=0
  for pid in "${pids[@]}"; do worker_ticks=$((worker_ticks + $(cpu_ticks "$pid"))); done
  started=$(date +%s.%N)
  answer=$(curl -sS "${auth[@]}" -X POST "$base/campaigns/winback-180/selections" -H 'Content-Type: application/json' \
    --data-binary '{"runDate": "2026-11-26"}')
  run_id=$(json_field runId "$answer")
  [ -n "$run_id" ] || { echo "Starting the run failed: $answer" >&2; exit 1; }
  while :; do
    sleep 1
    view=$(curl -sf -m 10 "${auth[@]}" "$base/selections/$run_id") || continue
    [ "$(json_field status "$view")" = RUNNING ] || break
  done
  observed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.3f", b - a}')
  store_busy=$(busy_percent "$(( $(cpu_ticks "$store_pid") - store_ticks ))" "$observed")
  now_ticks=0
  for pid in "${pids[@]}"; do now_ticks=$((now_ticks + $(cpu_ticks "$pid"))); done
  workers_busy=$(busy_percent "$((now_ticks - worker_ticks))" "$observed")
  [ "$(json_field status "$view")" = COMPLETED ] || { echo "The run ended $(json_field status "$view"): $view" >&2; exit 1; }
  processed=$(json_field processed "$view")
  run_s=$(awk -v a="$(date -d "$(json_field startedAt "$view")" +%s.%N)" -v b="$(date -d "$(json_field finishedAt "$view")" +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
  rate=$(awk -v n="$processed" -v s="$run_s" 'BEGIN {printf "%.0f", n / s}')
  echo "$n worker process(es) x $threads threads: $processed customers in $run_s s = $rate customers/s; CPU: workers $workers_busy %, ExtendDB $store_busy % (of one core)"
  rows+=("| $n | $((n * threads)) | $rate | $run_s s | $workers_busy % | $store_busy % |")
  stop_all
done

cat <<TABLE

Queue mode over $count customers (winback-180, run date 2026-11-26), one ExtendDB $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' node_modules/@extenddb/linux-x64/package.json), ElasticMQ, $(date -u +%Y-%m-%d):

| worker processes | segment workers | customers/s | run time | CPU of the workers | CPU of ExtendDB |
|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${rows[@]}")

Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(java -version 2>&1 | head -n 1)
TABLE
