#!/bin/sh
# wine-cost.sh NATIVE_BUILD MINGW_X64_BUILD [REPS] [OUTSTANDING...] - the CPU
# time one GET costs under Wine x64, our client (wire_ows.exe) next to the
# WSAEventSelect Winsock ping-pong (pingpong_winsock.exe ... event), at each
# OUTSTANDING (default 64 256): the Windows process's task-clock (all its
# threads, perf stat) and the wineserver's (perf stat -p), marginal over
# 20,000 GETs ((cost of 25,000 GETs - cost of 5,000) / 20,000), so that
# Wine's start-up drops out. CPU time per GET depends on the machine's load
# far less than GETs/s do; it tells whether a GET costs more at 256
# outstanding than at 64, and whose cost it is (the program or the server).
# Medians of REPS (default 3) rounds, the programs alternating. Ports:
# BENCH_PORT (the responder). Every process started here is stopped by PID.
set -u
nb=$(cd "${1:?native build dir}" && pwd)
wb=$(cd "${2:?mingw-x64 build dir}" && pwd)
reps=${3:-3}
shift 2; [ $# -gt 0 ] && shift
ns=${*:-64 256}
port=${BENCH_PORT:-16200}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
wrun="$root/scripts/wine-run"
export WINEPREFIX=${WINEPREFIX:-$wb/wineprefix} WINEDEBUG=-all WINEDLLOVERRIDES=wsnmp32=n
. "$here/wineserver.sh"
wine_bench_begin /dev/null
sleep 0.3
(cd "$wb/bin" && timeout 300 "$wrun" x64 ./pingpong_winsock.exe "$port" 1 0.1 >/dev/null 2>&1)

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'; }
msecs() { awk -F, '$3 == "task-clock" { print $1 }' "$1"; }
switches() { awk -F, '$3 == "context-switches" { print $1 }' "$1"; }
# cost CMD...: "program-ms server-ms program-cs server-cs GETs/s" of CMD
# (its last argument: the GETs to make).
cost() {
    perf stat -x, -e task-clock,context-switches -p "$wpid" -o "$tmp/srv" 2>/dev/null &
    pf=$!
    sleep 0.1
    (cd "$wb/bin" && timeout 300 perf stat -x, -e task-clock,context-switches -o "$tmp/prog" "$@" >"$tmp/out" 2>&1)
    kill -INT "$pf" 2>/dev/null; wait "$pf" 2>/dev/null
    echo "$(msecs "$tmp/prog") $(msecs "$tmp/srv") $(switches "$tmp/prog") $(switches "$tmp/srv")" \
         "$(sed -n 's/.*: \([0-9]*\) GETs\/s.*/\1/p' "$tmp/out" | head -1)"
}
# marginal OUT CMD-WITHOUT-COUNT...: appends "prog-us server-us prog-cs
# server-cs" per GET (cs: context switches) and the GETs/s of the longer run.
marginal() {
    out=$1; shift
    a=$(cost "$@" 5000); z=$(cost "$@" 25000)
    set -- $a $z
    echo "$(echo "scale=2; ($6 - $1) * 1000 / 20000" | bc) $(echo "scale=2; ($7 - $2) * 1000 / 20000" | bc)" \
         "$(echo "scale=2; ($8 - $3) / 20000" | bc) $(echo "scale=2; ($9 - $4) / 20000" | bc) ${10:-0}" >> "$out"
}

echo "== CPU microseconds per GET under Wine x64 (marginal over 20,000 GETs; median of $reps) =="
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(CPU: task-clock microseconds per GET; cs: context switches per GET; program / wineserver)"
echo "(GETs/s: 25,000-GET runs, ours / ping-pong, and the median of the rounds' ratios)"
printf '%-11s | %-17s | %-17s | %-17s | %-17s | %s\n' outstanding "CPU ours" "CPU ping-pong" "cs ours" "cs ping-pong" "GETs/s"
for n in $ns; do
    : > "$tmp/o"; : > "$tmp/p"
    r=0
    while [ "$r" -lt "$reps" ]; do
        marginal "$tmp/o" "$wrun" x64 ./wire_ows.exe "$port" "$n" 0
        marginal "$tmp/p" "$wrun" x64 ./pingpong_winsock.exe "$port" "$n" 600 event
        r=$((r + 1))
    done
    col() { cut -d' ' -f"$2" "$1" | median; }
    # Each round's wall-clock ratio, ours over the ping-pong's.
    pair=$(paste -d' ' "$tmp/o" "$tmp/p" | awk '$10 > 0 { printf "%.2f\n", $5 / $10 }' | median)
    printf '%-11s | %8s / %6s | %8s / %6s | %8s / %6s | %8s / %6s | %6s / %6s (%s)\n' "$n" \
        "$(col "$tmp/o" 1)" "$(col "$tmp/o" 2)" "$(col "$tmp/p" 1)" "$(col "$tmp/p" 2)" \
        "$(col "$tmp/o" 3)" "$(col "$tmp/o" 4)" "$(col "$tmp/p" 3)" "$(col "$tmp/p" 4)" \
        "$(col "$tmp/o" 5)" "$(col "$tmp/p" 5)" "$pair"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
