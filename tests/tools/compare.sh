#!/bin/bash
# compare.sh PORT BINDIR [RUNNER...] - the command-line tools of tools/
# against net-snmp's: each wsnmp* tool and its net-snmp namesake make the
# same request to the same agent (net-snmp's snmpd on PORT, and wsnmpagent
# on PORT+1 serving tests/tools/values.txt, one object of every type), and
# their stdout and stderr must be byte for byte the same (Timeticks values,
# which move with time, masked; Windows' CR of CRLF dropped). The exit codes
# must be the tools' own (0 ok, 1 agent error, 2 usage, 3 timeout). Traps:
# wsnmptrap and snmptrap/snmpinform send the same notifications to
# wsnmptrapd, which must print the same for both. RUNNER runs a Windows
# program (scripts/wine-run x64); the tools are BINDIR/wsnmp*[.exe].
# MIB-II names: the net-snmp tools read them from tests/tools/mibs (stand-ins
# for the IETF modules Debian does not ship), with -IR (both) for the names
# net-snmp looks up anywhere only in its random-access mode (ours always do).
# Every process it starts is stopped by PID.
set -u
port=$1 bindir=$2
shift 2
run=("$@")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=$(mktemp -d /tmp/ows-tools-XXXXXX)
export SNMPCONFPATH="$dir" SNMP_PERSISTENT_DIR="$dir" MIBS= WINEDEBUG=-all
exe=""
[ ${#run[@]} -gt 0 ] && exe=.exe
A=127.0.0.1:$port W=127.0.0.1:$((port + 1)) T=127.0.0.1:$((port + 2)) DEAD=127.0.0.1:$((port + 3))
failures=0 checks=0
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    sh "$root/tests/agent/stop-snmpd.sh" "$dir/snmpd" >/dev/null 2>&1
    rm -rf "$dir"
}
trap cleanup EXIT

# A tool, natively or through RUNNER; in the background, `"${run[@]}" ... &`
# directly, so that $! is the program's own PID.
tool() { local t=$1; shift; "${run[@]}" "$bindir/$t$exe" "$@"; }
mask() { tr -d '\r' | sed -E 's/Timeticks: \([0-9]+\) [^"]*$/Timeticks: (T)/'; }

# same NAME EXPECTED-EXIT-CODE NETSNMP-TOOL WSNMP-TOOL ARGS...: both tools
# with the same arguments; stdout and stderr compared, our exit code checked.
same() {
    local name=$1 want=$2 theirs=$3 ours=$4 rc
    shift 4
    checks=$((checks + 1))
    "$theirs" "$@" > "$dir/n.out" 2> "$dir/n.err"
    tool "$ours" "$@" > "$dir/w.out" 2> "$dir/w.err"
    rc=$?
    mask < "$dir/n.out" > "$dir/n.o"; mask < "$dir/w.out" > "$dir/w.o"
    mask < "$dir/n.err" > "$dir/n.e"; mask < "$dir/w.err" > "$dir/w.e"
    if cmp -s "$dir/n.o" "$dir/w.o" && cmp -s "$dir/n.e" "$dir/w.e" && [ "$rc" = "$want" ]; then
        echo "ok   $name ($(wc -l < "$dir/n.o") lines)"
    else
        echo "FAIL $name: $ours $* (exit $rc, expected $want)"
        diff -u "$dir/n.o" "$dir/w.o" | head -20
        diff -u "$dir/n.e" "$dir/w.e" | head -10
        failures=$((failures + 1))
    fi
}
# exits NAME EXPECTED-EXIT-CODE WSNMP-TOOL ARGS...: our exit code and a
# one-line message on stderr.
exits() {
    local name=$1 want=$2 ours=$3 rc
    shift 3
    checks=$((checks + 1))
    tool "$ours" "$@" > "$dir/w.out" 2> "$dir/w.err"
    rc=$?
    if [ "$rc" = "$want" ] && [ "$(tr -d '\r' < "$dir/w.err" | wc -l)" = 1 ]; then
        echo "ok   $name (exit $rc: $(tr -d '\r' < "$dir/w.err"))"
    else
        echo "FAIL $name: $ours $* (exit $rc, expected $want)"; cat "$dir/w.err"
        failures=$((failures + 1))
    fi
}

# ---- the agents
sh "$root/tests/agent/start-snmpd.sh" "$dir/snmpd" "$port" || exit 1
"${run[@]}" "$bindir/wsnmpagent$exe" -c public -w private -f "$here/values.txt" -I 120 "$W" > "$dir/agent.out" 2>&1 &
pids+=($!)
for i in $(seq 1 300); do
    grep -q serving "$dir/agent.out" 2>/dev/null || ! kill -0 "${pids[0]}" 2>/dev/null && break
    sleep 0.1
done
grep -q serving "$dir/agent.out" || { echo "wsnmpagent did not start:"; cat "$dir/agent.out"; exit 1; }

O="-On -t 2 -r 2"
SYS=.1.3.6.1.2.1.1
# ---- against snmpd
for v in 1 2c; do
    same "get -v$v" 0 snmpget wsnmpget -v$v -c public $O $A $SYS.1.0 $SYS.2.0 $SYS.3.0 $SYS.5.0 $SYS.7.0
    same "getnext -v$v" 0 snmpgetnext wsnmpgetnext -v$v -c public $O $A $SYS.4.0 $SYS.6
    same "walk -v$v system" 0 snmpwalk wsnmpwalk -v$v -c public $O $A $SYS
    same "walk -v$v one instance" 0 snmpwalk wsnmpwalk -v$v -c public $O $A $SYS.5.0
    same "walk -v$v nothing there" 0 snmpwalk wsnmpwalk -v$v -c public $O $A .1.3.6.1.2.1.99
    same "set -v$v read-only community" 1 snmpset wsnmpset -v$v -c public $O $A $SYS.5.0 s x
    same "set -v$v not writable" 1 snmpset wsnmpset -v$v -c private $O $A $SYS.5.0 s x
    same "set -v$v ifAdminStatus.1" 0 snmpset wsnmpset -v$v -c private $O $A .1.3.6.1.2.1.2.2.1.7.1 i 1
done
same "get -v2c exceptions" 0 snmpget wsnmpget -v2c -c public $O $A $SYS.1.1 .1.3.6.1.2.1.99.0 $SYS.5.0
same "get -v1 noSuchName, then the rest" 1 snmpget wsnmpget -v1 -c public $O $A $SYS.1.1 $SYS.5.0
same "get -v1 noSuchName" 1 snmpget wsnmpget -v1 -c public $O $A $SYS.1.1
same "getnext -v1 end of MIB" 1 snmpgetnext wsnmpgetnext -v1 -c public $O $A .1.3.6.1.9
same "getnext -v2c endOfMibView" 0 snmpgetnext wsnmpgetnext -v2c -c public $O $A .1.3.6.1.9
same "bulkget -Cn1 -Cr3" 0 snmpbulkget wsnmpbulkget -v2c -c public $O -Cn1 -Cr3 $A $SYS.1.0 $SYS.9.1.3
same "walk -Cr5 (snmpbulkwalk)" 0 snmpbulkwalk wsnmpwalk -v2c -c public $O -Cr5 $A $SYS
same "walk -Cp" 0 snmpwalk wsnmpwalk -v2c -c public $O -Cp $A $SYS.9.1.2
same "get udp6:[::1]" 0 snmpget wsnmpget -v2c -c public $O "udp6:[::1]:$port" $SYS.5.0
same "walk [::1]" 0 snmpwalk wsnmpwalk -v1 -c public $O "[::1]:$port" $SYS.9.1.4
same "get udp:" 0 snmpget wsnmpget -v2c -c public $O "udp:127.0.0.1:$port" $SYS.6.0
same "get timeout" 3 snmpget wsnmpget -v2c -c public -On -t 0.3 -r 1 $DEAD $SYS.5.0
same "getnext timeout" 3 snmpgetnext wsnmpgetnext -v2c -c public -On -t 0.3 -r 0 $DEAD $SYS.5.0
same "walk timeout" 3 snmpwalk wsnmpwalk -v2c -c public -On -t 0.3 -r 0 $DEAD $SYS
same "bulkget timeout" 3 snmpbulkget wsnmpbulkget -v2c -c public -On -t 0.3 -r 0 $DEAD $SYS
same "set timeout" 3 snmpset wsnmpset -v2c -c private -On -t 0.3 -r 0 $DEAD $SYS.5.0 s x

# ---- against wsnmpagent: every type
B=.1.3.6.1.4.1.99999
for v in 1 2c; do
    same "wsnmpagent walk -v$v" 0 snmpwalk wsnmpwalk -v$v -c public $O $W $B
    same "wsnmpagent get -v$v" $([ $v = 1 ] && echo 1 || echo 0) snmpget wsnmpget -v$v -c public $O $W $B.1.2.0 $B.1.3.0 $B.1.9.0 $B.1.11.0 $B.1.16.0
done
same "wsnmpagent walk -Cr4" 0 snmpbulkwalk wsnmpwalk -v2c -c public $O -Cr4 $W .1
same "wsnmpagent bulkget" 0 snmpbulkget wsnmpbulkget -v2c -c public $O -Cn1 -Cr2 $W $SYS.7.0 $B.2.1 $B.2.2
same "wsnmpagent walk -v1 to the end" 0 snmpwalk wsnmpwalk -v1 -c public $O $W $B.2
same "wsnmpagent set" 0 snmpset wsnmpset -v2c -c private $O $W $B.2.2.1 s gamma $B.1.1.0 i 7 $B.1.5.0 a 10.9.8.7
same "wsnmpagent get after set" 0 snmpget wsnmpget -v1 -c public $O $W $B.2.2.1 $B.1.1.0 $B.1.5.0
same "wsnmpagent set wrongType" 1 snmpset wsnmpset -v2c -c private $O $W $B.1.1.0 s x
same "wsnmpagent set noCreation" 1 snmpset wsnmpset -v2c -c private $O $W $B.3.0 i 1
same "wsnmpagent set -v1 notWritable" 1 snmpset wsnmpset -v1 -c private $O $W $SYS.1.0 s x
same "wsnmpagent set noAccess" 1 snmpset wsnmpset -v2c -c public $O $W $SYS.5.0 s x
same "wsnmpagent set types" 0 snmpset wsnmpset -v2c -c private $O $W $B.1.7.0 u 6 \
    $B.1.8.0 t 7 $B.1.4.0 o .1.3.6.1.9 $B.1.3.0 x "DE AD" $B.1.15.0 d 1.2.3

# ---- MIB-II names (output numeric, as with -On)
export MIBDIRS="$here/mibs" MIBS=SNMPv2-MIB:IF-MIB
same "get sysDescr.0 system.sysName.0 ifDescr.1" 0 snmpget wsnmpget -IR -v2c -c public $O $A \
    sysDescr.0 system.sysName.0 ifDescr.1 sysUpTime
same "get SNMPv2-MIB::, .iso.org..., .1.3.6.1.2.1.system" 0 snmpget wsnmpget -v1 -c public $O $A \
    SNMPv2-MIB::sysContact.0 .iso.org.dod.internet.mgmt.mib-2.system.sysDescr.0 \
    .1.3.6.1.2.1.system.sysLocation.0 iso.3.6.1.2.1.1.sysServices.0 IF-MIB::ifNumber.0
same "getnext sysContact ifTable" 0 snmpgetnext wsnmpgetnext -IR -v2c -c public $O $A sysContact ifTable
same "walk system" 0 snmpwalk wsnmpwalk -IR -v2c -c public $O $A system
same "walk ifDescr -Cr3" 0 snmpbulkwalk wsnmpwalk -IR -v2c -c public $O -Cr3 $A ifDescr
same "bulkget names" 0 snmpbulkget wsnmpbulkget -IR -v2c -c public $O -Cn1 -Cr2 $A sysName.0 ifIndex
same "set IF-MIB::ifAdminStatus.1" 0 snmpset wsnmpset -v2c -c private $O $A IF-MIB::ifAdminStatus.1 i 1
same "unknown name" 2 snmpget wsnmpget -v2c -c public $O $A sysFoo.0
same "unknown name below system" 2 snmpget wsnmpget -v2c -c public $O $A .1.3.6.1.2.1.1.sysFoo
same "walk unknown name" 2 snmpwalk wsnmpwalk -v2c -c public $O $A foo
same "set unknown name" 2 snmpset wsnmpset -v2c -c private $O $A sysFoo.0 s x
exits "unknown module" 2 wsnmpget $A FOO-MIB::sysDescr.0
exits "unknown name in system" 2 wsnmpget $A system.sysFoo.0
exits "number after a module" 2 wsnmpget $A SNMPv2-MIB::.1.3.6
exits "trailing dot" 2 wsnmpget $A sysDescr.0.
unset MIBDIRS; export MIBS=

# ---- usage errors: exit 2, one line
exits "no agent" 2 wsnmpget -v2c
exits "no OID" 2 wsnmpget -v2c $A
exits "bad version" 2 wsnmpget -v3 $A $SYS.5.0
exits "bad OID" 2 wsnmpget $A foo
exits "bad set type" 2 wsnmpset -c private $A $SYS.5.0 z 1
exits "bulkget -v1" 2 wsnmpbulkget -v1 $A $SYS
exits "unknown -C" 2 wsnmpwalk -Cz $A
checks=$((checks + 1))
if tool wsnmpget -h | tr -d '\r' | grep -q '^USAGE: wsnmpget \[OPTIONS\] AGENT OID'; then echo "ok   -h"
else echo "FAIL -h"; failures=$((failures + 1)); fi

# ---- notifications: net-snmp's and ours into wsnmptrapd, printed alike
"${run[@]}" "$bindir/wsnmptrapd$exe" -Cc6 -I 60 "$T" > "$dir/trapd.out" 2>&1 &
trapd=$!
pids+=($trapd)
for i in $(seq 1 300); do grep -q listening "$dir/trapd.out" 2>/dev/null && break; sleep 0.1; done
V2="4242 .1.3.6.1.6.3.1.1.5.3 .1.3.6.1.2.1.2.2.1.1.1 i 1 $B.1.2.0 s hello $B.1.3.0 x 0102"
V1="$B 127.0.0.1 6 17 4343 $B.1.1.0 i 5 $B.1.5.0 a 1.2.3.4"
snmptrap -v 2c -c public "$T" $V2; tool wsnmptrap -v 2c -c public "$T" $V2; r1=$?
snmpinform -v 2c -c public -t 2 -r 2 "$T" $V2; n2=$?
tool wsnmptrap -v 2c -Ci -c public -t 2 -r 2 "$T" $V2; r2=$?
snmptrap -v 1 -c public "$T" $V1; tool wsnmptrap -v 1 -c public "$T" $V1; r3=$?
for i in $(seq 1 300); do kill -0 $trapd 2>/dev/null || break; sleep 0.1; done
tr -d '\r' < "$dir/trapd.out" | sed -E 's/ from 127\.0\.0\.1:[0-9]+/ from 127.0.0.1/' > "$dir/trapd.txt"
block() { awk -v n="$1" '/^(TRAP|INFORM) from/ { k++ } k == n && !/^wsnmptrapd/' "$dir/trapd.txt"; }
for k in 1 3 5; do
    checks=$((checks + 1))
    block $k > "$dir/a.txt"; block $((k + 1)) > "$dir/b.txt"
    if [ -s "$dir/a.txt" ] && diff "$dir/a.txt" "$dir/b.txt" > "$dir/trap.diff" &&
       [ "$r1$n2$r2$r3" = 0000 ]; then
        echo "ok   $(head -1 "$dir/a.txt" | cut -d' ' -f1): wsnmptrap's arrived as net-snmp's ($(wc -l < "$dir/a.txt") lines)"
    else
        echo "FAIL notification $k (exits wsnmptrap $r1 $r2 $r3, snmpinform $n2):"
        cat "$dir/trapd.txt"; cat "$dir/trap.diff"; failures=$((failures + 1))
    fi
done
checks=$((checks + 1))
if grep -q '^INFORM from.*acknowledged' "$dir/trapd.txt" &&
   grep -q '^.1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.4.1.99999.0.17$' "$dir/trapd.txt" &&
   grep -q '6 notification(s) received' "$dir/trapd.txt"; then echo "ok   wsnmptrapd: 6 received"
else echo "FAIL wsnmptrapd output:"; cat "$dir/trapd.txt"; failures=$((failures + 1)); fi
exits "inform timeout" 3 wsnmptrap -v 2c -Ci -t 0.3 -r 0 "$DEAD" '' .1.3.6.1.6.3.1.1.5.1

echo "tools: $((checks - failures)) of $checks checks passed"
[ $failures = 0 ]
