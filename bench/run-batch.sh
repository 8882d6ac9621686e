#!/bin/sh
# run-batch.sh NATIVE_BUILD [REPS] - issue 12's native figures, in one run:
# the client (bench/wire_ows.c) against bench/responder with datagram
# batches (recvmmsg/sendmmsg, the default) and without (WSNMP_BATCH=0, the
# one-datagram-per-call path before), at 1, 16, 64 and 256 outstanding:
#  - GETs/s, median of REPS (default 5) alternating runs of BENCH_SECONDS
#    (2) s each, and the median of the per-pair ratios new/old;
#  - system calls per GET (strace -c -f, 50,000 GETs; the main thread's
#    sleeps left out, as in run-wire.sh) and the engine's own count of
#    socket calls (WSNMP_DEBUG=stats);
#  - CPU per GET at 64 outstanding, user and system, of the client and of
#    the responder (the wall-clock rates of a shared machine move with
#    everyone else's load; these show where the time goes);
#  - user-space instructions per GET (callgrind, marginal cost of 40,000
#    GETs at 16 outstanding, as in run-wire.sh) for the client on both
#    paths and for the agent (bench/agent_ows.c under net-snmp's load).
# NATIVE_BUILD: Release, -DOWS_BENCH=ON. Ports: BENCH_PORT (responder),
# AGENT_PORT (agent; default BENCH_PORT+20). Every process started here is
# stopped by PID; every run is bounded by timeout.
set -u
b=$(cd "${1:?native build dir}" && pwd)
reps=${2:-5}
port=${BENCH_PORT:-16200}
aport=${AGENT_PORT:-$((port + 20))}
secs=${BENCH_SECONDS:-2}
bin=$b/bench
export LD_LIBRARY_PATH=$b
tmp=$(mktemp -d)
rpid=""; apid=""
cleanup() {
    for p in $rpid $apid; do kill "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
"$bin/bench_responder" "$port" 3600 2>/dev/null &
rpid=$!
sleep 0.3

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'; }
rate() { sed -n 's/.*: \([0-9]*\) GETs\/s.*/\1/p' | head -1; }

echo "== client GETs/s: batches (new) vs one datagram per call (old, WSNMP_BATCH=0), median of $reps x $secs s =="
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores shared with other jobs: compare ratios)"
printf '%-11s | %9s | %9s | %9s | %17s\n' outstanding old new new/old "median pair ratio"
for n in 1 16 64 256; do
    : > "$tmp/o"; : > "$tmp/n"; : > "$tmp/r"
    i=0
    while [ "$i" -lt "$reps" ]; do
        o=$(WSNMP_BATCH=0 timeout $((secs + 30)) "$bin/bench_wire_ows" "$port" "$n" "$secs" | rate)
        w=$(timeout $((secs + 30)) "$bin/bench_wire_ows" "$port" "$n" "$secs" | rate)
        echo "$o" >> "$tmp/o"; echo "$w" >> "$tmp/n"
        echo "scale=3; ${w:-0} / ${o:-1}" | bc >> "$tmp/r"
        i=$((i + 1))
    done
    o=$(median < "$tmp/o"); w=$(median < "$tmp/n")
    printf '%-11s | %9s | %9s | %9s | %17s\n' "$n" "$o" "$w" "$(echo "scale=2; $w / $o" | bc)" "$(median < "$tmp/r")"
done

echo "== CPU per GET at 64 outstanding: client (getrusage) and responder (/proc stat), user/system, 300,000 GETs, median of $reps =="
# Wall-clock rates on a shared machine move with everyone else's load; the
# CPU each side spends per GET does not, and shows where the time goes:
# with the kernel's per-datagram work (and the sleeps and wake-ups between
# the two processes) most of it, the client's own instructions cannot move
# the pair's rate much, and the responder costs as much per GET as we do.
tck=$(getconf CLK_TCK)
cpu_run() {   # MODE -> "client_user_us client_sys_us responder_user_us responder_sys_us" per GET
    set -- $(awk '{ print $14, $15 }' "/proc/$rpid/stat")
    ru0=$1; rs0=$2
    WSNMP_BATCH=$mode /usr/bin/time -f "%U %S" -o "$tmp/time" timeout 120 \
        "$bin/bench_wire_ows" "$port" 64 0 300000 >/dev/null
    set -- $(awk '{ print $14, $15 }' "/proc/$rpid/stat") $(cat "$tmp/time")
    echo "$3 $4 $1 $2" | awk -v ru="$ru0" -v rs="$rs0" -v t="$tck" \
        '{ printf "%.2f %.2f %.2f %.2f\n", $1 * 1e6 / 300000, $2 * 1e6 / 300000,
                                          ($3 - ru) * 1e6 / t / 300000, ($4 - rs) * 1e6 / t / 300000 }'
}
printf '%-9s | %18s | %18s | %14s\n' path "client user/sys us" "client total us" "responder us"
: > "$tmp/cpu0"; : > "$tmp/cpu1"
i=0
while [ "$i" -lt "$reps" ]; do   # alternating, as the rates above
    for mode in 0 1; do cpu_run >> "$tmp/cpu$mode"; done
    i=$((i + 1))
