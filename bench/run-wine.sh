#!/bin/sh
# run-wine.sh NATIVE_BUILD MINGW_X64_BUILD [REPS] - issue 12's Wine benchmark,
# in one run:
#  client: the same GET workload (bench/wire_ows.c through the WinSNMP API)
#    natively and under Wine x64 against bench/responder at 1, 16, 64 and 256
#    outstanding, next to a plain Winsock UDP ping-pong under Wine at the same
#    concurrency (bench/pingpong_winsock.c, blocking and WSAPoll shapes; the
#    better of the two is the ceiling Wine sets);
#  system calls per GET of the Windows process under strace, ours and the
#    ping-pong's (each Winsock call is a round trip to the wineserver);
#  agent: net-snmp's async client (bench/wire_netsnmp.c) as the load against
#    our API agent (bench/agent_ows.c) under Wine and natively, snmpd, and a
#    plain Winsock answering loop under Wine (pingpong_winsock serve).
# Each figure is the median of REPS (default 3) runs of BENCH_SECONDS (2)
# seconds, the programs alternating so that the machine's load falls on all
# of them alike. Retransmissions and the engine's drops (unmatched + queue
# full + malformed) come from WSNMP_DEBUG=stats; "socket drops" are the
# kernel's drop counter of the program's own UDP sockets (/proc/net/udp),
# read just before the run ends.
# NATIVE_BUILD: Release, -DOWS_BENCH=ON. MINGW_X64_BUILD: mingw-x64 with
# -DOWS_BENCH=ON (bin/ holds wsnmp32.dll, wire_ows.exe, agent_ows.exe,
# pingpong_winsock.exe). WINEPREFIX defaults to MINGW_X64_BUILD/wineprefix;
# a wineserver is started for it (and stopped by PID) unless one runs.
# Ports: BENCH_PORT (the responder), AGENT_PORT .. AGENT_PORT+3 (the
# agents; default BENCH_PORT+20). Every process started here
# is stopped by PID; every run is bounded by timeout.
set -u
nb=$(cd "${1:?native build dir}" && pwd)
wb=$(cd "${2:?mingw-x64 build dir}" && pwd)
reps=${3:-3}
port=${BENCH_PORT:-16200}
secs=${BENCH_SECONDS:-2}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
wrun="$root/scripts/wine-run"
export WINEPREFIX=${WINEPREFIX:-$wb/wineprefix} WINEDEBUG=-all WINEDLLOVERRIDES=wsnmp32=n
export LD_LIBRARY_PATH=$nb
tmp=$(mktemp -d)
rpid=""; wpid=""; apid=""; wa=""; wc=""
cleanup() {
    for p in $apid $wa $wc; do kill "$p" 2>/dev/null; done
    [ -n "$rpid" ] && kill "$rpid" 2>/dev/null
    sh "$root/tests/agent/stop-snmpd.sh" "$tmp/snmpd" 2>/dev/null
    if [ -n "$wpid" ]; then
        wineserver -k 2>/dev/null
        i=0; while kill -0 "$wpid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        kill "$wpid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

mkdir -p "$WINEPREFIX"
(cd "$WINEPREFIX" && exec wineserver -f -p) >/dev/null 2>&1 &
wpid=$!
sleep 0.5
kill -0 "$wpid" 2>/dev/null || wpid=""     # one already runs for this prefix
"$nb/bench/bench_responder" "$port" 3600 2>/dev/null &
rpid=$!
sleep 0.3
# The first Wine start of a fresh prefix takes long: not part of any figure.
(cd "$wb/bin" && timeout 300 "$wrun" x64 ./pingpong_winsock.exe "$port" 1 0.1 >/dev/null 2>&1)

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'; }
rate() { sed -n 's/.*: \([0-9]*\) GETs\/s.*/\1/p' | head -1; }

# Kernel drop counter of every UDP socket PID holds (/proc/net/udp, udp6).
sock_drops() {
    inodes=$(ls -l /proc/"$1"/fd 2>/dev/null | sed -n 's/.*socket:\[\([0-9]*\)\].*/\1/p' | tr '\n' ' ')
    [ -n "$inodes" ] || { echo 0; return; }
    cat /proc/net/udp /proc/net/udp6 2>/dev/null |
        awk -v list=" $inodes " 'NR > 1 && index(list, " " $10 " ") { d += $NF } END { print d + 0 }'
}

# run_sampled OUT CMD... : runs CMD (bounded), appends its output to OUT and
# a line "socket drops N" read shortly before it ends.
run_sampled() {
    out=$1; shift
    timeout $((secs + 60)) "$@" >"$out.cur" 2>&1 &
    p=$!
    sleep "$(echo "$secs - 0.3" | bc)"
    # timeout's child is the program (wine-run execs the Wine loader).
    c=$(pgrep -P "$p" | head -1)
    d=$(sock_drops "${c:-$p}")
    wait "$p"
    cat "$out.cur" >> "$out"
    echo "socket drops $d" >> "$out"
}

echo "== client: GETs/s against bench/responder, median of $reps x $secs s (Wine x64: our wsnmp32.dll) =="
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores shared with other jobs: compare ratios)"
printf '%-11s | %9s | %9s | %18s | %9s | %8s | %12s | %12s\n' outstanding native "Wine" "Winsock block/poll" "Wine/ceil" retrans "engine drops" "socket drops"
for n in 1 16 64 256; do
    : > "$tmp/nat"; : > "$tmp/win"; : > "$tmp/pb"; : > "$tmp/pp"; : > "$tmp/ws"
    r=0
    while [ $r -lt "$reps" ]; do
        timeout $((secs + 30)) "$nb/bench/bench_wire_ows" "$port" "$n" "$secs" | rate >> "$tmp/nat"
        run_sampled "$tmp/ws" sh -c "cd '$wb/bin' && WSNMP_DEBUG=stats exec '$wrun' x64 ./wire_ows.exe $port $n $secs"
        (cd "$wb/bin" && timeout $((secs + 30)) "$wrun" x64 ./pingpong_winsock.exe "$port" "$n" "$secs" block) | rate >> "$tmp/pb"
        (cd "$wb/bin" && timeout $((secs + 30)) "$wrun" x64 ./pingpong_winsock.exe "$port" "$n" "$secs" poll) | rate >> "$tmp/pp"
        r=$((r + 1))
    done
    sed -n 's/.*: \([0-9]*\) GETs\/s.*/\1/p' "$tmp/ws" > "$tmp/win"
    nat=$(median < "$tmp/nat"); win=$(median < "$tmp/win")
    pb=$(median < "$tmp/pb"); pp=$(median < "$tmp/pp")
    ceil=$pb; [ "$pp" -gt "$ceil" ] && ceil=$pp
    rt=$(grep -o 'retransmitted [0-9]*' "$tmp/ws" | awk '{ s += $2 } END { print s + 0 }')
    ed=$(grep -o 'unmatched [0-9]*\|malformed [0-9]*\|queue full [0-9]*' "$tmp/ws" | awk '{ s += $NF } END { print s + 0 }')
    sd=$(grep -o 'socket drops [0-9]*' "$tmp/ws" | awk '{ s += $3 } END { print s + 0 }')
    printf '%-11s | %9s | %9s | %8s / %7s | %9s | %8s | %12s | %12s\n' "$n" "$nat" "$win" "$pb" "$pp" \
        "$(echo "scale=2; $win / $ceil" | bc)" "$rt" "$ed" "$sd"
