#!/bin/sh
# start-snmpd.sh STATEDIR [PORT] - starts the test snmpd in the foreground (in
# the background of this shell), writes STATEDIR/snmpd.pid and waits until the
# agent answers on 127.0.0.1:PORT (default 16161; at most ~10 s). The config
# is snmpd.conf with the port substituted. Stop with stop-snmpd.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-/tmp/ows-snmpd}
port=${2:-16161}
mkdir -p "$dir/persist"
sed "s/:16161/:$port/g" "$here/snmpd.conf" > "$dir/snmpd.conf"
if [ -f "$dir/snmpd.pid" ] && kill -0 "$(cat "$dir/snmpd.pid")" 2>/dev/null; then
    echo "snmpd already running (pid $(cat "$dir/snmpd.pid"))"; exit 0
fi
SNMP_PERSISTENT_DIR="$dir/persist" MIBS= \
    /usr/sbin/snmpd -f -C -c "$dir/snmpd.conf" -Lf "$dir/snmpd.log" \
    -I -smux,mteTrigger,mteTriggerConf \
    </dev/null >/dev/null 2>&1 &
echo $! > "$dir/snmpd.pid"
i=0
while [ $i -lt 100 ]; do
    sleep 0.1
    # Alive first: an agent of someone else on the port would answer too.
    if ! kill -0 "$(cat "$dir/snmpd.pid")" 2>/dev/null; then
        echo "snmpd exited (port $port taken by another agent?); log:" >&2; cat "$dir/snmpd.log" >&2; exit 1
    fi
    if snmpget -v2c -c public -r0 -t0.2 -On -Oq "127.0.0.1:$port" 1.3.6.1.2.1.1.5.0 >/dev/null 2>&1 &&
       kill -0 "$(cat "$dir/snmpd.pid")" 2>/dev/null; then
        echo "snmpd running (pid $(cat "$dir/snmpd.pid"), port $port)"; exit 0
    fi
    i=$((i + 1))
done
echo "snmpd did not answer in time" >&2
kill "$(cat "$dir/snmpd.pid")" 2>/dev/null || true
exit 1
