#!/usr/bin/env bash
# REST decision benchmark (not part of `mvn test` or CI): POST /campaigns/<id>/decisions of the packaged service,
# loaded from a separate process on the same machine, against a private ExtendDB. Each request carries the
# customer's facts (one of N synthetic customers, bin/generate-customers --seed 42, round-robin) and the run date
# 2026-11-26, and is sent as the user checkout (role service). After an untimed JIT warm-up (--jit-warmup), in
# this order, on the same service process:
#   1. saturation, closed loop, the way the competitor's figure was taken: `wrk -t1 -c8` for --duration after
#      --warmup; 8 connections, each sending its next request as soon as its answer is in. This is the most the
#      service answers with 8 callers; its latencies are those of a client that waits, not of callers at a rate.
#   2. open loop at fixed rates (--rates, default 5000 req/s) for --duration after --warmup at the same rate:
#      bench/src/main/java/dev/selektor/bench/load/OpenLoopLoadGenerator.java starts requests on a fixed schedule
#      whatever the answers do (32 keep-alive connections) and measures each from the time it was due, so a stall
#      counts for every request that should have gone out during it (no coordinated omission).
#   3. the floor, at the same rates (skipped with --no-floor): the same generator against
#      bench/src/main/java/dev/selektor/bench/load/HttpFloorServer.java, a bare Vert.x server with as many event
#      loops as the running service has, that answers every POST with the bytes of a real decision answer and does
#      nothing else. The service cannot beat it; where the service's percentile is near the floor's, the rest is this
#      machine.
#   4. with --kogito, the competitor, right after: Kogito's generated DMN endpoint for the same campaign table
#      (bench/kogito/, Kogito 10.1.0's Quarkus extension as its dmn-quarkus-example uses it, the table copied from
#      dmn/ with DMN 1.5's namespaces, the newest Kogito reads), sent the same customers as its own input names
#      ({"Customer": facts, "Run Date": date}) without a login, answering its full context; the same JIT warm-up,
#      saturation and open-loop phases. It does less per request than the service (no policies, holdout, explanation
#      or login), so the comparison favours it.
# How to read it: at a rate the service sustains, "achieved" equals the target and the percentiles are what callers
# see at that load. Past its capacity, requests queue: achieved is the capacity, latencies grow with the length of
# the run (the warm-up's queue comes first), and the row says "past capacity": what is still queued when --drain
# runs out is counted at its age then, so its percentiles (marked ≥) are lower bounds; such a rate takes warm-up +
# duration + drain. The CPU columns tell who was busy in the measured window, in % of one core: on a 2-core machine
# the service, ExtendDB and the load client share 200 %, so a client using much CPU takes it from the others, and
# the three adding up to well under 200 % at saturation means something else had the CPU (the load average is
# printed at the end). "steal" is the time the hypervisor gave this virtual machine's CPUs to someone else during
# the window (from /proc/stat), in % of all its CPUs: on a shared host it comes and goes within minutes, and a few
# per cent of it moves p99 by milliseconds, which is why the floor is measured beside every open-loop phase.
# More than 0.1 % of answers other than 200 stops the benchmark: error answers are cheap and
# would make the figures meaningless.
#
#   bench/rest-benchmark.sh [--rates 1000,5000,10000] [--duration 30s] [--warmup 10s] [--campaign ID]
#                           [--customers N] [--connections N] [--drain 30s] [--jit-warmup 60s] [--no-floor]
#                           [--attribute-tail] [--kogito]
#
#   --rates LIST      open-loop rates in requests/s, comma-separated (default 5000)
#   --duration T      measured time of each phase, in s or m (default 30s)
#   --warmup T        warm-up before each phase, not measured (default 10s)
#   --campaign ID     the campaign, defined from samples/campaigns/ID.json (default black-week-tech)
#   --customers N     distinct request bodies (default 10000)
#   --connections N   connections of the open-loop generator (default 32)
#   --drain T         how long the open-loop generator waits for queued requests after a phase (default 30s)
#   --jit-warmup T    closed-loop load once before the first phase, not measured (default 60s; 0 skips it)
#   --no-floor        skip the floor phases
#   --attribute-tail  log the service's safepoints (every collector pause is one) and, after each open-loop phase of
#                     the service, say how many of its slow requests (over 2 ms) were in flight during one and what
#                     the p99 is without them (bench/src/main/java/dev/selektor/bench/load/TailAttribution.java)
#   --kogito          also load Kogito's generated endpoint for the campaign's table (built by Maven from bench/kogito/
#                     on first use; its port: KOGITO_PORT, default 18560)
# Environment: EXTENDDB_PORT (default 18400), PORT (default 18480); a port in use is replaced by the next free one.
# SERVICE_JAVA_OPTS: extra JVM options for the service (a flight recording, -Dselektor.decision.compiled-tables=false).
# Needs what bin/run needs (JDK 17, Node.js/npm, curl) and wrk (apt-get install wrk); without wrk, the saturation
# phase uses the generator's closed-loop mode (--saturate) with 8 connections instead. Builds what is missing or
# older than the sources. Kafka is not started: decisions do not publish, and the outbox relay only polls the
# (empty) outbox; it is pointed at a port nothing listens on.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/measure.sh
# The generator's output is read line by line in this shell, so that CPU time is taken when its window starts and ends.
shopt -s lastpipe

