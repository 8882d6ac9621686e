# start-snmptrapd.sh - sourced by the wire tests' snmptrapd scripts:
# start_snmptrapd CONF LOG ADDRESS... runs net-snmp's snmptrapd in the
# foreground (in the background of the script) with only CONF, logging to
# LOG, and waits (bounded) until it has started; its PID is then in $pid.
# Exits the script when it does not start.
start_snmptrapd() {
    conf=$1 log=$2
    shift 2
    /usr/sbin/snmptrapd -f -C -c "$conf" -Lf "$log" -On -n "$@" </dev/null >/dev/null 2>&1 &
    pid=$!
    i=0
    until grep -q "NET-SNMP version" "$log" 2>/dev/null; do
        i=$((i + 1))
        if [ $i -gt 100 ] || ! kill -0 $pid 2>/dev/null; then
            echo "snmptrapd did not start (port taken?)"; cat "$log" 2>/dev/null
            kill $pid 2>/dev/null; exit 1
        fi
        sleep 0.1
    done
}
