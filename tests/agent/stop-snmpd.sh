#!/bin/sh
# stop-snmpd.sh STATEDIR - stops the snmpd started by start-snmpd.sh, by PID.
set -u
dir=${1:-/tmp/ows-snmpd}
[ -f "$dir/snmpd.pid" ] || exit 0
pid=$(cat "$dir/snmpd.pid")
if kill "$pid" 2>/dev/null; then
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do i=$((i + 1)); sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
fi
rm -f "$dir/snmpd.pid"
exit 0
