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
