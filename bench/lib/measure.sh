# Helpers the benchmark scripts share: free ports, CPU time of a process, small number formatting. Sourced by them
# (from the repository's root), not run.

# The first port from $1 on that nothing listens on (a connect that succeeds means it is taken).
free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

# CPU time a process has used so far, in clock ticks (user + system, all threads). Compared over a timed phase it
# tells who was busy: a store at ~100 % of one core while the client or the service idles is the limit, not them.
clock_ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# busy_percent TICKS SECONDS: CPU use over a phase, in % of one core
busy_percent() { awk -v t="$1" -v c="$clock_ticks" -v s="$2" 'BEGIN {printf "%.0f", t / c / s * 100}'; }
now() { date +%s.%N; }
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", b - a}'; }
# json_field NAME JSON: a string or number field of the service's compact JSON (no jq on a fresh machine).
json_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" <<<"$2"; }

# post_import BASE FILE: streams an NDJSON file to BASE/customers/import as "${auth[@]}"; sets import_status,
# import_body and imported. -T streams the file instead of loading it into curl first; "Expect:" stops curl waiting
# for a 100 Continue.
post_import() {
  local answer
  answer=$(curl -sS "${auth[@]}" -X POST "$1/customers/import" -H 'Content-Type: application/x-ndjson' -H 'Expect:' \
    -T "$2" -w '\n%{http_code}')
  import_status=${answer##*$'\n'}
  import_body=${answer%$'\n'*}
  imported=$(json_field imported "$import_body")
}

# import_complete COUNT LOG: whether the last post_import stored all COUNT lines; if not, says what it answered and
# shows the end of the service's LOG.
import_complete() {
  if [ "$import_status" != 200 ] || [ "$imported" != "$1" ]; then
    echo "The import answered $import_status: ${import_body:0:2000}" >&2
    tail -n 50 "$2" >&2
    return 1
  fi
}
