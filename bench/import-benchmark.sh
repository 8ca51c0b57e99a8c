#!/usr/bin/env bash
# Import benchmark (not part of `mvn test` or CI). Measures, against a private local ExtendDB:
#   1. POST /customers/import of N synthetic customers (bin/generate-customers --seed 1): lines/s from the
#      answer's "imported" count, and the service's peak RSS (VmHWM) and peak JVM heap used (sampled every second
#      from /q/metrics) while it runs;
#   2. the ceiling: a bare AWS SDK v2 BatchWriteItem loop
#      (bench/src/main/java/dev/selektor/bench/BatchWriteCeiling.java) writing the same items, 25 a call, with the
#      import's 4 batches in flight and single-threaded, each into a fresh table; items/s.
# It ends with a Markdown table for the README and the machine it ran on.
#
#   bench/import-benchmark.sh [--count N] [--xmx SIZE]
#
#   --count N    customers to import (default 1000000)
#   --xmx SIZE   the service's -Xmx (default: none, the JVM's own default of 1/4 of the RAM)
# Environment: EXTENDDB_PORT (default 18400) and PORT (default 18480); a port in use is replaced by the next free one.
# Needs what bin/run needs (JDK 17, Node.js/npm, curl); builds the application when needed. Generating and
# loading 1,000,000 customers takes a few GB of free disk in $TMPDIR and 3.5 GB of heap for the ceiling.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/measure.sh

count=1000000
xmx=""
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="${2:?--count needs a number}"; shift 2 ;;
    --xmx) xmx="${2:?--xmx needs a size, e.g. 512m}"; shift 2 ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
  esac
done
[[ "$count" =~ ^[1-9][0-9]*$ ]] || { echo "--count must be a positive whole number" >&2; exit 2; }

store_port=$(free_port "${EXTENDDB_PORT:-18400}")
port=$(free_port "${PORT:-18480}")
[ "$port" != "$store_port" ] || port=$(free_port $((store_port + 1)))
store="http://127.0.0.1:$store_port"
base="http://127.0.0.1:$port"

# --- build (only when something is missing or older than the sources) ---
[ -x node_modules/@extenddb/linux-x64/extenddb ] || npm ci --no-audit --no-fund
jar=target/quarkus-app/quarkus-run.jar
ceiling_class=target/test-classes/dev/selektor/bench/BatchWriteCeiling.class
if [ ! -f "$jar" ] || [ ! -f "$ceiling_class" ] \
    || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit)" ] \
    || [ -n "$(find bench/src/main -newer "$ceiling_class" -print -quit)" ]; then
  echo "Building..."
  ./mvnw -q -B package -DskipTests