rates=5000
duration=30s
warmup=10s
campaign=black-week-tech
customers=10000
connections=32
drain=30s
jit_warmup=60s
floor=true
attribute=false
kogito=false
run_date=2026-11-26
user=checkout:checkout
while [ $# -gt 0 ]; do
  case "$1" in
    --rates) rates="${2:?--rates needs a list such as 1000,5000}"; shift 2 ;;
    --duration) duration="${2:?--duration needs a time such as 30s}"; shift 2 ;;
    --warmup) warmup="${2:?--warmup needs a time such as 10s}"; shift 2 ;;
    --campaign) campaign="${2:?--campaign needs a campaign id}"; shift 2 ;;
    --customers) customers="${2:?--customers needs a number}"; shift 2 ;;
    --connections) connections="${2:?--connections needs a number}"; shift 2 ;;
    --drain) drain="${2:?--drain needs a time such as 30s}"; shift 2 ;;
    --jit-warmup) jit_warmup="${2:?--jit-warmup needs a time such as 60s}"; shift 2 ;;
    --no-floor) floor=false; shift ;;
    --attribute-tail) attribute=true; shift ;;
    --kogito) kogito=true; shift ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
  esac
done
# wrk takes whole seconds or minutes; so does everything else, to keep the phases comparable.
for t in "$duration" "$warmup" "$drain" "$jit_warmup"; do
  [[ "$t" =~ ^[0-9]+[sm]?$ ]] || { echo "times are whole seconds or minutes, such as 30s or 2m, not $t" >&2; exit 2; }
