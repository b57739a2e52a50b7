#!/usr/bin/env bash
# Run every Raddle Teams benchmark and write JSON results plus a markdown table.
#
#   bench/run_all.sh                    # full run (~12 min on 2 cores), results in bench/results/latest
#   QUICK=1 bench/run_all.sh            # smaller sizes (~4 min), for checking the scripts
#   OUT=bench/results/mine PROFILE=0 bench/run_all.sh
#   STEPS=a_rest,b_fanout bench/run_all.sh   # only these steps; the table keeps the others
#
# Every server we start is pinned to core 0 and killed at the end of its script; every
# load generator runs on core 1 and talks to 127.0.0.1 only. Each step has a hard time
# limit (timeout) and each loop inside the scripts is bounded in count and in time.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
OUT=${OUT:-bench/results/latest}
QUICK=${QUICK:-0}
PROFILE=${PROFILE:-1}
mkdir -p "$OUT/profiles"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if ! command -v wrk >/dev/null; then
  echo "wrk is missing: apt-get update && apt-get install -y wrk hyperfine" >&2
  exit 2
fi

if [ "$QUICK" = 1 ]; then
  A_DUR=5; B_PLAYERS=300; B_STORM=60; C_LOBBIES=20; C_DUR=10; D_SOCKETS=3000; D_PLAIN=300
  E_RUNS=3; F_PLAYERS=150; F_DUR=5; F_GUESS_LOBBIES=5
else
  A_DUR=10; B_PLAYERS=1000; B_STORM=100; C_LOBBIES=50; C_DUR=20; D_SOCKETS=10000; D_PLAIN=1000
  E_RUNS=7; F_PLAYERS=300; F_DUR=10; F_GUESS_LOBBIES=20
fi

started=$(date +%s)
failed=0
# An installed package carries its bytecode; a source checkout run with
# PYTHONDONTWRITEBYTECODE would compile every module at each start instead.
$PY -m compileall -q src/raddle > /dev/null

# step NAME TIME_LIMIT_SECONDS COMMAND...  -> $OUT/NAME.json, $OUT/NAME.log
step() {
  local name=$1 limit=$2
  shift 2
  if [ -n "${STEPS:-}" ] && [[ ",$STEPS," != *",$name,"* ]]; then return 0; fi
  $PY bench/tools/quiet.py --max-wait 5 > "$OUT/quiet_$name.json" 2>/dev/null
  # The code under test is whatever is on disk when the step starts its server (the
  # package is installed in editable mode): record the commit and uncommitted src files.
  { git rev-parse HEAD; git status --porcelain -- src; } > "$OUT/code_$name.txt" 2>/dev/null
  printf '== %-22s (limit %ss, machine: %s)\n' "$name" "$limit" "$(cat "$OUT/quiet_$name.json")"
  local t0=$(date +%s) load_before
  load_before=$(uptime)
  if ! timeout --kill-after=15 "$limit" "$@" --out "$OUT/$name.json" > /dev/null 2> "$OUT/$name.log"; then
    echo "!! $name failed or timed out; see $OUT/$name.log" >&2
    failed=$((failed + 1))
  fi
  # Stamp the result with the code it measured and how busy the machine was.
  $PY bench/tools/stamp.py "$OUT/$name.json" "$OUT/code_$name.txt" "$load_before" "$(uptime)"
  grep '^# ' "$OUT/$name.log" | sed 's/^/   /'
  echo "   ($(( $(date +%s) - t0 )) s)"
}

$PY bench/tools/machine.py > "$OUT/machine.json"

# (a) REST: lobby summary, /api/me, join at 50 and 200 connections; joins spread over 50 lobbies at 50.
step a_rest 300 $PY bench/rest_wrk.py --port 8800 --duration "$A_DUR" --connections 50,200 \
  --cases summary,me,host,join,join_spread
# (a, writes) The uncached REST paths alone: the host view and joins, at 50 and 200 connections
# (the table shows these in place of the same cases of a_rest when both exist).
step a_rest_writes 200 $PY bench/rest_wrk.py --port 8802 --duration "$A_DUR" --connections 50,200 \
  --cases host,join
