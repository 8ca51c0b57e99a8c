#!/usr/bin/env bash
# Reach benchmark (not part of `mvn test` or CI). Measures, against a private local ExtendDB, OpenSearch node and the
# packaged service:
#   1. the customer index following the customers table's stream: N synthetic customers (bin/generate-customers
#      --seed 1) imported with POST /customers/import while GET /audience/status is sampled every 2 s: the index's
#      documents/s while the import runs, its lag (indexLagSeconds, max and last) while the import runs, and how long
#      after the import's end the index holds all N; the CPU use of service, store and index over the import;
#   2. for each sample campaign model (black-week-tech, vip-thank-you, winback-180): 20 calls of the live reach,
#      POST /decision-models/<model>/reach for the run date 2026-11-26 (one untimed call before them checks the
#      answer), p50 / p95 / max of the wall-clock time (curl's time_total) and of the service's own tookMs;
#   3. then, for each of them, the impact preview of a draft identical to the live model (dmn/<model>.dmn saved as
#      a draft), which evaluates every stored customer with both versions: its time from startedAt to finishedAt
#      and as polled. The reach of all three comes first, so that an invocation cut short still has it.
# It ends with a Markdown table for the README and the machine it ran on.
#
#   bench/reach-benchmark.sh [--count N] [--fresh] [--calls K]
#
#   --count N   customers in the store and the index (default 1000000)
#   --fresh     throw the stored and indexed customers of this N away and import them again (the import figures of
#               part 1 are only measured by an invocation that imports)
#   --calls K   timed reach calls per model (default 20)
# Store and index keep their data in .work/bench/reach-N/ (logs of the service and the node there too). The first
# invocation for an N generates and imports the N customers, at the store's pace with the index following: at
# best about 1,000 lines/s on a 2-core machine (over a quarter of an hour for 1,000,000), far less with other work
# beside it. Later invocations reuse them, wait until the index holds all N and measure parts 2 and 3 only.
# Environment: EXTENDDB_PORT (default 18500), PORT (default 18580) and OPENSEARCH_PORT (default 18590); a port in use
# is replaced by the next free one. OPENSEARCH_HEAP (default 512m, as bin/opensearch). SELEKTOR_USER (default
# editor:editor, the local editor of application.properties): HTTP Basic user:password for the service's API.
# No Kafka broker: nothing here publishes events. The service's store and index calls may take up to 60 s (see
# below). Needs what bin/run needs (JDK 17, Node.js/npm, curl); builds the application when needed. Loading
# 1,000,000 customers takes about 300 MB in $TMPDIR for the generated file while it lasts; store and index need a
# few GB in .work/bench.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/measure.sh

count=1000000
fresh=false
calls=20
run_date=2026-11-26
models=(black-week-tech vip-thank-you winback-180)
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="${2:?--count needs a number}"; shift 2 ;;
    --fresh) fresh=true; shift ;;
    --calls) calls="${2:?--calls needs a number}"; shift 2 ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
  esac
done
[[ "$count" =~ ^[1-9][0-9]*$ ]] || { echo "--count must be a positive whole number" >&2; exit 2; }
[[ "$calls" =~ ^[1-9][0-9]*$ ]] || { echo "--calls must be a positive whole number" >&2; exit 2; }
for model in "${models[@]}"; do
  [ -f "dmn/$model.dmn" ] || { echo "There is no dmn/$model.dmn" >&2; exit 2; }
done

store_port=$(free_port "${EXTENDDB_PORT:-18500}")
port=$(free_port "${PORT:-18580}")
[ "$port" != "$store_port" ] || port=$(free_port $((store_port + 1)))
index_port=$(free_port "${OPENSEARCH_PORT:-18590}")
while [[ " $store_port $port " == *" $index_port "* ]]; do index_port=$(free_port $((index_port + 1))); done
store="http://127.0.0.1:$store_port"
base="http://127.0.0.1:$port"
# Importing, saving drafts and previewing their impact are the editor's; a service without authentication ignores it.
auth=(-u "${SELEKTOR_USER:-editor:editor}")