done
for mode in 0 1; do
    f="$tmp/cpu$mode"
    cu=$(cut -d' ' -f1 "$f" | median); cs=$(cut -d' ' -f2 "$f" | median)
    ct=$(awk '{ print $1 + $2 }' "$f" | median); rt=$(awk '{ print $3 + $4 }' "$f" | median)
    [ $mode = 0 ] && name=old || name=new
    printf '%-9s | %18s | %18s | %14s\n' "$name" "$cu / $cs" "$ct" "$rt"
done

echo "== system calls per GET (strace -c -f, 50,000 GETs) and the engine's socket calls per GET =="
printf '%-11s | %12s | %12s | %22s | %22s\n' outstanding "old strace" "new strace" "old engine (rx+tx+poll)" "new engine (rx+tx+poll)"
for n in 1 16 64 256; do
    line="$n"
    for mode in 0 1; do
        WSNMP_BATCH=$mode timeout 300 strace -f -c -o "$tmp/st" "$bin/bench_wire_ows" "$port" "$n" 0 50000 >/dev/null
        calls=$(awk '$NF ~ /^(sendto|sendmsg|sendmmsg|recvfrom|recvmsg|recvmmsg|poll|ppoll|pselect6|select|epoll_wait|getsockname|write|read|futex)$/ { c += $4 }
                     END { print c + 0 }' "$tmp/st")
        eval "st$mode=\$(echo \"scale=2; $calls / 50000\" | bc)"
        WSNMP_BATCH=$mode WSNMP_DEBUG=stats timeout 120 "$bin/bench_wire_ows" "$port" "$n" 0 50000 2> "$tmp/stats" >/dev/null
        eng=$(sed -n 's/.*polls \([0-9]*\), datagrams read [0-9]*, receive calls \([0-9]*\), send calls \([0-9]*\).*/\1 \2 \3/p' "$tmp/stats" |
              awk '{ printf "%.2f", ($1 + $2 + $3) / 50000 }')
        eval "en$mode=\$eng"
    done
    printf '%-11s | %12s | %12s | %22s | %22s\n' "$n" "$st0" "$st1" "$en0" "$en1"
done

echo "== user-space instructions per GET (callgrind; client: 16 outstanding, (60,000 - 20,000 GETs) / 40,000) =="
cg_total() {   # MODE GETS
    WSNMP_BATCH=$1 valgrind --tool=callgrind --separate-threads=no --callgrind-out-file="$tmp/cg" \
        "$bin/bench_wire_ows" "$port" 16 0 "$2" >/dev/null 2>"$tmp/cg.log"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/cg.log"
}
for mode in 0 1; do
    a=$(cg_total $mode 20000); c=$(cg_total $mode 60000)
    [ $mode = 0 ] && name="old path" || name="new path"
    echo "client, $name: $(( (c - a) / 40000 )) instructions/GET"
done
# The agent under callgrind, counted over a window of 20,000 GETs of
# net-snmp's client at 16 outstanding (callgrind_control --zero, --dump).
valgrind --tool=callgrind --separate-threads=no --callgrind-out-file="$tmp/ag.out" \
    "$bin/bench_agent_ows" "$aport" 300 >/dev/null 2>&1 &
apid=$!
i=0
until timeout 5 "$bin/bench_wire_netsnmp" "$aport" 1 0 200 >/dev/null 2>&1 || [ $i -ge 60 ]; do i=$((i + 1)); sleep 0.5; done
timeout 120 "$bin/bench_wire_netsnmp" "$aport" 16 0 2000 >/dev/null
callgrind_control --zero "$apid" >/dev/null 2>&1
timeout 300 "$bin/bench_wire_netsnmp" "$aport" 16 0 20000 >/dev/null
rm -f "$tmp"/ag.out.*
callgrind_control --dump "$apid" >/dev/null 2>&1
sleep 0.5
ir=$(sed -n 's/^summary: \([0-9]*\).*/\1/p' "$tmp"/ag.out.* 2>/dev/null | head -1)
echo "agent (new path): $(( ${ir:-0} / 20000 )) instructions/GET"
kill "$apid" 2>/dev/null; wait "$apid" 2>/dev/null; apid=""
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
