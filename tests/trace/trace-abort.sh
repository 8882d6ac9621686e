#!/bin/sh
# trace-abort.sh PROGRAM-COMMAND... - runs prog_abort (natively or through
# scripts/wine-run) with WSNMP_DEBUG=1 and stderr in a file, and checks that
# the program died and that the trace lines of the calls it made before
# aborting are there, each one whole.
set -u
out=$(mktemp /tmp/ows-trace-XXXXXX)
trap 'rm -f "$out"' EXIT
WSNMP_DEBUG=1 WINEDEBUG=-all timeout 120 "$@" >/dev/null 2>"$out"
status=$?
failures=0
if [ $status -eq 0 ] || [ $status -eq 2 ] || [ $status -eq 124 ]; then
    echo "FAIL: the program should have aborted (exit status $status)"
    failures=$((failures + 1))
fi
for want in 'SnmpStartup' 'SnmpCreateSession(' 'SnmpStrToEntity(' 'SnmpStrToContext(' \
            '-> failure'; do
    if ! grep "^wsnmp32:trace:" "$out" | grep -qF -- "$want"; then
        echo "FAIL: no trace line with \"$want\" on stderr"
        failures=$((failures + 1))
    fi
done
# Every line the library wrote is whole: it starts with its prefix.
if grep -a "wsnmp32:" "$out" | grep -qv "^wsnmp32:\(trace\|warn\|fixme\):"; then
    echo "FAIL: a trace line is broken"
    failures=$((failures + 1))
fi
echo "--- stderr of the aborted program:"
cat "$out"
echo "--- $failures failure(s)"
[ $failures -eq 0 ]