done
echo "(retrans, engine drops, socket drops: totals over the $reps Wine runs of our client)"

echo "== Wine: system calls per GET of the Windows process (strace -c -f, marginal: (30,000 - 10,000 GETs) / 20,000) =="
echo "(write = requests to the wineserver; recvmsg/sendmsg = the Linux socket calls Wine makes for Winsock's)"
# SYSCALL-NAME OUT: the count of that call (or "total") in strace -c output
# OUT, summed over the tables strace writes (one per traced program image).
count_of() { awk -v c="$1" '$NF == c { n += $4 } END { print n + 0 }' "$2"; }
strace_gets() {   # OUT CMD...: strace -c -f of CMD into OUT
    out=$1; shift
    (cd "$wb/bin" && timeout 300 strace -f -c -o "$out" "$@" >/dev/null 2>&1)
}
printf '%-34s | %6s | %6s | %6s | %6s | %6s\n' "program, outstanding" total write read recvmsg sendmsg
for n in 1 64; do
    for who in ours winsock; do
        if [ $who = ours ]; then
            strace_gets "$tmp/s1" "$wrun" x64 ./wire_ows.exe "$port" "$n" 0 10000
            strace_gets "$tmp/s2" "$wrun" x64 ./wire_ows.exe "$port" "$n" 0 30000
            label="our client (wire_ows.exe), $n"
        else
            strace_gets "$tmp/s1" "$wrun" x64 ./pingpong_winsock.exe "$port" "$n" 60 block 10000
            strace_gets "$tmp/s2" "$wrun" x64 ./pingpong_winsock.exe "$port" "$n" 60 block 30000
            label="Winsock ping-pong (block), $n"
        fi
        line=$(printf '%-34s' "$label")
        for c in total write read recvmsg sendmsg; do
            if [ $c = total ]; then
                a=$(count_of total "$tmp/s1"); z=$(count_of total "$tmp/s2")
            else
                a=$(count_of $c "$tmp/s1"); z=$(count_of $c "$tmp/s2")
            fi
            line="$line | $(printf '%6s' "$(echo "scale=2; ($z - $a) / 20000" | bc)")"
        done
        echo "$line"
    done
