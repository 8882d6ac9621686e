#!/bin/sh
# run-v3.sh BUILDDIR - the SNMPv3 benchmark of issue 13, in one run: GETs/s
# of our client (the WinSNMP API, an SNMPv3 entity from the TRANSLATED-mode
# database) vs net-snmp's async client, both against bench/responder_v3 at
# 16 outstanding, at each security level (user "bench", SHA-256, AES-128;
# medians of 3 alternating 2 s runs, ratio of the medians), then callgrind
# instructions per GET at each level (marginal: runs of 5,000 and 15,000
# GETs, difference / 10,000). BUILDDIR is a native Release build with
# -DOWS_BENCH=ON. Every process started here is stopped by PID; every run is
# bounded.
set -u
b=${1:?build dir}
port=${BENCH_PORT:-16300}
bin=$b/bench
tmp=$(mktemp -d /tmp/ows-bench-v3.XXXXXX)
"$bin/bench_responder_v3" "$port" 900 2>/dev/null &
rpid=$!
trap 'kill $rpid 2>/dev/null; rm -rf "$tmp"' EXIT
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

echo "== SNMPv3 GETs per second at 16 outstanding (median of 3 alternating runs, 2 s each) =="
for lv in authPriv authNoPriv noAuthNoPriv; do
    o1=$(ows $lv 16 2 | rate); s1=$(nsn $lv 16 2 | rate)
    o2=$(ows $lv 16 2 | rate); s2=$(nsn $lv 16 2 | rate)
    o3=$(ows $lv 16 2 | rate); s3=$(nsn $lv 16 2 | rate)
    o=$(median3 "$o1" "$o2" "$o3"); s=$(median3 "$s1" "$s2" "$s3")
    echo "$lv: ours $o/s, net-snmp $s/s, ratio $(echo "scale=2; $o / $s" | bc)"
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