fi
classpath_file=target/bench.classpath
if [ ! -s "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
fi

# --- private store, always stopped at the end ---
tmp=$(mktemp -d "${TMPDIR:-/tmp}/selektor-import-bench.XXXXXX")
service_pid=""
sampler_pid=""
stop_service() {
  if [ -n "$service_pid" ]; then
    kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true
    service_pid=""
  fi
}
cleanup() {
  [ -z "$sampler_pid" ] || kill "$sampler_pid" 2>/dev/null || true
  stop_service
  EXTENDDB_PORT="$store_port" bin/extenddb stop >/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A fresh SQLite file: every run starts from an empty store, so runs compare.
EXTENDDB_PORT="$store_port" EXTENDDB_DATA="$tmp/extenddb.sqlite" bin/extenddb start
store_pid=$(cat ".work/extenddb/extenddb-$store_port.pid")

file="$tmp/customers.ndjson"
printf 'Generating %d customers (not timed)...\n' "$count"
bin/generate-customers --count "$count" --seed 1 --out "$file"
printf '%s lines, %s MB\n' "$(wc -l <"$file")" "$(( $(stat -c %s "$file") / 1024 / 1024 ))"

# --- the service, with bin/run's store options and a table prefix of its own ---
java ${xmx:+"-Xmx$xmx"} -Dquarkus.http.port="$port" \
  -Dselektor.dynamodb.endpoint="$store" \
  -Dselektor.dynamodb.region=us-east-1 \
  -Dselektor.dynamodb.access-key-id=AKIAIOSFODNN7EXAMPLE \
  -Dselektor.dynamodb.secret-access-key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
  -Dselektor.dynamodb.table-prefix=bench- \
  -jar "$jar" >"$tmp/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 240); do
  curl -sf "$base/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$service_pid" 2>/dev/null || { echo "Selektor stopped during start-up:" >&2; cat "$tmp/service.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$base/q/health/ready" >/dev/null || { echo "Selektor did not become ready:" >&2; cat "$tmp/service.log" >&2; exit 1; }
max_heap_mb=$(( $(java ${xmx:+"-Xmx$xmx"} -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" {print $4}') / 1024 / 1024 ))
rss_ready_mb=$(( $(awk '/^VmRSS:/ {print $2}' "/proc/$service_pid/status") / 1024 ))
echo "Selektor ready on $base (pid $service_pid, max heap ${max_heap_mb} MB, RSS ${rss_ready_mb} MB)"

# Heap used = the sum of the heap pools; sampled over HTTP so no agent attaches to the JVM during the run.
heap_used() {
  curl -sf -m 2 "$base/q/metrics" | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ {sum += $NF} END {printf "%.0f\n", sum}'
}
(while :; do heap_used >>"$tmp/heap.samples" || true; sleep 1; done) &
sampler_pid=$!

# --- the import, timed ---
# -T streams the file instead of loading it into curl first; "Expect:" stops curl waiting for a 100 Continue.
echo "Importing $count customers..."
service_ticks=$(cpu_ticks "$service_pid")
store_ticks=$(cpu_ticks "$store_pid")
started=$(date +%s.%N)
answer=$(curl -sS -u "${SELEKTOR_USER:-editor:editor}" -X POST "$base/customers/import" -H 'Content-Type: application/x-ndjson' -H 'Expect:' \
  -T "$file" -w '\n%{http_code}')
finished=$(date +%s.%N)
service_ticks=$(( $(cpu_ticks "$service_pid") - service_ticks ))
store_ticks=$(( $(cpu_ticks "$store_pid") - store_ticks ))
kill "$sampler_pid" 2>/dev/null || true
sampler_pid=""
heap_used >>"$tmp/heap.samples" || true
status=${answer##*$'\n'}
body=${answer%$'\n'*}
if [ "$status" != 200 ]; then
  echo "The import answered $status: ${body:0:2000}" >&2
  tail -n 50 "$tmp/service.log" >&2
  exit 1
fi
imported=$(sed -n 's/.*"imported":\([0-9]*\).*/\1/p' <<<"$body")
rejected=$(sed -n 's/.*"rejected":\([0-9]*\).*/\1/p' <<<"$body")
import_s=$(awk -v a="$started" -v b="$finished" 'BEGIN {printf "%.3f", b - a}')
import_rate=$(awk -v n="$imported" -v s="$import_s" 'BEGIN {printf "%.0f", n / s}')
peak_rss_mb=$(( $(awk '/^VmHWM:/ {print $2}' "/proc/$service_pid/status") / 1024 ))
peak_heap_mb=$(sort -n "$tmp/heap.samples" | tail -n 1 | awk '{printf "%.0f", $1 / 1024 / 1024}')
import_cpu="service $(busy_percent "$service_ticks" "$import_s") %, ExtendDB $(busy_percent "$store_ticks" "$import_s") %"
echo "import: $imported imported, $rejected rejected in $import_s s = $import_rate lines/s; peak RSS $peak_rss_mb MB, peak heap used $peak_heap_mb MB ($(wc -l <"$tmp/heap.samples") samples); CPU: $import_cpu"
# The service would only compete for the CPU with the ceiling run.
stop_service

# --- the ceiling: the same items through a bare SDK loop, 4 batches in flight, then 1 ---
# Its heap holds every prepared item (about 2.2 KB each), so it gets room for them. One JVM per thread count, so
# that ExtendDB's CPU time can be put down to each (loading the items costs the store nothing).
ceiling_heap_mb=$(( 512 + count * 3 / 1000 ))
declare -A ceiling_rate ceiling_cpu
for threads in 4 1; do
  ticks=$(cpu_ticks "$store_pid")
  java "-Xmx${ceiling_heap_mb}m" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
    dev.selektor.bench.BatchWriteCeiling --endpoint "$store" --file "$file" --threads "$threads" | tee "$tmp/ceiling.out"
  ticks=$(( $(cpu_ticks "$store_pid") - ticks ))
  # ceiling threads=4 items=N seconds=S items_per_s=R retried=U client_cpu_percent=C
  read -r seconds rate client < <(awk '$1 == "ceiling" {for (i = 2; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}
                                  print v["seconds"], v["items_per_s"], v["client_cpu_percent"]}' "$tmp/ceiling.out")
  ceiling_rate[$threads]=$rate
  ceiling_cpu[$threads]="client $client %, ExtendDB $(busy_percent "$ticks" "$seconds") %"
done

# --- the figures ---
heap_note="default -Xmx (${max_heap_mb} MB)"
[ -z "$xmx" ] || heap_note="-Xmx$xmx"
cat <<TABLE

Import of $count customers into ExtendDB $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' node_modules/@extenddb/linux-x64/package.json) ($(date -u +%Y-%m-%d)):

| what | lines (items)/s | peak RSS / heap |
|---|---:|---|
| \`POST /customers/import\` (4 batches of 25 in flight) | $import_rate | $peak_rss_mb MB / $peak_heap_mb MB ($heap_note) |
| ceiling: bare SDK BatchWriteItem, 4 threads | ${ceiling_rate[4]} | - |
| ceiling: bare SDK BatchWriteItem, 1 thread | ${ceiling_rate[1]} | - |

CPU while writing (% of one core): import: $import_cpu; ceiling 4 threads: ${ceiling_cpu[4]}; 1 thread: ${ceiling_cpu[1]}

Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/^MemTotal:/ {printf "%.0f GB RAM", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1)
TABLE
