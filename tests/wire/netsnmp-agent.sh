#!/bin/sh
# netsnmp-agent.sh PORT AGENT-COMMAND... - net-snmp's snmpget, snmpgetnext,
# snmpbulkget, snmpwalk, snmpbulkwalk and snmpset (SNMPv1 and v2c, IPv4 and
# IPv6) against prog_mibagent, an agent written on the WinSNMP API. The
# agent command is the program, natively, or "wine prog.exe". Every check
# compares what net-snmp prints with what the agent serves. The agent is
# stopped through its stop object (then by PID if it hangs).
set -u
port=$1; shift
dir=$(mktemp -d /tmp/ows-agent-XXXXXX)
# net-snmp reads no user configuration and no MIB files: numeric output only.
export SNMPCONFPATH="$dir" SNMP_PERSISTENT_DIR="$dir" MIBS=
failures=0
A4="udp:127.0.0.1:$port"
A6="udp6:[::1]:$port"
O="-On -r2 -t3"

"$@" 120 "127.0.0.1:$port" "[::1]:$port" >"$dir/agent.out" 2>"$dir/agent.err" &
pid=$!
i=0
until grep -q ready "$dir/agent.out" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
        echo "agent did not start:"; cat "$dir/agent.err"; kill $pid 2>/dev/null; exit 1
    fi
    sleep 0.1
done

# net-snmp's first run creates its persistent folders and says so.
snmpget -v2c -c public $O $A4 .1.3.6.1.2.1.1.5.0 >/dev/null 2>&1

# check NAME EXPECTED COMMAND...: the command's output (stdout and stderr)
# must equal EXPECTED (trailing newlines aside).
check() {
    name=$1; want=$(printf '%s' "$2"); shift 2
    got=$("$@" 2>&1)
    if [ "$got" = "$want" ]; then
        echo "ok   $name"
    else
        echo "FAIL $name: $*"; echo "--- expected"; echo "$want"; echo "--- got"; echo "$got"
        failures=$((failures + 1))
    fi
}

SYSTEM='.1.3.6.1.2.1.1.1.0 = STRING: "OpenWinSNMP test agent"
.1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.99999.1
.1.3.6.1.2.1.1.3.0 = Timeticks: (4242) 0:00:42.42
.1.3.6.1.2.1.1.4.0 = STRING: "ops@example.org"
.1.3.6.1.2.1.1.5.0 = STRING: "ows-agent"
.1.3.6.1.2.1.1.6.0 = STRING: "rack 7"
.1.3.6.1.2.1.1.7.0 = INTEGER: 72'
TABLE='.1.3.6.1.4.1.99999.2.1.1.1 = INTEGER: 1
.1.3.6.1.4.1.99999.2.1.1.2 = INTEGER: 2
.1.3.6.1.4.1.99999.2.1.1.3 = INTEGER: 3
.1.3.6.1.4.1.99999.2.1.2.1 = STRING: "alpha"
.1.3.6.1.4.1.99999.2.1.2.2 = STRING: "beta"
.1.3.6.1.4.1.99999.2.1.2.3 = STRING: "gamma"
.1.3.6.1.4.1.99999.2.1.3.1 = Counter32: 1000
.1.3.6.1.4.1.99999.2.1.3.2 = Counter32: 2000
.1.3.6.1.4.1.99999.2.1.3.3 = Counter32: 3000
.1.3.6.1.4.1.99999.2.1.4.1 = INTEGER: 10
.1.3.6.1.4.1.99999.2.1.4.2 = INTEGER: 20
.1.3.6.1.4.1.99999.2.1.4.3 = INTEGER: 30'
NOSUCHNAME='Reason: (noSuchName) There is no such variable name in this MIB.'