done

echo "== agent: net-snmp async client as the load, GETs/s, median of $reps x $secs s =="
agp=${AGENT_PORT:-$((port + 20))}
ap=$agp; wp=$((agp + 1)); sp=$((agp + 2)); cp=$((agp + 3))
sh "$root/tests/agent/start-snmpd.sh" "$tmp/snmpd" "$sp" >/dev/null || echo "snmpd did not start"
"$nb/bench/bench_agent_ows" "$ap" 3600 2>/dev/null &
apid=$!
# Both Windows programs stop by themselves 15 s after the last request.
(cd "$wb/bin" && WSNMP_DEBUG=stats exec timeout 900 "$wrun" x64 ./agent_ows.exe "$wp" 900 idle 15) \
    > "$tmp/agent-wine.log" 2>&1 &
wa=$!
(cd "$wb/bin" && exec timeout 900 "$wrun" x64 ./pingpong_winsock.exe serve "$cp" 900 15) >/dev/null 2>&1 &
wc=$!
waitfor() {   # PORT: until something answers GETs there (at most ~30 s)
    i=0
    until timeout 5 "$nb/bench/bench_wire_netsnmp" "$1" 1 0 50 >/dev/null 2>&1 || [ $i -ge 30 ]; do
        i=$((i + 1)); sleep 1
    done
}
waitfor "$ap"; waitfor "$sp"; waitfor "$wp"; waitfor "$cp"
printf '%-11s | %9s | %9s | %9s | %9s | %10s | %10s\n' outstanding native "Wine" snmpd "Winsock" "Wine/snmpd" "Wine/ceil"
for n in 1 16 64 256; do
    : > "$tmp/an"; : > "$tmp/aw"; : > "$tmp/sd"; : > "$tmp/cw"
    r=0
    while [ $r -lt "$reps" ]; do
        timeout $((secs + 30)) "$nb/bench/bench_wire_netsnmp" "$ap" "$n" "$secs" | rate >> "$tmp/an"
        timeout $((secs + 30)) "$nb/bench/bench_wire_netsnmp" "$wp" "$n" "$secs" | rate >> "$tmp/aw"
        timeout $((secs + 30)) "$nb/bench/bench_wire_netsnmp" "$sp" "$n" "$secs" | rate >> "$tmp/sd"
        timeout $((secs + 30)) "$nb/bench/bench_wire_netsnmp" "$cp" "$n" "$secs" | rate >> "$tmp/cw"
        r=$((r + 1))
    done
    an=$(median < "$tmp/an"); aw=$(median < "$tmp/aw"); sdv=$(median < "$tmp/sd"); cw=$(median < "$tmp/cw")
    printf '%-11s | %9s | %9s | %9s | %9s | %10s | %10s\n' "$n" "$an" "$aw" "$sdv" "$cw" \
        "$(echo "scale=2; $aw / $sdv" | bc)" "$(echo "scale=2; $aw / $cw" | bc)"
done
wait "$wa" "$wc"
rt=$(grep -o 'retransmitted [0-9]*' "$tmp/agent-wine.log" | awk '{ s += $2 } END { print s + 0 }')
ed=$(grep -o 'unmatched [0-9]*\|malformed [0-9]*\|queue full [0-9]*' "$tmp/agent-wine.log" | awk '{ s += $NF } END { print s + 0 }')
echo "(our agent under Wine, all runs: engine drops $ed, retransmissions $rt)"
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