done
[[ "$rates" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || { echo "--rates must be positive whole numbers separated by commas" >&2; exit 2; }
[[ "$customers" =~ ^[1-9][0-9]*$ ]] || { echo "--customers must be a positive whole number" >&2; exit 2; }
[[ "$connections" =~ ^[1-9][0-9]*$ ]] || { echo "--connections must be a positive whole number" >&2; exit 2; }
campaign_file="samples/campaigns/$campaign.json"
[ -f "$campaign_file" ] || { echo "There is no $campaign_file" >&2; exit 2; }

store_port=$(free_port "${EXTENDDB_PORT:-18400}")
port=$(free_port "${PORT:-18480}")
[ "$port" != "$store_port" ] || port=$(free_port $((store_port + 1)))
# No broker: the relay only needs an address that is not ours, and finds nothing there if it ever connects.
kafka_port=$(free_port 18490)
while [[ " $store_port $port " == *" $kafka_port "* ]]; do kafka_port=$(free_port $((kafka_port + 1))); done
floor_port=$(free_port 18470)
while [[ " $store_port $port $kafka_port " == *" $floor_port "* ]]; do floor_port=$(free_port $((floor_port + 1))); done
kogito_port=$(free_port "${KOGITO_PORT:-18560}")
while [[ " $store_port $port $kafka_port $floor_port " == *" $kogito_port "* ]]; do kogito_port=$(free_port $((kogito_port + 1))); done
store="http://127.0.0.1:$store_port"
base="http://127.0.0.1:$port"
url="$base/campaigns/$campaign/decisions"

# --- build (only when something is missing or older than the sources) ---
[ -x node_modules/@extenddb/linux-x64/extenddb ] || npm ci --no-audit --no-fund
jar=target/quarkus-app/quarkus-run.jar
generator_class=target/test-classes/dev/selektor/bench/load/OpenLoopLoadGenerator.class
if [ ! -f "$jar" ] || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit)" ]; then
  echo "Building the service..."
  ./mvnw -q -B package -DskipTests
fi
if [ ! -f "$generator_class" ] || [ -n "$(find bench/src/main -newer "$generator_class" -print -quit)" ]; then
  echo "Compiling the load generator..."
  ./mvnw -q -B test-compile
fi
classpath_file=target/bench.classpath
if [ ! -s "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
fi
if $kogito; then
  # The campaign's table as Kogito 10.1.0 reads it: DMN 1.5's namespaces; Kogito compiles every model in its
  # resources at build time, so only this one is there, and it is rebuilt when the table changes.
  model=$(sed -n 's/.*"decisionModel": *"\([^"]*\)".*/\1/p' "$campaign_file")
  [ -f "dmn/$model.dmn" ] || { echo "The campaign's decision model dmn/$model.dmn is not there" >&2; exit 2; }
  kogito_dmn="bench/kogito/src/main/resources/$model.dmn"
  sed -e 's#https://www.omg.org/spec/DMN/20240513/MODEL/#https://www.omg.org/spec/DMN/20230324/MODEL/#g' \
      -e 's#https://www.omg.org/spec/DMN/20240513/FEEL/#https://www.omg.org/spec/DMN/20230324/FEEL/#g' \
      "dmn/$model.dmn" >"$kogito_dmn.new"
  find bench/kogito/src/main/resources -name '*.dmn' ! -name "$model.dmn" -delete
  if cmp -s "$kogito_dmn.new" "$kogito_dmn"; then rm "$kogito_dmn.new"; else mv "$kogito_dmn.new" "$kogito_dmn"; fi
  kogito_jar=bench/kogito/target/quarkus-app/quarkus-run.jar
  if [ ! -f "$kogito_jar" ] || [ -n "$(find bench/kogito/src bench/kogito/pom.xml -type f -newer "$kogito_jar" -print -quit)" ]; then
    echo "Building Kogito's endpoint for $model (bench/kogito)..."
    ./mvnw -q -B -f bench/kogito/pom.xml package -DskipTests
  fi
fi
if command -v wrk >/dev/null; then
  have_wrk=true
else
  have_wrk=false
  echo "wrk is not installed (apt-get install wrk); the saturation phase uses the generator's --saturate mode instead" >&2
fi

# --- private store and service, always stopped at the end ---
tmp=$(mktemp -d "${TMPDIR:-/tmp}/selektor-rest-bench.XXXXXX")
service_pid=""
floor_pid=""
kogito_pid=""
cleanup() {
  if [ -n "$kogito_pid" ]; then
    kill "$kogito_pid" 2>/dev/null && wait "$kogito_pid" 2>/dev/null || true
  fi
  if [ -n "$floor_pid" ]; then
    kill "$floor_pid" 2>/dev/null && wait "$floor_pid" 2>/dev/null || true
  fi
  if [ -n "$service_pid" ]; then
    kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true
  fi
  EXTENDDB_PORT="$store_port" bin/extenddb stop >/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A fresh SQLite file: every invocation starts from an empty store (no contact history), so invocations compare.
EXTENDDB_PORT="$store_port" EXTENDDB_DATA="$tmp/extenddb.sqlite" bin/extenddb start
store_pid=$(cat ".work/extenddb/extenddb-$store_port.pid")

# Steal time of all CPUs so far, in clock ticks (the 8th value of /proc/stat's cpu line).
steal_ticks() { awk '$1 == "cpu" {print $9}' /proc/stat; }
# steal_percent TICKS SECONDS: in % of all CPUs of the machine
steal_percent() { awk -v t="$1" -v c="$clock_ticks" -v s="$2" -v n="$(nproc)" 'BEGIN {printf "%.1f", t / c / s / n * 100}'; }
# Sets children_s: CPU seconds (user + system) of this shell's finished children, from `times`; for wrk, which is
# gone before its /proc entry could be read. Not in $(...): a subshell's `times` sees only its own children.
children_seconds() {
  times >"$tmp/times"
  children_s=$(awk 'NR == 2 {split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2]}' "$tmp/times")
}
# The log shown when a phase fails: the service's, or Kogito's in its phases.
target_name="the service"
target_log="$tmp/service.log"
fail_with_log() { echo "$1; the log of $target_name ends:" >&2; tail -n 50 "$target_log" >&2; exit 1; }

# --- the service, with bin/run's store options and a table prefix of its own ---
# SERVICE_JAVA_OPTS: extra JVM options for the service, e.g. a flight recording or -Dselektor.decision.compiled-tables=false.
safepoint_log=()
# timemillis: wall-clock milliseconds, the clock of the generator's --timeline; one file, never rotated.
$attribute && safepoint_log=("-Xlog:safepoint=info:file=$tmp/safepoints.log:timemillis:filecount=0")
# shellcheck disable=SC2086
java ${SERVICE_JAVA_OPTS:-} "${safepoint_log[@]}" -Dquarkus.http.port="$port" \
  -Dselektor.dynamodb.endpoint="$store" \
  -Dselektor.dynamodb.region=us-east-1 \
  -Dselektor.dynamodb.access-key-id=AKIAIOSFODNN7EXAMPLE \
  -Dselektor.dynamodb.secret-access-key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
  -Dselektor.dynamodb.table-prefix=rest-bench- \
  -Dselektor.kafka.bootstrap-servers="127.0.0.1:$kafka_port" \
  -jar "$jar" >"$tmp/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 240); do
  curl -sf "$base/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$service_pid" 2>/dev/null || fail_with_log "Selektor stopped during start-up"
  sleep 0.5
done
curl -sf "$base/q/health/ready" >/dev/null || fail_with_log "Selektor did not become ready"
echo "Selektor ready on $base (pid $service_pid), ExtendDB on $store (pid $store_pid)"

answer=$(curl -sS -u editor:editor -X PUT "$base/campaigns/$campaign" -H 'Content-Type: application/json' \
  --data-binary @"$campaign_file" -w '\n%{http_code}')
[[ "${answer##*$'\n'}" == 20? ]] || fail_with_log "Defining $campaign answered ${answer##*$'\n'}: ${answer%$'\n'*}"
echo "Campaign $campaign defined"

# --- request bodies: the facts of N customers, each with the run date ---
# Facts as of the run date (--today), so that no order or date in them lies after the day decided for.
bin/generate-customers --count "$customers" --seed 42 --today "$run_date" --out "$tmp/customers.ndjson"
bodies="$tmp/bodies.ndjson"
awk -v d="$run_date" 'NF {print "{\"customer\": " $0 ", \"runDate\": \"" d "\"}"}' "$tmp/customers.ndjson" >"$bodies"
echo "$(wc -l <"$bodies") request bodies, $(( $(stat -c %s "$bodies") / $(wc -l <"$bodies") )) bytes each on average"

# One request by hand first: a load test of 401s or 400s would measure only how fast errors are answered.
answer=$(curl -sS -u "$user" -X POST "$url" -H 'Content-Type: application/json' \
  --data-binary "$(head -n 1 "$bodies")" -w '\n%{http_code}')
status=${answer##*$'\n'}
body=${answer%$'\n'*}
outcome=$(json_field outcome "$body")
[ "$status" = 200 ] && [ -n "$outcome" ] || fail_with_log "A single decision answered $status: ${body:0:2000}"
echo "One decision by curl: 200, outcome $outcome"
# The floor server answers with exactly these bytes.
printf '%s' "$body" >"$tmp/answer.json"

rows=()
phase_cpu() { # phase_cpu SERVICE_TICKS STORE_TICKS SECONDS -> "service | ExtendDB" cells
  printf '%s %% | %s %%' "$(busy_percent "$1" "$3")" "$(busy_percent "$2" "$3")"
}

# The server the phases load, and whose CPU time is taken: the service; the floor server or Kogito in their phases.
# target_bodies and target_login are what the generator sends it, target_lua what wrk sends it.
target_url=$url
target_pid=""
target_bodies=$bodies
target_login=(--user "${user%%:*}" --password "${user#*:}")
target_lua="$tmp/decisions.lua"
# The generator needs little memory: its requests are prepared bytes, its latencies a few histograms.
generator() {
  java -Xmx512m \
    -cp "target/test-classes:target/classes:$(cat "$classpath_file")" dev.selektor.bench.load.OpenLoopLoadGenerator \
    --url "$target_url" "${target_login[@]}" --bodies "$target_bodies" \
    --duration "$duration" --warmup "$warmup" --drain "$drain" "$@"
}
# run_generator ARGS...: runs it, taking the target's and the store's CPU time, and the machine's steal time, at
# its window's start and end. Sets gen_rc and result (its "result ..." line).
run_generator() {
  local line window_start="" window_end="" s_ticks="" e_ticks="" st_ticks=""
  local pid=${target_pid:-$service_pid}
  gen_rc=0
  result=""
  generator "$@" | while IFS= read -r line; do
    case "$line" in
      "phase measure-start")
        window_start=$(now); s_ticks=$(cpu_ticks "$pid"); e_ticks=$(cpu_ticks "$store_pid"); st_ticks=$(steal_ticks) ;;
      "phase measure-end")
        window_end=$(now)
        s_ticks=$(( $(cpu_ticks "$pid") - s_ticks )); e_ticks=$(( $(cpu_ticks "$store_pid") - e_ticks ))
        st_ticks=$(( $(steal_ticks) - st_ticks )) ;;
      "result "*) result=$line ;;
    esac
    printf '%s\n' "$line"
  done || gen_rc=$?
  [ -n "$window_end" ] || { echo "The load generator ended before its measured window did (exit $gen_rc)" >&2; exit 1; }
  window_s=$(seconds_between "$window_start" "$window_end")
  window_cpu=$(phase_cpu "$s_ticks" "$e_ticks" "$window_s")
  window_cpu_text="server $(busy_percent "$s_ticks" "$window_s") %, ExtendDB $(busy_percent "$e_ticks" "$window_s") %"
  window_steal=$(steal_percent "$st_ticks" "$window_s")
}
# field NAME [LINE]: a value of the generator's result line, or of another such key=value line
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"${2-$result}"; }
check_generator() {
  case "$gen_rc" in
    0) note="" ;;
    3) note=" (past capacity)" ;;
    1) fail_with_log "The load generator saw more than 0.1 % answers other than 200 or errors (see its warning above)" ;;
    *) fail_with_log "The load generator failed (exit $gen_rc)" ;;
  esac
}

