#!/bin/sh
# trap-recv.sh PORT [RUNNER...] SNMPUTIL - runs `snmputil trap 3 30` (the
# SnmpMgrTrapListen/SnmpMgrGetTrapEx example) with OWS_MGMTAPI_TRAP_PORT=PORT,
# sends it an SNMPv1 enterprise-specific trap whose agent-addr field names
# another agent (10.1.2.3; the datagram still comes from 127.0.0.1), an
# SNMPv2c linkDown trap and an SNMPv2c coldStart naming its agent in
# snmpTrapAddress.0 with net-snmp's snmptrap, and checks the SNMPv1 fields
# it printed. The receiver is stopped by PID.
set -u
port=$1; shift
out=$(mktemp)
OWS_MGMTAPI_TRAP_PORT=$port timeout 60 "$@" trap 3 30 > "$out" 2>&1 &
pid=$!
i=0
while [ $i -lt 200 ] && ! grep -q listening "$out"; do sleep 0.1; i=$((i + 1)); done
snmptrap -v1 -c public 127.0.0.1:$port 1.3.6.1.4.1.8072.2.3 10.1.2.3 6 17 '' \
    1.3.6.1.2.1.1.5.0 s hello
snmptrap -v2c -c public 127.0.0.1:$port '' 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.1 i 1
snmptrap -v2c -c public 127.0.0.1:$port '' 1.3.6.1.6.3.1.1.5.1 1.3.6.1.6.3.18.1.3.0 a 10.1.2.3
i=0
while [ $i -lt 200 ] && kill -0 $pid 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
kill $pid 2>/dev/null
wait $pid
rc=$?
cat "$out"
fail=0
grep -q 'TRAP from 10.1.2.3, community "public", generic 6, specific 17, enterprise .1.3.6.1.4.1.8072.2.3,' "$out" \
    && grep -q '^  .1.3.6.1.2.1.1.5.0 = STRING: "hello"' "$out" \
    && echo "PASS: SNMPv1 trap: agent-addr, enterprise, generic, specific and varbind" \
    || { echo "FAIL: SNMPv1 trap not seen as sent"; fail=1; }
grep -q 'generic 2, specific 0, enterprise .1.3.6.1.6.3.1.1.5,' "$out" \
    && grep -q '^  .1.3.6.1.2.1.2.2.1.1.1 = INTEGER: 1' "$out" \
    && echo "PASS: SNMPv2c linkDown trap as generic linkDown(2)" \
    || { echo "FAIL: SNMPv2c trap not seen as sent"; fail=1; }
grep -q 'TRAP from 10.1.2.3, community "public", generic 0, specific 0,' "$out" \
    && ! grep -q '1.3.6.1.6.3.18.1.3.0 =' "$out" \
    && echo "PASS: snmpTrapAddress.0 is the agent address (and not a varbind)" \
    || { echo "FAIL: snmpTrapAddress.0 not taken as the agent address"; fail=1; }
[ $rc -eq 0 ] || { echo "FAIL: receiver exit status $rc"; fail=1; }
rm -f "$out"
exit $fail
