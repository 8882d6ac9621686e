#!/bin/sh
# run-wire.sh BUILDDIR [WINE_EXE_DIR] - the wire benchmarks of issue 4, in one
# run: GET round trips/s of ours vs net-snmp's async API against
# bench/responder at 1, 16 and 64 outstanding (median of 3 alternating runs),
# callgrind instructions per GET, strace -c syscalls per GET at 16
# outstanding, and the release-path figures. BUILDDIR is a native Release
# build with -DOWS_BENCH=ON. With WINE_EXE_DIR (holding wire_ows.exe and
# wsnmp32.dll) the same GET run is repeated under Wine.
# Every process started here is stopped by PID; every run is bounded.
set -u
b=${1:?build dir}
wdir=${2:-}
port=${BENCH_PORT:-16200}
bin=$b/bench
export LD_LIBRARY_PATH=$b
"$bin/bench_responder" "$port" 900 2>/dev/null &
rpid=$!
trap 'kill $rpid 2>/dev/null' EXIT
sleep 0.3

rate() { sed -n 's/.*: \([0-9]*\) GETs\/s.*/\1/p'; }
median3() { printf '%s\n%s\n%s\n' "$1" "$2" "$3" | sort -n | sed -n 2p; }

echo "== GET round trips per second (median of 3, 2 s each) =="
for n in 1 16 64; do
    o1=$("$bin/bench_wire_ows" "$port" $n 2 | rate); s1=$("$bin/bench_wire_netsnmp" "$port" $n 2 | rate)
    o2=$("$bin/bench_wire_ows" "$port" $n 2 | rate); s2=$("$bin/bench_wire_netsnmp" "$port" $n 2 | rate)
    o3=$("$bin/bench_wire_ows" "$port" $n 2 | rate); s3=$("$bin/bench_wire_netsnmp" "$port" $n 2 | rate)
    p1=$("$bin/bench_wire_ows" "$port" $n 2 0 0 | rate)
    o=$(median3 "$o1" "$o2" "$o3"); s=$(median3 "$s1" "$s2" "$s3")
    echo "outstanding $n: ours $o/s (PDU-only receive $p1/s), net-snmp $s/s, ratio $(echo "scale=2; $o / $s" | bc)"
done

echo "== callgrind: user-space instructions per GET (16 outstanding; marginal: runs of 20,000 and 60,000 GETs, difference / 40,000) =="
# The marginal cost leaves out each side's fixed start-up and shut-down work
# (net-snmp's init_snmp alone is ~15 M instructions, ~750 per GET over
# 20,000), so both sides are measured on the same work: the GETs themselves.
cg_total() {
    valgrind --tool=callgrind --separate-threads=no --callgrind-out-file=/tmp/ows-cg.$$ \
        "$bin/bench_wire_$1" "$port" 16 0 "$2" >/dev/null 2>/tmp/ows-cg.log.$$
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' /tmp/ows-cg.log.$$
    rm -f /tmp/ows-cg.$$ /tmp/ows-cg.log.$$
}
for who in ows netsnmp; do
    a=$(cg_total "$who" 20000); b=$(cg_total "$who" 60000)
    echo "$who: $(( (b - a) / 40000 )) instructions/GET (whole run of 20,000: $((a / 20000)))"
done

