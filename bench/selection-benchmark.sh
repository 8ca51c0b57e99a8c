#!/usr/bin/env bash
# Selection benchmark (not part of `mvn test` or CI). Measures, against a private local ExtendDB and Kafka broker:
#   1. one selection run of a campaign over N stored synthetic customers (bin/generate-customers --seed 1), started
#      with POST /campaigns/<id>/selections for the run date 2026-11-26 and followed until it completes:
#      customers/s from the run's own startedAt/finishedAt, the workers' time split into scan / evaluate / write,
#      the service's peak RSS (VmHWM) and peak JVM heap used (sampled every second from /q/metrics), the CPU use of
#      service, store and broker, and how long after the run's end the outbox relay had published every
#      CustomerSelected event to Kafka;
#   2. the ceiling: a bare AWS SDK v2 parallel scan of the same customers table with the service's segments,
#      workers and page size, writing one result-like item per customer with BatchWriteItem into a fresh table
#      (bench/src/main/java/dev/selektor/bench/ScanWriteCeiling.java); items/s and its scan / write split. The table has
#      the service's index by customer, which the store maintains on every write (without it the store writes
#      about twice as fast, which no selection run could reach).
# It ends with a Markdown table for the README and the machine it ran on.
#
#   bench/selection-benchmark.sh [--count N] [--campaign ID] [--xmx SIZE] [--fresh] [--engine] [--no-ceiling]
#
#   --count N      customers in the store (default 1000000)
#   --campaign ID  the campaign to run, defined from samples/campaigns/ID.json (default winback-180: no cap, so every
#                  selected customer's event is written in the page's transaction, the path most runs take)
#   --xmx SIZE     the service's -Xmx (default: none, the JVM's own default of 1/4 of the RAM)
#   --fresh        throw the stored customers of this N away and load them again
#   --engine       the service evaluates with the Drools engine alone (selektor.decision.compiled-tables=false),
#                  to compare with the compiled tables it uses by default
#   --no-ceiling   skip the ceiling (it takes as long as the run), e.g. when comparing --engine with the default
# Store and broker keep their data in .work/bench/selection-N/ (logs of the service there too). The first invocation
# for an N generates and imports the N customers, untimed: about 13 minutes for 1,000,000 at ~1,300 lines/s on a
# 2-core machine. Later invocations reuse them; each one adds a run's results to the store.
# Environment: EXTENDDB_PORT (default 18400), PORT (default 18480) and KAFKA_PORT (default 18490; the broker's
# controller takes the port after it); a port in use is replaced by the next free one. SELEKTOR_USER (default
# editor:editor, the local editor of application.properties): HTTP Basic user:password for the service's API.
# Needs what bin/run needs (JDK 17, Node.js/npm, curl); builds the application when needed. Loading 1,000,000
# customers takes about 300 MB in $TMPDIR for the generated file while it lasts; the store's file in .work/bench
# needs a few GB and grows with every run's results (--fresh starts it anew).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/measure.sh
# The ceiling's output is read line by line in this shell, so that the store's CPU time is taken as it runs.
shopt -s lastpipe

count=1000000
campaign=winback-180
xmx=""
fresh=false
engine=false
ceiling=true
run_date=2026-11-26
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="${2:?--count needs a number}"; shift 2 ;;
    --campaign) campaign="${2:?--campaign needs a campaign id}"; shift 2 ;;
    --xmx) xmx="${2:?--xmx needs a size, e.g. 512m}"; shift 2 ;;
    --fresh) fresh=true; shift ;;
    --engine) engine=true; shift ;;
    --no-ceiling) ceiling=false; shift ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
  esac
done
[[ "$count" =~ ^[1-9][0-9]*$ ]] || { echo "--count must be a positive whole number" >&2; exit 2; }
campaign_file="samples/campaigns/$campaign.json"
[ -f "$campaign_file" ] || { echo "There is no $campaign_file" >&2; exit 2; }