# --- build (only when something is missing or older than the sources) ---
[ -x node_modules/@extenddb/linux-x64/extenddb ] || npm ci --no-audit --no-fund
jar=target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ] || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit)" ]; then
  echo "Building..."
  ./mvnw -q -B package -DskipTests
fi

# --- private store and index, kept between invocations; always stopped at the end ---
work=".work/bench/reach-$count"
if $fresh; then rm -rf "$work"; fi
mkdir -p "$work"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/selektor-reach-bench.XXXXXX")
service_pid=""
sampler_pid=""
cleanup() {
  [ -z "$sampler_pid" ] || kill "$sampler_pid" 2>/dev/null || true
  if [ -n "$service_pid" ]; then
    kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true
  fi
  OPENSEARCH_PORT="$index_port" OPENSEARCH_DATA="$work/opensearch" bin/opensearch stop >/dev/null || true
  EXTENDDB_PORT="$store_port" bin/extenddb stop >/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Two invocations starting at once could pick the same free ports; each refuses a node or store it did not start.
if EXTENDDB_PORT="$store_port" bin/extenddb status >/dev/null 2>&1 \
    || OPENSEARCH_PORT="$index_port" bin/opensearch status >/dev/null 2>&1; then
  echo "A store or index already runs on port $store_port or $index_port; set EXTENDDB_PORT and OPENSEARCH_PORT" >&2
  trap - EXIT
  rm -rf "$tmp"
  exit 1
fi
EXTENDDB_PORT="$store_port" EXTENDDB_DATA="$work/extenddb.sqlite" bin/extenddb start
store_pid=$(cat ".work/extenddb/extenddb-$store_port.pid")
# OPENSEARCH_PARENT: the node stops by itself should this shell be killed before it can stop it.
OPENSEARCH_PORT="$index_port" OPENSEARCH_DATA="$work/opensearch" OPENSEARCH_PARENT=$$ bin/opensearch start
index_pid=$(cat ".work/opensearch/opensearch-$index_port.pid")

# first_field NAME JSON: the first NAME field of compact JSON (json_field takes the last; a reach's rows repeat
# "customers" after the total).
first_field() { grep -o "\"$1\":\"\{0,1\}[^\",}]*" <<<"$2" | head -n 1 | sed 's/^"[^"]*":"\{0,1\}//'; }

# --- the service, with bin/run's store and index options and a table prefix of its own ---
# Store and index calls may take up to 60 s here instead of the service's 4 s: on a 2-core machine with other work
# beside it (or under nice) the import's writes and the follower's reads miss the 4 s bound and the import ends 503.
java -Dquarkus.http.port="$port" \
  -Dselektor.dynamodb.api-call-timeout=60s \
  -Dselektor.dynamodb.api-call-attempt-timeout=20s \
  -Dselektor.opensearch.timeout=60s \
  -Dselektor.dynamodb.endpoint="$store" \
  -Dselektor.dynamodb.region=us-east-1 \
  -Dselektor.dynamodb.access-key-id=AKIAIOSFODNN7EXAMPLE \
  -Dselektor.dynamodb.secret-access-key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
  -Dselektor.dynamodb.table-prefix=bench- \
  -Dselektor.opensearch.url="http://127.0.0.1:$index_port" \
  -jar "$jar" >"$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 240); do
  curl -sf "$base/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$service_pid" 2>/dev/null || { echo "Selektor stopped during start-up:" >&2; cat "$work/service.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$base/q/health/ready" >/dev/null || { echo "Selektor did not become ready:" >&2; cat "$work/service.log" >&2; exit 1; }
# Ready, but perhaps another process on the port: ours must still run.
kill -0 "$service_pid" 2>/dev/null || { echo "Selektor stopped during start-up:" >&2; cat "$work/service.log" >&2; exit 1; }
echo "Selektor ready on $base (pid $service_pid), ExtendDB on $store, OpenSearch on 127.0.0.1:$index_port"

# status_sample: "epoch documents indexLagSeconds follower" from GET /audience/status; nothing when it fails.
status_sample() {
  local s
  s=$(curl -sf -m 5 "${auth[@]}" "$base/audience/status") || return 0
  printf '%s %s %s %s\n' "$(now)" "$(first_field documents "$s")" "$(first_field indexLagSeconds "$s")" \
    "$(first_field follower "$s" | tr ' ' _)"
}
documents_now() { first_field documents "$(curl -sf -m 5 "${auth[@]}" "$base/audience/status" || true)"; }

# --- the customers: imported once per N while the index follows ---
last_customer=$(printf 'C-%09d' "$count")
import_note=""
if [ -f "$work/loaded" ]; then
  echo "Reusing the customers loaded earlier: $(cat "$work/loaded")"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$base/customers/$last_customer")" = 200 ] \
    || { echo "$last_customer is not in the store although $work/loaded says so; run with --fresh" >&2; exit 1; }
  import_note="not measured: customers imported by an earlier invocation ($(cat "$work/loaded"))"
else
  file="$tmp/customers.ndjson"
  printf 'Generating %d customers (not timed)...\n' "$count"
  bin/generate-customers --count "$count" --seed 1 --out "$file"
  echo "Importing $count customers, sampling GET /audience/status every 2 s..."
  samples="$work/status-samples.txt"
  : >"$samples"
  (while :; do status_sample >>"$samples"; sleep 2; done) &
  sampler_pid=$!
  service_ticks=$(cpu_ticks "$service_pid")
  store_ticks=$(cpu_ticks "$store_pid")
  index_ticks=$(cpu_ticks "$index_pid")
  docs_before=$(documents_now)
  started=$(now)
  post_import "$base" "$file"
  import_end=$(now)
  docs_at_end=$(documents_now)
  import_s=$(seconds_between "$started" "$import_end")
  import_cpu="service $(busy_percent $(( $(cpu_ticks "$service_pid") - service_ticks )) "$import_s") %, ExtendDB $(busy_percent $(( $(cpu_ticks "$store_pid") - store_ticks )) "$import_s") %, OpenSearch $(busy_percent $(( $(cpu_ticks "$index_pid") - index_ticks )) "$import_s") %"
  import_complete "$count" "$work/service.log" || exit 1
  rm -f "$file"
  echo "$count customers (--seed 1) imported in $import_s s on $(date -u +%Y-%m-%d)" >"$work/loaded"
  import_rate=$(awk -v n="$imported" -v s="$import_s" 'BEGIN {printf "%.0f", n / s}')
  echo "import: $imported customers in $import_s s = $import_rate lines/s; waiting for the index to hold all $count..."
  # Until the index holds all N (or an hour has gone by, which is a failure).
  waited=0
  while :; do
    docs=$(documents_now)
    [ -z "$docs" ] || [ "$docs" -lt "$count" ] || break
    if [ "$waited" -ge 36000 ]; then
      echo "The index holds ${docs:-?} of $count customers an hour after the import's end" >&2
      tail -n 50 "$work/service.log" >&2
      exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  complete=$(now)
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
  status_sample >>"$samples"
  catch_up_s=$(seconds_between "$import_end" "$complete")
  # While importing: the samples taken between the import's start and end.
  read -r lag_max lag_last lag_samples < <(awk -v a="$started" -v b="$import_end" \
    '$1 >= a && $1 <= b && $3 != "" {n++; if ($3 > m || n == 1) m = $3; l = $3} END {printf "%s %s %d\n", (n ? m : "-"), (n ? l : "-"), n}' "$samples")
  docs_rate_import=$(awk -v d0="${docs_before:-0}" -v d1="${docs_at_end:-0}" -v s="$import_s" 'BEGIN {printf "%.0f", (d1 - d0) / s}')
  docs_rate_peak=$(awk '$2 != "" {if (n && $1 > t) {r = ($2 - d) / ($1 - t); if (r > m) m = r}; t = $1; d = $2; n++} END {printf "%.0f", m}' "$samples")
  docs_rate_total=$(awk -v d0="${docs_before:-0}" -v n="$count" -v s="$(seconds_between "$started" "$complete")" 'BEGIN {printf "%.0f", (n - d0) / s}')
  import_note="$imported customers in $(printf '%.1f' "$import_s") s = $import_rate lines/s; the index: $docs_rate_import documents/s while the import ran ($docs_at_end of $count indexed at its end; best 2 s sample $docs_rate_peak/s), all $count indexed $(printf '%.1f' "$catch_up_s") s after the import's end ($docs_rate_total documents/s from the import's start); indexLagSeconds while importing: max $lag_max s, last $lag_last s ($lag_samples samples); CPU over the import: $import_cpu"
  echo "import and index: $import_note"
fi

# A reused store: the follower catches up from its checkpoint, or fills an index it does not find from a scan.
waited=0
until docs=$(documents_now) && [ -n "$docs" ] && [ "$docs" -ge "$count" ]; do
  if [ "$waited" -ge 3600 ]; then
    echo "The index holds ${docs:-?} of $count customers after an hour" >&2
    tail -n 50 "$work/service.log" >&2
    exit 1
  fi
  [ $((waited % 30)) -ne 0 ] || echo "  ... waiting for the index: ${docs:-?} of $count documents"
  sleep 1
  waited=$((waited + 1))
done
echo "The index holds $docs documents"

# percentiles FILE: "p50 p95 max" of the numbers in FILE (nearest rank).
percentiles() {
  sort -g "$1" | awk '{v[NR] = $1} END {
    i50 = int(NR * 0.50 + 0.999999); i95 = int(NR * 0.95 + 0.999999); printf "%s %s %s\n", v[i50], v[i95], v[NR]}'
}
ms() { awk -v s="$1" 'BEGIN {printf "%.0f\n", s * 1000}'; }

