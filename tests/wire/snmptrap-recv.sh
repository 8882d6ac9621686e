#!/bin/sh
# snmptrap-recv.sh PORT RECEIVER-COMMAND... - net-snmp's snmptrap (-v 1,
# generic and enterprise-specific; -v 2c) and snmpinform into prog_traprecv,
# a receiver on the WinSNMP API (natively or "wine prog.exe"). Every field
# must arrive as RFC 3584 3.1 and the WinSNMP documentation say: SNMPv1 traps
# in SNMPv2 form (sysUpTime.0 = time-stamp; snmpTrapOID.0 = snmpTraps.N for a
# generic trap, enterprise.0.specific for an enterprise-specific one; the
# original varbinds; snmpTrapEnterprise.0 last), the source entity is the
# sender's address (not the Trap-PDU's agent-addr), the context its
# community; and each registration's filters (destination entity = sender,
# context, OID prefix; the source entity does not filter) select exactly
# what they should. snmpinform exits 0 only if our acknowledgement arrived.
set -u
port=$1; shift
dir=$(mktemp -d /tmp/ows-traprecv-XXXXXX)
export SNMPCONFPATH="$dir" SNMP_PERSISTENT_DIR="$dir" MIBS=
failures=0
expected=30

"$@" "$port" $expected 60 >"$dir/recv.out" 2>"$dir/recv.err" &
pid=$!
i=0
until grep -q ready "$dir/recv.out" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
        echo "receiver did not start:"; cat "$dir/recv.err"; kill $pid 2>/dev/null; exit 1
    fi
    sleep 0.1
done

run() {
    if ! "$@" >"$dir/cmd.out" 2>&1; then
        echo "FAIL $*"; cat "$dir/cmd.out"; failures=$((failures + 1))
    fi
}
E=1.3.6.1.4.1.99999
# 1. SNMPv1 generic (coldStart) from 127.0.0.1.
run snmptrap -v1 -c public "udp:127.0.0.1:$port" $E 127.0.0.1 0 0 100 $E.5.1 s one
# 2. SNMPv1 generic (linkDown) from 127.0.0.2.
run snmptrap -v1 -c public --clientaddr=127.0.0.2 "udp:127.0.0.1:$port" $E 127.0.0.2 2 0 200 \
    1.3.6.1.2.1.2.2.1.1.3 i 3
# 3. SNMPv1 enterprise-specific, community "secret", agent-addr not the sender's.
run snmptrap -v1 -c secret "udp:127.0.0.1:$port" $E 192.0.2.77 6 42 300 $E.5.1 s three
# 4. SNMPv2c over IPv6.
run snmptrap -v2c -c public "udp6:[::1]:$port" 400 $E.0.7 $E.5.1 s four
# 5. SNMPv2c linkDown from 127.0.0.1.
run snmptrap -v2c -c public "udp:127.0.0.1:$port" 500 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.5 i 5
# 6. An INFORM: snmpinform exits 0 only when our acknowledgement reaches it.
run snmpinform -v2c -c public -r1 -t3 "udp:127.0.0.1:$port" 600 $E.0.9 $E.5.1 s six
# 7. The same over IPv6: acknowledged from the IPv6 trap socket.
run snmpinform -v2c -c public -r1 -t3 "udp6:[::1]:$port" 700 $E.0.10 $E.5.1 s seven

i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 $pid 2>/dev/null; then
    echo "FAIL receiver did not finish"; kill $pid; failures=$((failures + 1))
fi
wait $pid; rc=$?
[ $rc -eq 0 ] || { echo "FAIL receiver exit status $rc"; cat "$dir/recv.err"; failures=$((failures + 1)); }

U=1.3.6.1.2.1.1.3.0=Timeticks
T=1.3.6.1.6.3.1.1.4.1.0=OID
X=1.3.6.1.6.3.1.1.4.3.0=OID:$E
M1="TRAP from=127.0.0.1 community=public $U:100 $T:1.3.6.1.6.3.1.1.5.1 $E.5.1=STRING:one $X"
M2="TRAP from=127.0.0.2 community=public $U:200 $T:1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.3=INTEGER:3 $X"
M3="TRAP from=127.0.0.1 community=secret $U:300 $T:$E.0.42 $E.5.1=STRING:three $X"
M4="TRAP from=::1 community=public $U:400 $T:$E.0.7 $E.5.1=STRING:four"
M5="TRAP from=127.0.0.1 community=public $U:500 $T:1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.5=INTEGER:5"
M6="INFORM from=127.0.0.1 community=public $U:600 $T:$E.0.9 $E.5.1=STRING:six"
M7="INFORM from=::1 community=public $U:700 $T:$E.0.10 $E.5.1=STRING:seven"
want=$(
    for m in "$M1" "$M2" "$M3" "$M4" "$M5" "$M6" "$M7"; do
        echo "all $m"
        echo "by-src-127.0.0.1 $m"
    done
    for m in "$M1" "$M3" "$M5" "$M6"; do echo "by-sender-127.0.0.1 $m"; done
    echo "by-sender-127.0.0.2 $M2"
    echo "by-sender-::1 $M4"
    echo "by-sender-::1 $M7"
    echo "by-context-secret $M3"
    for m in "$M1" "$M2" "$M5"; do echo "by-oid-snmpTraps $m"; done
    for m in "$M3" "$M4" "$M6" "$M7"; do echo "by-oid-99999.0 $m"; done
    echo "linkDown-public-127.0.0.1 $M5"
)
want=$(printf '%s\n' "$want" | LC_ALL=C sort)
got=$(tr -d '\r' <"$dir/recv.out" | grep -v '^ready$' | LC_ALL=C sort)
if [ "$got" = "$want" ]; then
    echo "ok   $expected deliveries to 9 registrations, every field as expected"
else
    echo "FAIL deliveries"; echo "--- expected"; echo "$want"; echo "--- got"; echo "$got"
    failures=$((failures + 1))
fi
rm -rf "$dir"
echo "snmptrap-recv: $failures failure(s)"
[ $failures -eq 0 ]
