#!/bin/sh
# run-wine.sh NATIVE_BUILD MINGW_X64_BUILD [REPS] - issue 12's Wine benchmark,
# in one run:
#  client: the same GET workload (bench/wire_ows.c through the WinSNMP API)
#    natively and under Wine x64 against bench/responder at 1, 16, 64 and 256
#    outstanding, next to a plain Winsock UDP ping-pong under Wine at the same
#    concurrency (bench/pingpong_winsock.c: blocking, WSAPoll and
#    WSAEventSelect shapes; the best of the three is the ceiling Wine sets),
#    with the median of the per-run ratios (ours / the best shape of the
#    same round) beside the ratio of the medians;
#  system calls per GET of the Windows process under strace, ours and the
#    ping-pong's (each Winsock call is a round trip to the wineserver);
#  the wineserver's own epoll_wait calls per GET during the timed runs,
#    where perf works (a server that spins shows there: Wine 8.0's does
#    while a completed WSAPoll's socket holds unread data);
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
    wineserver_stop
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

. "$here/wineserver.sh"
wineserver_start /dev/null    # or use the one that runs for this prefix
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

# The wineserver of this prefix: the one started above, or the one running.
ws_pid() {
    if [ -n "$wpid" ]; then echo "$wpid"; return; fi
    for p in $(pgrep -x wineserver64) $(pgrep -x wineserver32) $(pgrep -x wineserver); do
        if tr '\0' '\n' < "/proc/$p/environ" 2>/dev/null | grep -qx "WINEPREFIX=$WINEPREFIX"; then
            echo "$p"; return
        fi
    done
}
wsp=$(ws_pid)
# The server's epoll_wait calls are counted by perf where it works (its
# tracepoint counts do not slow the server down, unlike strace).
have_perf=0
[ -n "$wsp" ] && perf stat -e syscalls:sys_enter_epoll_wait -x, -o /dev/null -- true 2>/dev/null &&
    have_perf=1
perf_start() {   # OUT: counts the server's epoll_wait calls into OUT.perf
    pf=""
    if [ "$have_perf" = 1 ]; then
        perf stat -e syscalls:sys_enter_epoll_wait -x, -p "$wsp" -o "$1.perf" 2>/dev/null &
        pf=$!
    fi
}
perf_stop() {    # OUT: appends "server epoll_wait N" to OUT
    [ -n "$pf" ] || return 0
    kill -INT "$pf" 2>/dev/null; wait "$pf" 2>/dev/null
    echo "server epoll_wait $(grep -o '^[0-9]*' "$1.perf" | tail -1)" >> "$1"
}

# run_sampled OUT CMD... : runs CMD (bounded), appends its output to OUT, a
# line "socket drops N" read shortly before it ends and the server's
# epoll_wait count.
run_sampled() {
    out=$1; shift
    perf_start "$out"
    timeout $((secs + 60)) "$@" >"$out.cur" 2>&1 &
    p=$!
    sleep "$(echo "$secs - 0.3" | bc)"
    # timeout's child is the program (wine-run execs the Wine loader).
    c=$(pgrep -P "$p" | head -1)
    d=$(sock_drops "${c:-$p}")
    wait "$p"
    cat "$out.cur" >> "$out"
    echo "socket drops $d" >> "$out"
    perf_stop "$out"
}
# counted OUT CMD...: runs CMD (bounded), appends its output and the
# server's epoll_wait count to OUT.
counted() {
    out=$1; shift
    perf_start "$out"
    timeout $((secs + 30)) "$@" >> "$out" 2>&1
    perf_stop "$out"
}
rates() { sed -n 's/.*: \([0-9]*\) GETs\/s.*/\1/p' "$1"; }
# The server's epoll_wait calls per GET over the runs logged in FILE.
epoll_per_get() {
    awk '/^server epoll_wait [0-9]/ { e += $3 } match($0, /\([0-9]+ (ok|replies)/) { g += substr($0, RSTART + 1, RLENGTH - 1) + 0 }
         END { if (g && e) printf "%.1f", e / g; else printf "-" }' "$1"
}