for v in 1 2c; do
    for a in $A4 $A6; do
        check "snmpget -v$v $a" "$(echo "$SYSTEM" | sed -n '1,3p;5p')" \
            snmpget -v$v -c public $O $a .1.3.6.1.2.1.1.1.0 .1.3.6.1.2.1.1.2.0 \
            .1.3.6.1.2.1.1.3.0 .1.3.6.1.2.1.1.5.0
        check "snmpwalk -v$v $a system" "$SYSTEM" snmpwalk -v$v -c public $O $a .1.3.6.1.2.1.1
        check "snmpwalk -v$v $a table" "$TABLE" snmpwalk -v$v -c public $O $a .1.3.6.1.4.1.99999.2
    done
    check "snmpgetnext -v$v" '.1.3.6.1.2.1.1.6.0 = STRING: "rack 7"
.1.3.6.1.4.1.99999.2.1.1.1 = INTEGER: 1' \
        snmpgetnext -v$v -c public $O $A4 .1.3.6.1.2.1.1.5.0 .1.3.6.1.2.1.1.7.0
done

# Missing objects: SNMPv2c exceptions, SNMPv1 noSuchName (the library
# translates the agent's SNMPv2 answer, RFC 3584 4.4).
check "snmpget -v2c noSuchObject/noSuchInstance" \
'.1.3.6.1.2.1.1.8.0 = No Such Object available on this agent at this OID
.1.3.6.1.2.1.1.1.1 = No Such Instance currently exists at this OID
.1.3.6.1.4.1.99999.2.1.2.9 = No Such Instance currently exists at this OID' \
    snmpget -v2c -c public $O $A4 .1.3.6.1.2.1.1.8.0 .1.3.6.1.2.1.1.1.1 .1.3.6.1.4.1.99999.2.1.2.9
check "snmpget -v1 noSuchName" "Error in packet
$NOSUCHNAME
Failed object: .1.3.6.1.2.1.1.8.0
" snmpget -v1 -c public $O $A4 .1.3.6.1.2.1.1.8.0
check "snmpgetnext -v2c endOfMibView" \
    '.1.3.6.1.4.1.99999.9.0 = No more variables left in this MIB View (It is past the end of the MIB tree)' \
    snmpgetnext -v2c -c public $O $A4 .1.3.6.1.4.1.99999.9.0
check "snmpgetnext -v1 past the end" "Error in packet.
$NOSUCHNAME
Failed object: .1.3.6.1.4.1.99999.9.0
" snmpgetnext -v1 -c public $O $A4 .1.3.6.1.4.1.99999.9.0

# GETBULK: one non-repeater, three repetitions; then past the end.
check "snmpbulkget -v2c" '.1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.99999.1
.1.3.6.1.4.1.99999.2.1.2.1 = STRING: "alpha"
.1.3.6.1.4.1.99999.2.1.2.2 = STRING: "beta"
.1.3.6.1.4.1.99999.2.1.2.3 = STRING: "gamma"' \
    snmpbulkget -v2c -c public $O -Cn1 -Cr3 $A4 .1.3.6.1.2.1.1.1.0 .1.3.6.1.4.1.99999.2.1.2
check "snmpbulkget -v2c at the end" '.1.3.6.1.4.1.99999.2.1.4.3 = INTEGER: 30
.1.3.6.1.4.1.99999.9.0 = INTEGER: 0
.1.3.6.1.4.1.99999.9.0 = No more variables left in this MIB View (It is past the end of the MIB tree)' \
    snmpbulkget -v2c -c public $O -Cn0 -Cr5 $A4 .1.3.6.1.4.1.99999.2.1.4.2
check "snmpbulkwalk -v2c $A6 whole MIB" "$SYSTEM
$TABLE
.1.3.6.1.4.1.99999.9.0 = INTEGER: 0
.1.3.6.1.4.1.99999.9.0 = No more variables left in this MIB View (It is past the end of the MIB tree)" snmpbulkwalk -v2c -c public $O -Cr7 $A6 .1

