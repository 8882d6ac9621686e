#!/bin/sh
# start-snmpd.sh STATEDIR - starts the test snmpd in the foreground (in the
# background of this shell), writes STATEDIR/snmpd.pid and waits until the
# agent answers on 127.0.0.1:16161 (at most ~10 s). Stop with stop-snmpd.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-/tmp/ows-snmpd}
mkdir -p "$dir/persist"
if [ -f "$dir/snmpd.pid" ] && kill -0 "$(cat "$dir/snmpd.pid")" 2>/dev/null; then
    echo "snmpd already running (pid $(cat "$dir/snmpd.pid"))"; exit 0
fi
SNMP_PERSISTENT_DIR="$dir/persist" MIBS= \
    /usr/sbin/snmpd -f -C -c "$here/snmpd.conf" -Lf "$dir/snmpd.log" \
    -I -smux,mteTrigger,mteTriggerConf \
    </dev/null >/dev/null 2>&1 &
echo $! > "$dir/snmpd.pid"
i=0
while [ $i -lt 100 ]; do
    if snmpget -v2c -c public -r0 -t0.2 -On -Oq 127.0.0.1:16161 1.3.6.1.2.1.1.5.0 >/dev/null 2>&1; then
        echo "snmpd running (pid $(cat "$dir/snmpd.pid"))"; exit 0
    fi
    if ! kill -0 "$(cat "$dir/snmpd.pid")" 2>/dev/null; then
        echo "snmpd exited; log:" >&2; cat "$dir/snmpd.log" >&2; exit 1
    fi
    i=$((i + 1)); sleep 0.1
done
echo "snmpd did not answer in time" >&2
kill "$(cat "$dir/snmpd.pid")" 2>/dev/null || true
exit 1