echo "== client: GETs/s against bench/responder, median of $reps x $secs s (Wine x64: our wsnmp32.dll) =="
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores shared with other jobs: compare ratios)"
printf '%-11s | %9s | %9s | %26s | %9s | %10s | %8s | %12s | %12s\n' outstanding native "Wine" "Winsock block/poll/event" "Wine/ceil" "pair med." retrans "engine drops" "socket drops"
: > "$tmp/epoll"
for n in 1 16 64 256; do
    : > "$tmp/nat"; : > "$tmp/ws"; : > "$tmp/pair"
    for m in block poll event; do : > "$tmp/p$m"; done
    r=0
    while [ $r -lt "$reps" ]; do
        timeout $((secs + 30)) "$nb/bench/bench_wire_ows" "$port" "$n" "$secs" | rate >> "$tmp/nat"
        run_sampled "$tmp/ws" sh -c "cd '$wb/bin' && WSNMP_DEBUG=stats exec '$wrun' x64 ./wire_ows.exe $port $n $secs"
        for m in block poll event; do
            counted "$tmp/p$m" sh -c "cd '$wb/bin' && exec '$wrun' x64 ./pingpong_winsock.exe $port $n $secs $m"
        done
        # This round's ratio: our run over the best Winsock shape's run.
        w=$(rates "$tmp/ws" | tail -1)
        c=$(for m in block poll event; do rates "$tmp/p$m" | tail -1; done | sort -n | tail -1)
        [ "${c:-0}" -gt 0 ] && echo "scale=2; ${w:-0} / $c" | bc >> "$tmp/pair"
        r=$((r + 1))
    done
    nat=$(median < "$tmp/nat"); win=$(rates "$tmp/ws" | median)
    pb=$(rates "$tmp/pblock" | median); pp=$(rates "$tmp/ppoll" | median); pe=$(rates "$tmp/pevent" | median)
    ceil=$pb; [ "$pp" -gt "$ceil" ] && ceil=$pp; [ "$pe" -gt "$ceil" ] && ceil=$pe
    rt=$(grep -o 'retransmitted [0-9]*' "$tmp/ws" | awk '{ s += $2 } END { print s + 0 }')
    ed=$(grep -o 'unmatched [0-9]*\|malformed [0-9]*\|queue full [0-9]*' "$tmp/ws" | awk '{ s += $NF } END { print s + 0 }')
    sd=$(grep -o 'socket drops [0-9]*' "$tmp/ws" | awk '{ s += $3 } END { print s + 0 }')
    printf '%-11s | %9s | %9s | %8s / %7s / %7s | %9s | %10s | %8s | %12s | %12s\n' "$n" "$nat" "$win" "$pb" "$pp" "$pe" \
        "$(echo "scale=2; $win / $ceil" | bc)" "$(median < "$tmp/pair")" "$rt" "$ed" "$sd"
    printf '%-11s | %9s | %9s | %9s | %9s\n' "$n" "$(epoll_per_get "$tmp/ws")" "$(epoll_per_get "$tmp/pblock")" \
        "$(epoll_per_get "$tmp/ppoll")" "$(epoll_per_get "$tmp/pevent")" >> "$tmp/epoll"
done
echo "(retrans, engine drops, socket drops: totals over the $reps Wine runs of our client;"
echo " Wine/ceil: median over the best shape's median; pair med.: median of the rounds' ratios)"
if [ "$have_perf" = 1 ]; then
    echo "== the wineserver's epoll_wait calls per GET in the runs above (perf stat; about 4 when it never spins) =="
    printf '%-11s | %9s | %9s | %9s | %9s\n' outstanding ours block poll event
    cat "$tmp/epoll"
fi

echo "== Wine: system calls per GET of the Windows process (strace -c -f, marginal: (15,000 - 5,000 GETs) / 10,000) =="
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
    for who in ours block event; do
        if [ $who = ours ]; then
            strace_gets "$tmp/s1" "$wrun" x64 ./wire_ows.exe "$port" "$n" 0 5000
            strace_gets "$tmp/s2" "$wrun" x64 ./wire_ows.exe "$port" "$n" 0 15000
            label="our client (wire_ows.exe), $n"
        else
            strace_gets "$tmp/s1" "$wrun" x64 ./pingpong_winsock.exe "$port" "$n" 120 $who 5000
            strace_gets "$tmp/s2" "$wrun" x64 ./pingpong_winsock.exe "$port" "$n" 120 $who 15000
            label="Winsock ping-pong ($who), $n"
        fi
        line=$(printf '%-34s' "$label")
        for c in total write read recvmsg sendmsg; do
            a=$(count_of $c "$tmp/s1"); z=$(count_of $c "$tmp/s2")
            line="$line | $(printf '%6s' "$(echo "scale=2; ($z - $a) / 10000" | bc)")"
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