# write_lua FILE BODIES [AUTHORIZATION]: wrk's script sending each line of BODIES in turn.
# Every body pre-formatted once, in init(): only there has wrk set the Host header that wrk.format() copies.
# request() only hands out the next; done() prints one line to parse.
write_lua() {
  local headers='["Content-Type"] = "application/json"'
  [ -z "${3:-}" ] || headers+=", [\"Authorization\"] = \"$3\""
  cat >"$1" <<LUA
local requests = {}
init = function(args)
  for line in io.lines("$2") do
    if #line > 0 then
      requests[#requests + 1] = wrk.format("POST", nil, {$headers}, line)
    end
  end
end
local i = 0
request = function()
  i = i % #requests + 1
  return requests[i]
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("wrk-result requests=%d seconds=%.3f non2xx=%d errors=%d p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f\n",
    summary.requests, summary.duration / 1e6, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
LUA
}
$have_wrk && write_lua "$tmp/decisions.lua" "$bodies" "Basic $(printf '%s' "$user" | base64 -w 0)"

# jit_warmup_phase NAME: closed-loop load on the target for --jit-warmup, not measured.
# A fresh service under this load keeps C2 compiling for a minute or more (here still 45 % of a core 30-50 s in,
# settled after about 90 s) and answers several times faster afterwards; without this the first phase would
# measure a JVM that is still compiling.
jit_warmup_phase() {
  if [[ "$jit_warmup" =~ ^0+[sm]?$ ]]; then return 0; fi
  echo
  echo "Warming $1's JIT up: $jit_warmup of closed-loop load, 8 connections (not measured)..."
  if $have_wrk; then
    wrk -t1 -c8 -d"$jit_warmup" -s "$target_lua" "$target_url" >"$tmp/wrk-jit.out"
    grep '^wrk-result' "$tmp/wrk-jit.out"
  else
    generator --saturate --connections 8 --warmup 0s --duration "$jit_warmup" | grep '^result' || true
  fi
}

# saturation_phase LABEL: closed loop, 8 connections, against the target, appended to the table as LABEL.
saturation_phase() {
  local label=$1 pid=${target_pid:-$service_pid}
  echo
  if $have_wrk; then
    echo "Saturation: wrk -t1 -c8 -d$warmup (warm-up, not recorded), then -d$duration..."
    wrk -t1 -c8 -d"$warmup" -s "$target_lua" "$target_url" >"$tmp/wrk-warmup.out"
    server_ticks=$(cpu_ticks "$pid")
    store_ticks=$(cpu_ticks "$store_pid")
    children_seconds
    client_cpu=$children_s
    started=$(now)
    steal_start=$(steal_ticks)
    wrk -t1 -c8 -d"$duration" --latency -s "$target_lua" "$target_url" | tee "$tmp/wrk.out"
    elapsed=$(seconds_between "$started" "$(now)")
    steal=$(steal_percent $(( $(steal_ticks) - steal_start )) "$elapsed")
    server_ticks=$(( $(cpu_ticks "$pid") - server_ticks ))
    store_ticks=$(( $(cpu_ticks "$store_pid") - store_ticks ))
    children_seconds
    client_cpu=$(awk -v a="$client_cpu" -v b="$children_s" -v s="$elapsed" 'BEGIN {printf "%.0f", (b - a) / s * 100}')
    read -r wrk_requests wrk_seconds wrk_non2xx wrk_errors p50 p90 p99 p999 max < <(
      awk '$1 == "wrk-result" {for (i = 2; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}
           print v["requests"], v["seconds"], v["non2xx"], v["errors"], v["p50"], v["p90"], v["p99"], v["p999"], v["max"]}' "$tmp/wrk.out")
    [ -n "${wrk_requests:-}" ] || { echo "wrk printed no result line" >&2; exit 1; }
    # wrk counts answers of 400 and up as non-2xx; a 3xx would also be wrong here, but neither server sends one.
    if awk -v b=$((wrk_non2xx + wrk_errors)) -v n="$wrk_requests" 'BEGIN {exit !(b > 0.001 * n)}'; then
      echo "!!! WARNING: $wrk_non2xx answers of 400 or above and $wrk_errors errors out of $wrk_requests requests:" \
        "the saturation figure measures error answers, not decisions. Stopping." >&2
      fail_with_log "Too many failed requests under wrk"
    fi
    saturation_rate=$(awk -v n="$wrk_requests" -v s="$wrk_seconds" 'BEGIN {printf "%.0f", n / s}')
    echo "$label: $saturation_rate req/s; p50 $p50 ms, p99 $p99 ms, p99.9 $p999 ms, max $max ms;" \
      "CPU: server $(busy_percent "$server_ticks" "$elapsed") %, ExtendDB $(busy_percent "$store_ticks" "$elapsed") %, wrk $client_cpu %"
    rows+=("| $label: \`wrk -t1 -c8\`, closed loop | $saturation_rate | $p50 | $p99 | $p999 | $max | $(phase_cpu "$server_ticks" "$store_ticks" "$elapsed") | $client_cpu % | $steal % |")
  else
    echo "Saturation: the generator's closed-loop mode, 8 connections, warm-up $warmup, then $duration..."
    run_generator --saturate --connections 8
    check_generator
    saturation_rate=$(printf '%.0f' "$(field achieved)")
    rows+=("| $label: generator \`--saturate\`, 8 connections, closed loop | $saturation_rate | $(field p50) | $(field p99) | $(field p999) | $(field max) | $window_cpu | $(field client_cpu_percent) % | $window_steal % |")
  fi
}

# --- 0. the JIT's warm-up, once, not measured ---
jit_warmup_phase "the service"

# --- 1. saturation, closed loop, 8 connections ---
saturation_phase saturation

# --- 2. open loop at each rate, each followed by the floor at that rate ---
# open_loop_phase RATE LABEL: one open-loop phase against $target_url, appended to the table as LABEL.
open_loop_phase() {
  local rate=$1 label=$2 ge=""
  shift 2
  run_generator --rate "$rate" --connections "$connections" "$@"
  check_generator
  achieved=$(printf '%.0f' "$(field achieved)")
  # Answers slower than the schedule, or a queue left at the window's end: past capacity, even if it drained in time.
  [ "$(field kept_up)" = yes ] || note=" (past capacity)"
  echo "$label: CPU in the measured window: $window_cpu_text, generator $(field client_cpu_percent) %, steal $window_steal %$note"
  # Requests cut short at the end of the drain are in the percentiles at their age then: lower bounds.
  if [ "$(field cut)" != 0 ]; then
    ge="≥ "
    echo "  requests still queued or in flight when the $drain drain ended: $(field cut) of $(field scheduled)"
  fi
  rows+=("| $label$note | $achieved | $ge$(field p50) | $ge$(field p99) | $ge$(field p999) | $ge$(field max) | $window_cpu | $(field client_cpu_percent) % | $window_steal % |")
}

if $floor; then
  # As many event loops as the service has (its threads are named after them; the kernel cuts names at 15 bytes),
  # so that the floor differs from it only by the work it leaves out.
  service_event_loops=$(grep -l '^vert.x-eventloo' /proc/"$service_pid"/task/*/comm 2>/dev/null | wc -l)
  if [ "$service_event_loops" -eq 0 ]; then
    echo "Found no event-loop threads in the service (pid $service_pid) to give the floor as many" >&2
    exit 1
  fi
  java -Xmx256m -cp "target/test-classes:target/classes:$(cat "$classpath_file")" dev.selektor.bench.load.HttpFloorServer \
    "$floor_port" "$tmp/answer.json" "$service_event_loops" >"$tmp/floor.log" 2>&1 &
  floor_pid=$!
  for _ in $(seq 1 60); do
    grep -q '^listening' "$tmp/floor.log" && break
    kill -0 "$floor_pid" 2>/dev/null || { cat "$tmp/floor.log" >&2; echo "The floor server stopped during start-up" >&2; exit 1; }
    sleep 0.5
  done
  grep -q '^listening' "$tmp/floor.log" || { echo "The floor server did not start" >&2; exit 1; }
  floor_url="http://127.0.0.1:$floor_port/campaigns/$campaign/decisions"
  # Its JIT is warmed like the service's, so that both phases compare warmed-up servers.
  echo "Floor server on port $floor_port (pid $floor_pid, $service_event_loops event loops as the service); warming it up for 20s..."
  target_url=$floor_url target_pid=$floor_pid generator --saturate --connections 8 --warmup 0s --duration 20s \
    >"$tmp/floor-warmup.out" 2>&1 || { cat "$tmp/floor-warmup.out" >&2; echo "Warming the floor server up failed" >&2; exit 1; }
fi

IFS=, read -r -a rate_list <<<"$rates"
attribution_rows=()
for rate in "${rate_list[@]}"; do
  echo
  echo "Open loop at $rate req/s: warm-up $warmup, then $duration, $connections connections..."
  if $attribute; then
    open_loop_phase "$rate" "open loop, $rate req/s" --timeline "$tmp/timeline-$rate.txt"
    echo "Slow requests of the service against its safepoints (JVM stops, collector pauses among them):"
    java -cp target/test-classes dev.selektor.bench.load.TailAttribution --timeline "$tmp/timeline-$rate.txt" \
      --safepoints "$tmp/safepoints.log" --over 2 | tee "$tmp/attribution.out"
    attribution=$(grep '^attribution ' "$tmp/attribution.out")
    attribution_rows+=("| $rate | $(field p99 "$attribution") | $(field p99_without_safepoints "$attribution") | $(field slow "$attribution") | $(field slow_at_safepoint "$attribution") | $(field safepoints "$attribution") | $(field stopped_percent "$attribution") % | $window_steal % |")
  else
    open_loop_phase "$rate" "open loop, $rate req/s"
  fi
  if $floor; then
    echo
    echo "Floor at $rate req/s (HttpFloorServer, the same generator and bodies): warm-up $warmup, then $duration..."
    target_url=$floor_url
    target_pid=$floor_pid
    open_loop_phase "$rate" "floor: bare Vert.x server, open loop, $rate req/s"
    target_url=$url
    target_pid=""
  fi
done

# --- 4. Kogito's generated endpoint for the same table, the same phases ---
if $kogito; then
  kogito_url="http://127.0.0.1:$kogito_port/$model"
  kogito_bodies="$tmp/kogito-bodies.ndjson"
  # The same customers and run date, under the model's input names: Kogito reads its inputs from the body as named.
  awk -v d="$run_date" 'NF {print "{\"Customer\": " $0 ", \"Run Date\": \"" d "\"}"}' "$tmp/customers.ndjson" >"$kogito_bodies"
  echo
  kogito_started=$(now)
  java -Dquarkus.http.port="$kogito_port" -jar "$kogito_jar" >"$tmp/kogito.log" 2>&1 &
  kogito_pid=$!
  # It has no health endpoint: it is ready when it decides.
  kogito_status=""
  for _ in $(seq 1 240); do
    kogito_status=$(curl -s -o "$tmp/kogito-answer.json" -w '%{http_code}' -X POST "$kogito_url" \
      -H 'Content-Type: application/json' --data-binary "$(head -n 1 "$kogito_bodies")" 2>/dev/null || true)
    [ "$kogito_status" = 200 ] && break
    kill -0 "$kogito_pid" 2>/dev/null || { tail -n 50 "$tmp/kogito.log" >&2; echo "Kogito's endpoint stopped during start-up" >&2; exit 1; }
    sleep 0.25
  done
  [ "$kogito_status" = 200 ] || { tail -n 50 "$tmp/kogito.log" >&2; echo "Kogito's endpoint answered $kogito_status: $(head -c 2000 "$tmp/kogito-answer.json")" >&2; exit 1; }
  echo "Kogito's endpoint $kogito_url (pid $kogito_pid) decided after $(seconds_between "$kogito_started" "$(now)") s: $(head -c 300 "$tmp/kogito-answer.json")"
  target_url=$kogito_url
  target_pid=$kogito_pid
  target_bodies=$kogito_bodies
  target_login=()
  target_lua="$tmp/kogito.lua"
  target_name="Kogito's endpoint"
  target_log="$tmp/kogito.log"
  $have_wrk && write_lua "$target_lua" "$kogito_bodies"
  jit_warmup_phase "Kogito's endpoint"
  saturation_phase "Kogito's endpoint, saturation"
  for rate in "${rate_list[@]}"; do
    echo
    echo "Kogito's endpoint, open loop at $rate req/s: warm-up $warmup, then $duration, $connections connections..."
    open_loop_phase "$rate" "Kogito's endpoint, open loop, $rate req/s"
  done
fi

# --- the figures ---
cat <<TABLE

POST /campaigns/$campaign/decisions (facts in the body, $customers synthetic customers round-robin, run date $run_date), packaged service and ExtendDB $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' node_modules/@extenddb/linux-x64/package.json) on this machine, load from a separate process; measured $duration after $warmup of warm-up ($(date -u +%Y-%m-%d)). Open-loop latencies from each request's intended send time; saturation latencies from the actual send (closed loop). CPU in % of one core ("server" is the floor server or Kogito's endpoint in their rows); steal in % of all CPUs.$($kogito && printf ' Kogito: its generated endpoint POST /%s for the same table and customers (Kogito %s, Quarkus %s), no login, its full context as answer.' "$model" \
  "$(sed -n 's:.*<kogito.version>\(.*\)</kogito.version>.*:\1:p' bench/kogito/pom.xml)" \
  "$(sed -n 's:.*<quarkus.version>\(.*\)</quarkus.version>.*:\1:p' bench/kogito/pom.xml)")

| load | achieved req/s | p50 ms | p99 ms | p99.9 ms | max ms | server CPU | ExtendDB CPU | client CPU | steal |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${rows[@]}")
$(if $attribute; then printf '\nThe service'"'"'s open-loop phases against its safepoints (a request counts against one when it was in flight within 1 ms of it):\n\n| open loop, req/s | p99 ms | p99 ms without the requests that met a safepoint | requests over 2 ms | of them at a safepoint | safepoints | time stopped | steal |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n'; printf '%s\n' "${attribution_rows[@]}"; fi)

Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/^MemTotal:/ {printf "%.0f GB RAM", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1); load average before the run's end: $(cut -d' ' -f1-3 /proc/loadavg)
TABLE