# (b) fan-out: one lobby, N player sockets; plus a small connect storm without warm-up.
step b_fanout 420 $PY bench/ws_fanout.py --port 8810 --players "$B_PLAYERS" --storm-players "$B_STORM"
# (c) guess round trip: L x 8 x 5 players, one guess a second each; the server is profiled.
if [ "$PROFILE" = 1 ]; then C_SPY=(--pyspy "$OUT/profiles/c_guess"); else C_SPY=(); fi
step c_guess 480 $PY bench/guess_load.py --port 8820 --lobbies "$C_LOBBIES" --duration "$C_DUR" "${C_SPY[@]}"
step c_guess_light 120 $PY bench/guess_load.py --port 8821 --lobbies 1 --duration 10
# (c, mid) 3 lobbies: 120 guesses/s offered, near what one core answers, so the rate is
# the server's and not a queue's.
step c_guess_mid 240 $PY bench/guess_load.py --port 8822 --lobbies 3 --duration "$C_DUR"
# (d) RSS: idle, 1,000 and 10,000 idle sockets (+ some without deflate).
step d_idle_rss 420 $PY bench/idle_rss.py --port 8830 --sockets "$D_SOCKETS" --extra-plain "$D_PLAIN"
# (e) start-up to the first healthy /api/health.
step e_startup 180 $PY bench/startup.py --port 8840 --runs "$E_RUNS"
# (g) CPU per join, guess and host view, in one process on core 0 (no HTTP, no sockets).
step g_service_cpu 180 taskset -c 0 $PY bench/service_cpu.py --count 1000
# (f) 1 vs 2 processes on PostgreSQL + Redis (both processes on core 0, like every server here).
step f_rest_pg1 120 $PY bench/rest_wrk.py --port 8850 --db postgres --workers 1 --cases summary \
  --duration "$F_DUR" --connections 50,200
step f_rest_pg2 120 $PY bench/rest_wrk.py --port 8851 --db postgres --workers 2 --cases summary \
  --duration "$F_DUR" --connections 50,200
F_FAN=(--players "$F_PLAYERS" --roster-triggers 10 --triggers 30 --burst 30)
step f_fanout_sqlite1 180 $PY bench/ws_fanout.py --port 8852 "${F_FAN[@]}"
step f_fanout_pg1 180 $PY bench/ws_fanout.py --port 8853 --db postgres --workers 1 "${F_FAN[@]}"
step f_fanout_pg2 180 $PY bench/ws_fanout.py --port 8854 --db postgres --workers 2 "${F_FAN[@]}"
# The guess load of (c) on PostgreSQL + Redis, one process and two (both on core 0, so
# the second process adds no CPU: what it shows is the cost of the hub between them).
F_GUESS=(--lobbies "$F_GUESS_LOBBIES" --duration "$C_DUR")
step f_guess_pg1 480 $PY bench/guess_load.py --port 8856 --db postgres --workers 1 "${F_GUESS[@]}"
step f_guess_pg2 480 $PY bench/guess_load.py --port 8857 --db postgres --workers 2 "${F_GUESS[@]}"
# The fan-out again at the (f) size without permessage-deflate (what compression costs).
step b_fanout_nodeflate 180 $PY bench/ws_fanout.py --port 8855 --compression none "${F_FAN[@]}"
# Profiles of (a): the same REST load, shorter, with py-spy attached (figures not used).
if [ "$PROFILE" = 1 ]; then
  step a_rest_profiled 120 $PY bench/rest_wrk.py --port 8801 --duration 8 --connections 50 \
    --cases summary,me,join --pyspy-dir "$OUT/profiles" --thread-cpu
fi

$PY bench/make_table.py "$OUT" > "$OUT/table.md"
cat "$OUT/table.md"
echo
echo "done in $(( $(date +%s) - started )) s; $failed step(s) failed; results in $OUT"
[ "$failed" = 0 ]