store_port=$(free_port "${EXTENDDB_PORT:-18400}")
port=$(free_port "${PORT:-18480}")
[ "$port" != "$store_port" ] || port=$(free_port $((store_port + 1)))
# The broker needs two ports in a row (clients, then its controller), neither of them one of ours.
kafka_port=$(free_port "${KAFKA_PORT:-18490}")
while (exec 3<>"/dev/tcp/127.0.0.1/$((kafka_port + 1))") 2>/dev/null \
    || [[ " $store_port $port " == *" $kafka_port "* || " $store_port $port " == *" $((kafka_port + 1)) "* ]]; do
  kafka_port=$(free_port $((kafka_port + 1)))
done
store="http://127.0.0.1:$store_port"
base="http://127.0.0.1:$port"
# Importing, defining campaigns and starting runs are the editor's; a service without authentication ignores it.
auth=(-u "${SELEKTOR_USER:-editor:editor}")

# --- build (only when something is missing or older than the sources) ---
[ -x node_modules/@extenddb/linux-x64/extenddb ] || npm ci --no-audit --no-fund
jar=target/quarkus-app/quarkus-run.jar
ceiling_class=target/test-classes/dev/selektor/bench/ScanWriteCeiling.class
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
# The ceiling works like the service's runs; read from the service's own defaults so that the two never drift.
setting() { sed -n "s/^$1=//p" src/main/resources/application.properties; }
segments=$(setting 'selektor\.selection\.segments')
workers=$(setting 'selektor\.selection\.workers')
page_size=$(setting 'selektor\.selection\.page-size')

