#!/bin/sh
# walk-compare.sh PORT [RUNNER...] SNMPUTIL - walks the system and interfaces
# groups of the test snmpd (127.0.0.1:PORT) by GETNEXT with the snmputil
# example (SnmpMgrRequest), in SNMPv1 and SNMPv2c, and compares each walk
# with net-snmp's `snmpwalk -On`: the same OIDs in the same order, the same
# types, the same values (Timeticks and Counter32 values move while the
# walks run and are left out). Prints a diff and fails on any difference.
set -u
port=$1; shift
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# "OID = TYPE: value" -> the value dropped for the types that move.
norm() { sed -E 's/^(\S+ = (Timeticks|Counter32)):.*/\1/' | tr -d '\r'; }
for v in 1 2c; do
    for g in system:1.3.6.1.2.1.1 interfaces:1.3.6.1.2.1.2; do
        name=${g%%:*} oid=${g#*:}
        flag=; [ $v = 2c ] && flag=-v2c
        MIBS= timeout 60 snmpwalk -v$v -c public -On -r2 -t2 127.0.0.1:$port $oid | norm > "$tmp/ref"
        timeout 120 "$@" $flag walk 127.0.0.1:$port public $name 2>/dev/null | norm > "$tmp/ours"
        n=$(wc -l < "$tmp/ref")
        if [ "$n" -gt 0 ] && cmp -s "$tmp/ref" "$tmp/ours"; then
            echo "PASS: v$v walk of $name: the same $n OIDs, types and values as snmpwalk"
        else
            echo "FAIL: v$v walk of $name differs from snmpwalk ($n lines):"
            diff "$tmp/ref" "$tmp/ours" | head -20
            fail=1
        fi
    done
done
exit $fail