# --- the live reach of every model first (seconds), then the impact previews (minutes each for a million) ---
# reach MODEL: the live version's reach, then a line "HTTP-status time_total".
reach() {
  curl -sS "${auth[@]}" -X POST "$base/decision-models/$1/reach" -H 'Content-Type: application/json' \
    --data-binary "{\"runDate\": \"$run_date\"}" -w '\n%{http_code} %{time_total}'
}
declare -A reach_cells
for model in "${models[@]}"; do
  answer=$(reach "$model")
  tail_line=${answer##*$'\n'}
  body=${answer%$'\n'*}
  [ "${tail_line%% *}" = 200 ] || { echo "The reach of $model answered ${tail_line%% *}: ${body:0:2000}" >&2; exit 1; }
  customers=$(first_field customers "$body")
  selected=$(first_field selected "$body")
  exact=$(json_field exact "$body")
  [ "$customers" = "$count" ] || echo "Note: the reach of $model counted $customers customers, the store holds $count" >&2
  : >"$tmp/wall"
  : >"$tmp/took"
  for _ in $(seq 1 "$calls"); do
    answer=$(reach "$model")
    tail_line=${answer##*$'\n'}
    [ "${tail_line%% *}" = 200 ] || { echo "The reach of $model answered ${tail_line%% *}: ${answer%$'\n'*}" >&2; exit 1; }
    ms "${tail_line#* }" >>"$tmp/wall"
    first_field tookMs "${answer%$'\n'*}" >>"$tmp/took"
  done
  read -r wall50 wall95 wallmax < <(percentiles "$tmp/wall")
  read -r took50 took95 tookmax < <(percentiles "$tmp/took")
  lag=$(first_field indexLagSeconds "${answer%$'\n'*}")
  echo "reach $model: $calls calls, wall p50 $wall50 ms, p95 $wall95 ms, max $wallmax ms; tookMs p50 $took50, p95 $took95, max $tookmax; customers $customers, selected $selected, exact $exact, indexLagSeconds $lag"
  reach_cells[$model]="$wall50 ms ($took50 ms) | $wall95 ms ($took95 ms) | $wallmax ms ($tookmax ms)"
  reach_cells[$model.customers]="$customers ($selected selected)"
done

rows=""
for model in "${models[@]}"; do
  answer=$(curl -sS "${auth[@]}" -X POST "$base/decision-models/$model/drafts" -H 'Content-Type: application/xml' \
    --data-binary @"dmn/$model.dmn" -w '\n%{http_code}')
  [ "${answer##*$'\n'}" = 201 ] || { echo "Saving a draft of $model answered ${answer##*$'\n'}: ${answer%$'\n'*}" >&2; exit 1; }
  draft=$(first_field draftId "${answer%$'\n'*}")
  started=$(now)
  answer=$(curl -sS -D "$tmp/headers" "${auth[@]}" -X POST "$base/decision-models/$model/drafts/$draft/impact" \
    -H 'Content-Type: application/json' --data-binary "{\"runDate\": \"$run_date\"}" -w '\n%{http_code}')
  [ "${answer##*$'\n'}" = 202 ] || { echo "The impact preview of $model answered ${answer##*$'\n'}: ${answer%$'\n'*}" >&2; exit 1; }
  location=$(sed -n 's/^[Ll]ocation: *\([^[:space:]]*\).*/\1/p' "$tmp/headers")
  [[ "$location" == http* ]] || location="$base$location"
  polls=0
  while :; do
    sleep 0.5
    polls=$((polls + 1))
    kill -0 "$service_pid" 2>/dev/null || { echo "Selektor stopped during the impact preview:" >&2; tail -n 50 "$work/service.log" >&2; exit 1; }
    view=$(curl -sS -f -m 10 "${auth[@]}" "$location") || continue
    state=$(first_field status "$view")
    [ "$state" = RUNNING ] || break
    [ $((polls % 120)) -ne 0 ] \
      || echo "  ... impact preview of $model: $(first_field processed "$view") processed after $(printf '%.0f' "$(seconds_between "$started" "$(now)")") s"
  done
  polled_s=$(seconds_between "$started" "$(now)")
  [ "$state" = COMPLETED ] || { echo "The impact preview of $model ended $state: ${view:0:2000}" >&2; tail -n 50 "$work/service.log" >&2; exit 1; }
  processed=$(first_field processed "$view")
  impact_s=$(seconds_between "$(date -d "$(first_field startedAt "$view")" +%s.%N)" "$(date -d "$(first_field finishedAt "$view")" +%s.%N)")
  impact_rate=$(awk -v n="$processed" -v s="$impact_s" 'BEGIN {printf "%.0f", n / s}')
  echo "impact preview $model: $processed customers in $(printf '%.1f' "$impact_s") s (startedAt to finishedAt; $polled_s s as polled) = $impact_rate customers/s; selected live $(first_field selectedLive "$view"), draft $(first_field selectedDraft "$view"), entering $(first_field entering "$view"), leaving $(first_field leaving "$view")"
  rows+="| \`$model\` | ${reach_cells[$model]} | $(printf '%.1f' "$impact_s") s ($impact_rate customers/s) | ${reach_cells[$model.customers]} |"$'\n'
done

# --- the figures ---
cat <<TABLE

Reach per rule row over $count customers (run date $run_date; OpenSearch $(grep -A2 '<artifactId>opensearch</artifactId>' bin/opensearch-node/pom.xml | sed -n 's/.*<version>\(.*\)<\/version>.*/\1/p') with ${OPENSEARCH_HEAP:-512m} heap, ExtendDB $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' node_modules/@extenddb/linux-x64/package.json); $calls calls per model, wall time = curl's time_total, in brackets the service's tookMs; $(date -u +%Y-%m-%d)):

| model | reach p50 | reach p95 | reach max | impact preview (draft = live) | customers |
|---|---:|---:|---:|---:|---:|
${rows%$'\n'}

Import and index: $import_note.

Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/^MemTotal:/ {printf "%.0f GB RAM", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1)
TABLE
