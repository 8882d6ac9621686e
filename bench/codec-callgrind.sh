#!/bin/sh
# Instructions per operation for our codec and net-snmp's, with callgrind:
# each case runs N times and once with 0 iterations (start-up baseline); the
# difference of the two totals divided by N is the cost of one operation.
# Usage: bench/codec-callgrind.sh [build-dir] [N]
set -eu
BUILD=${1:-build/codec-bench}
N=${2:-2000}
BIN=$BUILD/bench/bench_codec
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
total() {
    valgrind --tool=callgrind --callgrind-out-file="$TMP/out" "$BIN" only "$1" "$2" >/dev/null 2>&1
    sed -n 's/^summary: *//p;s/^totals: *//p' "$TMP/out" | head -n 1
}
for pair in "encode ows-encode ns-encode" "decode ows-decode ns-decode"; do
    set -- $pair
    o=$(( ($(total "$2" "$N") - $(total "$2" 0)) / N ))
    n=$(( ($(total "$3" "$N") - $(total "$3" 0)) / N ))
    echo "$1: ours $o instr/op, net-snmp $n instr/op, ratio $(awk "BEGIN{printf \"%.1f\", $n/$o}")x"
done