# --- private store and broker, kept between invocations; always stopped at the end ---
work=".work/bench/selection-$count"
if $fresh; then rm -rf "$work"; fi
mkdir -p "$work"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/selektor-selection-bench.XXXXXX")
service_pid=""
sampler_pid=""
run_id=""
run_over=false
stop_service() {
  if [ -n "$service_pid" ]; then
    kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true
    service_pid=""
  fi
}
cleanup() {
  [ -z "$sampler_pid" ] || kill "$sampler_pid" 2>/dev/null || true
  # An interrupted run would otherwise be resumed by the next invocation's service and compete with its run.
  if [ -n "$service_pid" ] && [ -n "$run_id" ] && ! $run_over; then
    curl -s -o /dev/null -m 5 "${auth[@]}" -X DELETE "$base/selections/$run_id" || true
  fi
  stop_service
  KAFKA_PORT="$kafka_port" KAFKA_DATA="$work/kafka" bin/kafka stop >/dev/null || true
  EXTENDDB_PORT="$store_port" bin/extenddb stop >/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

EXTENDDB_PORT="$store_port" EXTENDDB_DATA="$work/extenddb.sqlite" bin/extenddb start
store_pid=$(cat ".work/extenddb/extenddb-$store_port.pid")
KAFKA_PORT="$kafka_port" KAFKA_DATA="$work/kafka" bin/kafka start
kafka_pid=$(cat ".work/kafka/kafka-$kafka_port.pid")

# json_field NAME JSON: a number or string field of the service's compact JSON (no jq on a fresh machine).

# --- the service, with bin/run's store options, a table prefix of its own and the private broker ---
start_service() {
  local log=$1
  local evaluation=()
  [ "$engine" = false ] || evaluation=(-Dselektor.decision.compiled-tables=false)
  java ${xmx:+"-Xmx$xmx"} "${evaluation[@]}" -Dquarkus.http.port="$port" \
    -Dselektor.dynamodb.endpoint="$store" \
    -Dselektor.dynamodb.region=us-east-1 \
    -Dselektor.dynamodb.access-key-id=AKIAIOSFODNN7EXAMPLE \
    -Dselektor.dynamodb.secret-access-key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
    -Dselektor.dynamodb.table-prefix=bench- \
    -Dselektor.kafka.bootstrap-servers="127.0.0.1:$kafka_port" \
    -jar "$jar" >"$log" 2>&1 &
  service_pid=$!
  for _ in $(seq 1 240); do
    curl -sf "$base/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$service_pid" 2>/dev/null || { echo "Selektor stopped during start-up:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.5
  done
  curl -sf "$base/q/health/ready" >/dev/null || { echo "Selektor did not become ready:" >&2; cat "$log" >&2; exit 1; }
  # A run left RUNNING by an invocation that could not clean up is resumed at start-up; it must not run alongside.
  sed -n 's/.*Resuming selection run \([^ ]*\) of .*/\1/p' "$log" | while read -r stale; do
    curl -s -o /dev/null "${auth[@]}" -X DELETE "$base/selections/$stale" || true
    echo "Cancelled run $stale, left unfinished by an earlier invocation"
  done
}

start_service "$work/service-setup.log"

# --- the customers: loaded once per N, untimed ---
last_customer=$(printf 'C-%09d' "$count")
if [ -f "$work/loaded" ]; then
  echo "Reusing the customers loaded earlier: $(cat "$work/loaded")"
  # A marker without the customers (say, a store file deleted by hand) would time a run over nothing.
  [ "$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$base/customers/$last_customer")" = 200 ] \
    || { echo "$last_customer is not in the store although $work/loaded says so; run with --fresh" >&2; exit 1; }
else
  file="$tmp/customers.ndjson"
  printf 'Generating %d customers (not timed)...\n' "$count"
  bin/generate-customers --count "$count" --seed 1 --out "$file"
  echo "Importing $count customers (not timed)..."
  started=$(now)
  post_import "$base" "$file"
  load_s=$(seconds_between "$started" "$(now)")
  import_complete "$count" "$work/service-setup.log" || exit 1
  rm -f "$file"
  echo "$count customers (--seed 1) imported in $load_s s on $(date -u +%Y-%m-%d)" >"$work/loaded"
  echo "load: $imported customers in $load_s s = $(awk -v n="$imported" -v s="$load_s" 'BEGIN {printf "%.0f", n / s}') lines/s"
fi

answer=$(curl -sS "${auth[@]}" -X PUT "$base/campaigns/$campaign" -H 'Content-Type: application/json' \
  --data-binary @"$campaign_file" -w '\n%{http_code}')
[[ "${answer##*$'\n'}" == 20? ]] || { echo "Defining $campaign answered ${answer##*$'\n'}: ${answer%$'\n'*}" >&2; exit 1; }
echo "Campaign $campaign defined"
# A new JVM, so that its peak RSS and heap are the selection run's and not the import's.
stop_service
start_service "$work/service.log"
max_heap_mb=$(( $(java ${xmx:+"-Xmx$xmx"} -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" {print $4}') / 1024 / 1024 ))
rss_ready_mb=$(( $(awk '/^VmRSS:/ {print $2}' "/proc/$service_pid/status") / 1024 ))
echo "Selektor ready on $base (pid $service_pid, max heap ${max_heap_mb} MB, RSS ${rss_ready_mb} MB), Kafka on 127.0.0.1:$kafka_port"

# Heap used = the sum of the heap pools; sampled over HTTP so no agent attaches to the JVM during the run.
heap_used() {
  curl -sf -m 2 "$base/q/metrics" | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ {sum += $NF} END {printf "%.0f\n", sum}'
}
(while :; do heap_used >>"$tmp/heap.samples" || true; sleep 1; done) &
sampler_pid=$!

# --- the selection run, timed ---
echo "Selection run of $campaign over $count customers ($segments segments on $workers workers, pages of $page_size)..."
service_ticks=$(cpu_ticks "$service_pid")
store_ticks=$(cpu_ticks "$store_pid")
kafka_ticks=$(cpu_ticks "$kafka_pid")
started=$(now)
answer=$(curl -sS "${auth[@]}" -X POST "$base/campaigns/$campaign/selections" -H 'Content-Type: application/json' \
  --data-binary "{\"runDate\": \"$run_date\"}" -w '\n%{http_code}')
status=${answer##*$'\n'}
body=${answer%$'\n'*}
[ "$status" = 202 ] || { echo "Starting the run answered $status: ${body:0:2000}" >&2; tail -n 50 "$work/service.log" >&2; exit 1; }
run_id=$(json_field runId "$body")
polls=0
failed_polls=0
while :; do
  sleep 1
  polls=$((polls + 1))
  kill -0 "$service_pid" 2>/dev/null || { echo "Selektor stopped during the run:" >&2; tail -n 50 "$work/service.log" >&2; exit 1; }
  # A poll that fails (the store busy past the service's timeouts) is only a missed sample; a minute of them is not.
  if ! view=$(curl -sS -f -m 10 "${auth[@]}" "$base/selections/$run_id" 2>"$tmp/poll.err"); then
    failed_polls=$((failed_polls + 1))
    [ "$failed_polls" -lt 60 ] && continue
    echo "GET /selections/$run_id failed 60 times in a row: $(cat "$tmp/poll.err")" >&2
    tail -n 50 "$work/service.log" >&2
    exit 1
  fi
  failed_polls=0
  state=$(json_field status "$view")
  [ "$state" = RUNNING ] || break
  [ $((polls % 30)) -ne 0 ] || echo "  ... $(json_field processed "$view") processed after $polls s"
done
finished=$(now)
service_ticks=$(( $(cpu_ticks "$service_pid") - service_ticks ))
store_ticks=$(( $(cpu_ticks "$store_pid") - store_ticks ))
kafka_ticks=$(( $(cpu_ticks "$kafka_pid") - kafka_ticks ))
kill "$sampler_pid" 2>/dev/null || true
sampler_pid=""
heap_used >>"$tmp/heap.samples" || true
peak_rss_mb=$(( $(awk '/^VmHWM:/ {print $2}' "/proc/$service_pid/status") / 1024 ))
run_over=true
if [ "$state" != COMPLETED ]; then
  echo "The run ended $state: $view" >&2
  tail -n 50 "$work/service.log" >&2
  exit 1
fi
observed_s=$(seconds_between "$started" "$finished")
processed=$(json_field processed "$view")
selected=$(json_field selected "$view")
held_out=$(json_field heldOut "$view")
capped=$(json_field capped "$view")
rejected=$(sed -n 's/.*"rejected":\({[^}]*}\).*/\1/p' <<<"$view")
started_at=$(json_field startedAt "$view")
finished_at=$(json_field finishedAt "$view")
run_end=$(date -d "$finished_at" +%s.%N)
run_s=$(seconds_between "$(date -d "$started_at" +%s.%N)" "$run_end")
run_rate=$(awk -v n="$processed" -v s="$run_s" 'BEGIN {printf "%.0f", n / s}')
scan_s=$(json_field scanSeconds "$view")
evaluate_s=$(json_field evaluateSeconds "$view")
write_s=$(json_field writeSeconds "$view")
read -r scan_pct evaluate_pct write_pct evaluate_under_10 < <(awk -v a="$scan_s" -v b="$evaluate_s" -v c="$write_s" \
  'BEGIN {t = a + b + c; if (t == 0) t = 1; printf "%.1f %.1f %.1f %s\n", a / t * 100, b / t * 100, c / t * 100, (b / t < 0.10 ? "yes" : "no")}')
split=$(printf '%.1f s / %.1f s / %.1f s (%s %% / %s %% / %s %%)' "$scan_s" "$evaluate_s" "$write_s" "$scan_pct" "$evaluate_pct" "$write_pct")
peak_heap_mb=$(sort -n "$tmp/heap.samples" | tail -n 1 | awk '{printf "%.0f", $1 / 1024 / 1024}')
# Over what the script saw (start to the poll that saw the end), since that is when the ticks were taken.
run_cpu="service $(busy_percent "$service_ticks" "$observed_s") %, ExtendDB $(busy_percent "$store_ticks" "$observed_s") %, Kafka $(busy_percent "$kafka_ticks" "$observed_s") %"
echo "run $run_id: $state, $processed processed in $run_s s (startedAt to finishedAt; $observed_s s as polled) = $run_rate customers/s"
echo "  selected $selected, held out $held_out, capped $capped, rejected $rejected"
echo "  workers' time (summed over $workers workers) scan / evaluate / write: $split; evaluate under 10 % of the sum: $evaluate_under_10"
echo "  peak RSS $peak_rss_mb MB, peak heap used $peak_heap_mb MB ($(wc -l <"$tmp/heap.samples") samples); CPU: $run_cpu"

# --- the events: the relay publishes what the run put into the outbox, after the run or while it goes on ---
outbox_waited=0
while :; do
  outbox=$(curl -sf -m 10 "${auth[@]}" "$base/outbox") || outbox=""
  [ "$(json_field pendingEvents "$outbox")" != 0 ] || break
  if [ "$outbox_waited" -ge 3600 ]; then
    echo "The outbox still holds events an hour after the run: $outbox" >&2
    tail -n 50 "$work/service.log" >&2
    exit 1
  fi
  sleep 1
  outbox_waited=$((outbox_waited + 1))
done
outbox_s=$(seconds_between "$run_end" "$(now)")
outbox_note="outbox empty $outbox_s s after the run's end ($(json_field publishedSinceStart "$outbox") events published by this instance; polled every second)"
echo "events: $outbox_note"
# The service would only compete for the CPU with the ceiling run.
stop_service

# --- the ceiling: the same scan and one result per customer through a bare SDK client ---
if [ "$ceiling" = true ]; then
  ceiling_line=""
  store_ticks_start=""
  store_ticks_end=""
  java -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
    dev.selektor.bench.ScanWriteCeiling --endpoint "$store" --table bench-customers --segments "$segments" \
    --threads "$workers" --page-size "$page_size" --campaign "$campaign" --run-date "$run_date" \
    --results-index by-customer \
    | while IFS= read -r line; do
        # Creating and deleting the results table falls outside these two lines, and so outside the store's figure.
        case "$line" in
          "ceiling: timing starts"*) store_ticks_start=$(cpu_ticks "$store_pid") ;;
          "ceiling segments="*) store_ticks_end=$(cpu_ticks "$store_pid"); ceiling_line=$line ;;
        esac
        printf '%s\n' "$line"
      done
  [ -n "$ceiling_line" ] && [ -n "$store_ticks_start" ] || { echo "The ceiling printed no figures" >&2; exit 1; }
  # ceiling segments=8 threads=4 items=N seconds=S items_per_s=R scan_seconds=.. write_seconds=.. retried=U client_cpu_percent=C
  read -r ceiling_items ceiling_s ceiling_rate ceiling_scan_s ceiling_write_s ceiling_client < <(
    awk '{for (i = 2; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}
          print v["items"], v["seconds"], v["items_per_s"], v["scan_seconds"], v["write_seconds"], v["client_cpu_percent"]}' <<<"$ceiling_line")
  ceiling_cpu="client $ceiling_client %, ExtendDB $(busy_percent $((store_ticks_end - store_ticks_start)) "$ceiling_s") %"
  [ "$ceiling_items" = "$processed" ] || echo "Note: the ceiling scanned $ceiling_items items, the run processed $processed" >&2
  ceiling_split=$(awk -v a="$ceiling_scan_s" -v c="$ceiling_write_s" \
    'BEGIN {t = a + c; if (t == 0) t = 1; printf "%.1f s / - / %.1f s (%.1f %% / - / %.1f %%)", a, c, a / t * 100, c / t * 100}')
  ceiling_wall="$(printf '%.1f' "$ceiling_s") s"
else
  ceiling_rate="-"; ceiling_wall="-"; ceiling_split="not measured (--no-ceiling)"; ceiling_cpu="not measured (--no-ceiling)"
fi

# --- the figures ---
heap_note="default -Xmx (${max_heap_mb} MB)"
[ -z "$xmx" ] || heap_note="-Xmx$xmx"
cat <<TABLE

Selection run of \`$campaign\` (run date $run_date, evaluated by $([ "$engine" = true ] && echo "the Drools engine alone" || echo "the compiled tables")) over $count customers in ExtendDB $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' node_modules/@extenddb/linux-x64/package.json), $segments segments on $workers workers, pages of $page_size ($(date -u +%Y-%m-%d)):

| what | customers/s | wall time | workers' time: scan / evaluate / write | peak RSS / heap |
|---|---:|---:|---|---|
| selection run (service, end to end) | $run_rate | $(printf '%.1f' "$run_s") s | $split | $peak_rss_mb MB / $peak_heap_mb MB ($heap_note) |
| ceiling: bare SDK parallel scan + BatchWriteItem | $ceiling_rate | $ceiling_wall | $ceiling_split | - |

Run: $selected selected, $held_out held out, $capped capped, rejected $rejected; evaluate under 10 % of the workers' time: $evaluate_under_10; $outbox_note.

CPU (% of one core): run: $run_cpu; ceiling: $ceiling_cpu

Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/^MemTotal:/ {printf "%.0f GB RAM", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1)
TABLE