# SET: values change and read back; errors in both versions.
check "snmpset -v2c" '.1.3.6.1.2.1.1.5.0 = STRING: "new-name"
.1.3.6.1.4.1.99999.2.1.4.2 = INTEGER: 99' \
    snmpset -v2c -c private $O $A4 .1.3.6.1.2.1.1.5.0 s new-name .1.3.6.1.4.1.99999.2.1.4.2 i 99
check "snmpget after set" '.1.3.6.1.2.1.1.5.0 = STRING: "new-name"
.1.3.6.1.4.1.99999.2.1.4.2 = INTEGER: 99' \
    snmpget -v1 -c public $O $A6 .1.3.6.1.2.1.1.5.0 .1.3.6.1.4.1.99999.2.1.4.2
check "snmpset -v1" '.1.3.6.1.2.1.1.6.0 = STRING: "rack 9"' \
    snmpset -v1 -c private $O $A6 .1.3.6.1.2.1.1.6.0 s "rack 9"
check "snmpget -v2c after v1 set" '.1.3.6.1.2.1.1.6.0 = STRING: "rack 9"' \
    snmpget -v2c -c public $O $A4 .1.3.6.1.2.1.1.6.0
check "snmpset -v2c read-only community" 'Error in packet.
Reason: noAccess
Failed object: .1.3.6.1.2.1.1.5.0
' snmpset -v2c -c public $O $A4 .1.3.6.1.2.1.1.5.0 s x
check "snmpset -v2c notWritable" 'Error in packet.
Reason: notWritable (That object does not support modification)
Failed object: .1.3.6.1.2.1.1.1.0
' snmpset -v2c -c private $O $A4 .1.3.6.1.2.1.1.1.0 s x
check "snmpset -v2c wrongType" 'Error in packet.
Reason: wrongType (The set datatype does not match the data type the agent expects)
Failed object: .1.3.6.1.2.1.1.5.0
' snmpset -v2c -c private $O $A4 .1.3.6.1.2.1.1.5.0 i 5
check "snmpset -v2c noCreation" 'Error in packet.
Reason: noCreation (That table does not support row creation or that object can not ever be created)
Failed object: .1.3.6.1.2.1.1.8.0
' snmpset -v2c -c private $O $A4 .1.3.6.1.2.1.1.8.0 s x
check "snmpset -v1 read-only object" "Error in packet.
$NOSUCHNAME
Failed object: .1.3.6.1.2.1.1.1.0
" snmpset -v1 -c private $O $A4 .1.3.6.1.2.1.1.1.0 s x
check "snmpset -v1 wrong type" 'Error in packet.
Reason: (badValue) The value given has the wrong type or length.
Failed object: .1.3.6.1.2.1.1.5.0
' snmpset -v1 -c private $O $A4 .1.3.6.1.2.1.1.5.0 i 5
check "snmpset -v1 read-only community" "Error in packet.
$NOSUCHNAME
Failed object: .1.3.6.1.2.1.1.5.0
" snmpset -v1 -c public $O $A4 .1.3.6.1.2.1.1.5.0 s x
check "nothing changed by the failed sets" '.1.3.6.1.2.1.1.5.0 = STRING: "new-name"' \
    snmpget -v2c -c public $O $A4 .1.3.6.1.2.1.1.5.0

# Stop the agent through the API; it checks its own teardown.
check "stop" '.1.3.6.1.4.1.99999.9.0 = INTEGER: 1' \
    snmpset -v2c -c private $O $A4 .1.3.6.1.4.1.99999.9.0 i 1
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 $pid 2>/dev/null; then
    echo "FAIL agent did not stop"; kill $pid; failures=$((failures + 1))
fi
wait $pid; rc=$?
cat "$dir/agent.out" "$dir/agent.err"
[ $rc -eq 0 ] || { echo "FAIL agent exit status $rc"; failures=$((failures + 1)); }
rm -rf "$dir"
echo "netsnmp-agent: $failures failure(s)"
[ $failures -eq 0 ]
