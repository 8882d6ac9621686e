#!/bin/sh
# run-mgmt.sh BUILDDIR [MINGW_X64_BUILDDIR] - the Management API benchmarks of
# issue 10 in one run: SnmpMgrOpen+SnmpMgrClose pairs (median close, nothing
# left behind) natively and, with a mingw-x64 build, under Wine; synchronous
# GET round trips/s of SnmpMgrRequest vs net-snmp's snmp_synch_response
# against bench/responder (median of 5 alternating 2 s runs). BUILDDIR is a
# native Release build with -DOWS_BENCH=ON. Every process started here is
# stopped by PID; every run is bounded.
set -u
b=${1:?build dir}
wb=${2:-}
port=${BENCH_PORT:-16200}
bin=$b/bench
here=$(cd "$(dirname "$0")" && pwd)
export LD_LIBRARY_PATH=$b

"$bin/bench_responder" "$port" 300 2>/dev/null &
rpid=$!
trap 'kill $rpid 2>/dev/null' EXIT
sleep 0.3
echo "== SnmpMgrOpen + SnmpMgrClose, 10,000 pairs, no other session open =="
echo "native: $("$bin/bench_mgmt_close" 10000)"
echo "native: $("$bin/bench_mgmt_close" 10000 "$port")"
if [ -n "$wb" ]; then
    # The same program built for Windows, beside our mgmtapi.dll, under Wine
    # (Wine's own snmpapi.dll).
    tmp=$(mktemp -d)
    x86_64-w64-mingw32-gcc -O2 -I"$here/../include" "$here/mgmt_close.c" -o "$tmp/mgmt_close.exe" \
        -L"$wb/bin" -lmgmtapi -lsnmpapi -static-libgcc
    cp "$wb/bin/mgmtapi.dll" "$tmp/"
    echo "Wine x64: $(WINEDEBUG=-all timeout 300 bash "$here/../scripts/wine-run" x64 "$tmp/mgmt_close.exe" 10000 | tr -d '\r')"
    echo "Wine x64: $(WINEDEBUG=-all timeout 300 bash "$here/../scripts/wine-run" x64 "$tmp/mgmt_close.exe" 10000 "$port" | tr -d '\r')"
    rm -rf "$tmp"
fi

rate() { sed -n 's/.*: \([0-9]*\) GETs\/s.*/\1/p'; }
median5() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
echo "== synchronous GET round trips per second (SNMPv2c, one outstanding; median of 5, 2 s each) =="
o=""; s=""
for i in 1 2 3 4 5; do
    o="$o $("$bin/bench_mgmt_get_ows" "$port" 2 | rate)"
    s="$s $("$bin/bench_mgmt_get_netsnmp" "$port" 2 | rate)"
done
om=$(median5 $o); sm=$(median5 $s)
echo "SnmpMgrRequest: $om/s (runs:$o); net-snmp snmp_synch_response: $sm/s (runs:$s); ratio $(echo "scale=2; $om / $sm" | bc)"
