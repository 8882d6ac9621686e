#!/bin/sh
# run-v3.sh BUILDDIR [MINGW_X64_BUILD] - the SNMPv3 benchmark of issue 13, in
# one run: GETs/s of our client (the WinSNMP API, an SNMPv3 entity from the
# TRANSLATED-mode database) vs net-snmp's async client, both against
# bench/responder_v3 at 16 outstanding, at each security level (user
# "bench", SHA-256, AES-128; medians of 3 alternating 2 s runs, ratio of the
# medians); with MINGW_X64_BUILD also our client under Wine x64 at authPriv
# (the same wire_ows.c as wire_ows.exe over our wsnmp32.dll, CNG's crypto),
# alternating with the other two; then callgrind instructions per GET at
# each level (marginal: runs of 5,000 and 15,000 GETs, difference / 10,000).
# BUILDDIR is a native Release build with -DOWS_BENCH=ON; MINGW_X64_BUILD a
# mingw-x64 build with -DOWS_BENCH=ON (bin/ holds wsnmp32.dll and
# wire_ows.exe; WINEPREFIX defaults to MINGW_X64_BUILD/wineprefix, its
# wineserver started here unless one runs). Every process started here is
# stopped by PID; every run is bounded.
set -u
b=${1:?build dir}
wb=${2:-}
port=${BENCH_PORT:-16300}
bin=$b/bench
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/ows-bench-v3.XXXXXX)
wpid=""
. "$here/wineserver.sh"
"$bin/bench_responder_v3" "$port" 900 2>/dev/null &
rpid=$!
trap 'kill $rpid 2>/dev/null; wineserver_stop; rm -rf "$tmp"' EXIT
if [ -n "$wb" ]; then
    wb=$(cd "$wb" && pwd)
    export WINEPREFIX=${WINEPREFIX:-$wb/wineprefix} WINEDEBUG=-all WINEDLLOVERRIDES=wsnmp32=n
    wineserver_start /dev/null
fi
# The database our client reads (chmod 600: it holds passwords).
cat > "$tmp/db" <<DB
b_noAuthNoPriv 127.0.0.1:$port v3 user=bench level=noAuthNoPriv
b_authNoPriv   127.0.0.1:$port v3 user=bench level=authNoPriv auth=SHA-256 authpass=bench-auth-pass
b_authPriv     127.0.0.1:$port v3 user=bench level=authPriv auth=SHA-256 authpass=bench-auth-pass priv=AES privpass=bench-priv-pass
DB
chmod 600 "$tmp/db"
export WSNMP_DATABASE="$tmp/db"
sleep 0.3

rate() { sed -n 's/.*: \([0-9]*\) GETs\/s.*/\1/p'; }
median3() { printf '%s\n%s\n%s\n' "$1" "$2" "$3" | sort -n | sed -n 2p; }
ows() { BENCH_V3_ENTITY=b_$1 "$bin/bench_wire_ows" "$port" "$2" "$3" ${4:-}; }
nsn() { BENCH_V3_LEVEL=$1 "$bin/bench_wire_netsnmp" "$port" "$2" "$3" ${4:-}; }
# Our client under Wine x64 (level outstanding seconds); "" without a build.
wine_ows() {
    [ -n "$wb" ] || return 0
    (cd "$wb/bin" && BENCH_V3_ENTITY=b_$1 timeout $(($3 + 60)) \
        "$here/../scripts/wine-run" x64 ./wire_ows.exe "$port" "$2" "$3" 2>/dev/null)
}
# The first Wine start of a fresh prefix takes long: not part of a figure.
[ -n "$wb" ] && wine_ows authPriv 1 1 > /dev/null

echo "== SNMPv3 GETs per second at 16 outstanding (median of 3 alternating runs, 2 s each) =="
for lv in authPriv authNoPriv noAuthNoPriv; do
    w=""
    [ $lv = authPriv ] && w=$wb
    o1=$(ows $lv 16 2 | rate); s1=$(nsn $lv 16 2 | rate); w1=$(wb=$w wine_ows $lv 16 2 | rate)
    o2=$(ows $lv 16 2 | rate); s2=$(nsn $lv 16 2 | rate); w2=$(wb=$w wine_ows $lv 16 2 | rate)
    o3=$(ows $lv 16 2 | rate); s3=$(nsn $lv 16 2 | rate); w3=$(wb=$w wine_ows $lv 16 2 | rate)
    o=$(median3 "$o1" "$o2" "$o3"); s=$(median3 "$s1" "$s2" "$s3")
    echo "$lv: ours $o/s, net-snmp $s/s, ratio $(echo "scale=2; $o / $s" | bc)"
    if [ -n "$w" ]; then
        wm=$(median3 "${w1:-0}" "${w2:-0}" "${w3:-0}")
        echo "$lv, ours under Wine x64: $wm/s (runs $w1 $w2 $w3), ratio to native net-snmp" \
             "$(echo "scale=2; $wm / $s" | bc), to ours native $(echo "scale=2; $wm / $o" | bc)"
    fi
done

echo "== callgrind: user-space instructions per GET (16 outstanding; marginal: 15,000 - 5,000 GETs, / 10,000) =="
cg_total() {   # client level gets
    if [ "$1" = ows ]; then prog=$bin/bench_wire_ows; else prog=$bin/bench_wire_netsnmp; fi
    BENCH_V3_ENTITY=b_$2 BENCH_V3_LEVEL=$2 \
        valgrind --tool=callgrind --separate-threads=no --callgrind-out-file="$tmp/cg" \
        "$prog" "$port" 16 0 "$3" >/dev/null 2>"$tmp/cg.log"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/cg.log" | tail -1
}
for lv in noAuthNoPriv authNoPriv authPriv; do
    for who in ows netsnmp; do
        a=$(cg_total $who $lv 5000); c=$(cg_total $who $lv 15000)
        echo "$lv, $who: $(( (c - a) / 10000 )) instructions/GET"
    done
done