echo "== strace -c: syscalls per GET (50,000 GETs, 16 outstanding; sleeps of the idle main thread excluded) =="
for who in ows netsnmp; do
    strace -f -c -o /tmp/ows-st.$$ "$bin/bench_wire_$who" "$port" 16 0 50000 >/dev/null
    # Columns: % time, seconds, usecs/call, calls, [errors], syscall.
    calls=$(awk '$NF ~ /^(sendto|sendmsg|recvfrom|recvmsg|poll|ppoll|pselect6|select|epoll_wait|getsockname|write|read|futex)$/ { n += $4 }
                 END { print n }' /tmp/ows-st.$$)
    echo "$who: $(echo "scale=2; $calls / 50000" | bc) syscalls/GET"
    rm -f /tmp/ows-st.$$
done

echo "== release path =="
"$bin/bench_wire_close" $((port + 1))

echo "== agent role (issue 5): net-snmp async client against our API agent and snmpd =="
here=$(cd "$(dirname "$0")" && pwd)
"$bin/bench_agent_ows" $((port + 20)) 0 traps
"$bin/bench_agent_ows" $((port + 20)) 30 2>/dev/null &
apid=$!
sh "$here/../tests/agent/start-snmpd.sh" /tmp/ows-bench-snmpd.$$ $((port + 22)) >/dev/null
sleep 0.3
for n in 16 64; do
    a=$("$bin/bench_wire_netsnmp" $((port + 20)) $n 2 | rate)
    d=$("$bin/bench_wire_netsnmp" $((port + 22)) $n 2 | rate)
    echo "outstanding $n: our agent $a/s, snmpd $d/s, ratio $(echo "scale=2; $a / $d" | bc)"
done
kill $apid 2>/dev/null
sh "$here/../tests/agent/stop-snmpd.sh" /tmp/ows-bench-snmpd.$$
rm -rf /tmp/ows-bench-snmpd.$$

echo "== agent role: instructions per GET (callgrind, counters zeroed after a warm-up, 20,000 GETs at 16 outstanding) =="
# Both agents run under callgrind; only the window of the measured load is
# counted (callgrind_control --zero, then --dump), so neither side's start-up
# is in the figure. Each agent is stopped by PID.
agent_ir() {   # PID PORT -> instructions per GET of PID while it serves 20,000 GETs
    i=0
    until "$bin/bench_wire_netsnmp" "$2" 1 0 200 >/dev/null 2>&1 || [ $i -ge 60 ]; do i=$((i + 1)); sleep 0.5; done
    "$bin/bench_wire_netsnmp" "$2" 16 0 2000 >/dev/null
    callgrind_control --zero "$1" >/dev/null 2>&1
    "$bin/bench_wire_netsnmp" "$2" 16 0 20000 >/dev/null
    rm -f /tmp/ows-ag.$$.out.*
    callgrind_control --dump "$1" >/dev/null 2>&1
    sleep 0.5
    ir=$(sed -n 's/^summary: \([0-9]*\).*/\1/p' /tmp/ows-ag.$$.out.* 2>/dev/null | head -1)
    echo $(( ${ir:-0} / 20000 ))
}
valgrind --tool=callgrind --separate-threads=no --callgrind-out-file=/tmp/ows-ag.$$.out \
    "$bin/bench_agent_ows" $((port + 20)) 120 >/dev/null 2>&1 &
apid=$!
echo "our agent: $(agent_ir $apid $((port + 20))) instructions/GET"
kill $apid 2>/dev/null; wait $apid 2>/dev/null
mkdir -p /tmp/ows-bench-snmpd.$$/persist
sed "s/:16161/:$((port + 22))/g" "$here/../tests/agent/snmpd.conf" > /tmp/ows-bench-snmpd.$$/snmpd.conf
SNMP_PERSISTENT_DIR=/tmp/ows-bench-snmpd.$$/persist MIBS= \
    valgrind --tool=callgrind --separate-threads=no --callgrind-out-file=/tmp/ows-ag.$$.out \
    /usr/sbin/snmpd -f -C -c /tmp/ows-bench-snmpd.$$/snmpd.conf -Lf /tmp/ows-bench-snmpd.$$/snmpd.log \
    -I -smux,mteTrigger,mteTriggerConf </dev/null >/dev/null 2>&1 &
spid=$!
echo "snmpd: $(agent_ir $spid $((port + 22))) instructions/GET"
kill $spid 2>/dev/null; wait $spid 2>/dev/null
rm -rf /tmp/ows-bench-snmpd.$$ /tmp/ows-ag.$$.out*

if [ -n "$wdir" ]; then
    echo "== under Wine (same responder) =="
    for n in 1 16 64; do
        w=$(cd "$wdir" && WINEDEBUG=-all timeout 60 "$here/../scripts/wine-run" x64 ./wire_ows.exe "$port" $n 3 | rate)
        nat=$("$bin/bench_wire_ows" "$port" $n 3 | rate)
        echo "outstanding $n: Wine $w/s, native $nat/s, Wine/native $(echo "scale=3; $w / $nat" | bc)"
    done
fi
