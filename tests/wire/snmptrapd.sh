#!/bin/sh
# snmptrapd.sh PORT SENDER-COMMAND... - our trap sender (prog_trapsend,
# natively or "wine prog.exe") against net-snmp's snmptrapd: the daemon runs
# in the foreground on 127.0.0.1:PORT and [::1]:PORT with its own
# configuration (no authorization checks, one log line per notification in
# a fixed format), logging to a file; it is stopped by PID. The log must
# show every notification with the right fields: version, community,
# enterprise, agent address, generic and specific type, time-stamp and
# varbinds. The sender itself fails if an INFORM is not acknowledged.
set -u
port=$1; shift
dir=$(mktemp -d /tmp/ows-trapd-XXXXXX)
export SNMPCONFPATH="$dir" SNMP_PERSISTENT_DIR="$dir" MIBS=
failures=0
cat >"$dir/snmptrapd.conf" <<'EOF'
disableAuthorization yes
format1 V1TRAP %P enterprise=%N agent=%a generic=%w specific=%q uptime=%T vars:%V|%v\n
format2 V2 %P vars:%V|%v\n
EOF
. "$(dirname "$0")/start-snmptrapd.sh"
start_snmptrapd "$dir/snmptrapd.conf" "$dir/trapd.log" "udp:127.0.0.1:$port" "udp6:[::1]:$port"

"$@" "$port" >"$dir/sender.out" 2>&1
rc=$?
cat "$dir/sender.out"
[ $rc -eq 0 ] || { echo "FAIL sender exit status $rc"; failures=$((failures + 1)); }

# Every notification logged (bounded wait), then the daemon is stopped.
i=0
while [ "$(grep -c '^V' "$dir/trapd.log")" -lt 7 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill $pid; wait $pid 2>/dev/null

P='.1.3.6.1.4.1.99999.5.1 = STRING:'
U='.1.3.6.1.2.1.1.3.0 = Timeticks:'
T='.1.3.6.1.6.3.1.1.4.1.0 = OID:'
want="V1TRAP TRAP, SNMP v1, community public enterprise=.1.3.6.1.4.1.99999 agent=192.0.2.10 generic=0 specific=0 uptime=3333 vars:$P \"v1 generic\"
V1TRAP TRAP, SNMP v1, community public enterprise=.1.3.6.1.4.1.99999 agent=192.0.2.10 generic=6 specific=.42 uptime=4444 vars:$P \"v1 specific\"
V1TRAP TRAP, SNMP v1, community public enterprise=.1.3.6.1.4.1.99999.3 agent=192.0.2.10 generic=3 specific=0 uptime=5555 vars:$P \"v1 over IPv6\"
V2 TRAP2, SNMP v2c, community public vars:$U (1111) 0:00:11.11|$T .1.3.6.1.4.1.99999.0.7|$P \"v2c over IPv4\"
V2 TRAP2, SNMP v2c, community public vars:$U (2222) 0:00:22.22|$T .1.3.6.1.6.3.1.1.5.3|$P \"v2c over IPv6\"
V2 INFORM, SNMP v2c, community public vars:$U (6666) 0:01:06.66|$T .1.3.6.1.4.1.99999.0.8|$P \"inform over IPv4\"
V2 INFORM, SNMP v2c, community public vars:$U (7777) 0:01:17.77|$T .1.3.6.1.4.1.99999.0.9|$P \"inform over IPv6\""
got=$(grep '^V' "$dir/trapd.log" | LC_ALL=C sort)
want=$(printf '%s\n' "$want" | LC_ALL=C sort)
if [ "$got" = "$want" ]; then
    echo "ok   snmptrapd logged all 7 notifications with the expected fields"
else
    echo "FAIL snmptrapd log"; echo "--- expected"; echo "$want"; echo "--- got"; echo "$got"
    echo "--- log"; cat "$dir/trapd.log"
    failures=$((failures + 1))
fi
rm -rf "$dir"
echo "snmptrapd: $failures failure(s)"
[ $failures -eq 0 ]
