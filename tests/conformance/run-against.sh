#!/usr/bin/env bash
# run-against.sh - run the built Windows conformance executables against
# ANOTHER wsnmp32.dll (or mgmtapi.dll) under Wine and print per-test pass/fail.
#
#   tests/conformance/run-against.sh <dll-path|builtin|ours> <x64|x86> [build-dir]
#
#   <dll-path>  a wsnmp32.dll to test; it is copied beside the executables in a
#               temporary directory (Wine loads a DLL from the exe's folder).
#   builtin     Wine's own wsnmp32 (WINEDLLOVERRIDES=wsnmp32=b, no DLL beside).
#   ours        the wsnmp32.dll of the build directory (the default target).
#   build-dir   where the executables were built (default build/conformance-<arch>;
#               they are in <build-dir>/bin or <build-dir>/tests/conformance).
#
# Environment: WINEPREFIX (default /tmp/wine-conformance), WINEDEBUG (default
# -all), CONF_TIMEOUT seconds per executable (default 300).
# CONF_DLL=mgmtapi runs the Management API suite (mconf_test_*.exe) against a
# mgmtapi.dll instead; its request tests need an agent: CONF_SNMPD_PORT=N
# starts the test snmpd there for the run (and stops it by PID).
# Exit status: 0 when every test passed, 1 otherwise, 2 on usage errors.
set -u

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 2 ] || usage
target=$1
arch=$2
case $arch in x64|x86) ;; *) usage ;; esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${3:-$root/build/conformance-$arch}
export WINEPREFIX=${WINEPREFIX:-/tmp/wine-conformance}
export WINEDEBUG=${WINEDEBUG:--all}
timeout_s=${CONF_TIMEOUT:-300}
dll=${CONF_DLL:-wsnmp32}
case $dll in wsnmp32) prefix=conf_test_ ;; mgmtapi) prefix=mconf_test_ ;; *) usage ;; esac

exedir=
for d in "$build/bin" "$build/tests/conformance" "$build/tests/mgmtapi"; do
    if ls "$d"/${prefix}*.exe >/dev/null 2>&1; then exedir=$d; break; fi
done
[ -n "$exedir" ] || { echo "no ${prefix}*.exe under $build (build the $arch preset first)" >&2; exit 2; }
# Windows programs run through scripts/wine-run, which picks the Wine loader
# that works on this machine (and refuses x86 where 32-bit programs cannot run).
wine=("$root/scripts/wine-run" "$arch")
. "$root/scripts/lib.sh"
wine_probe
[ -n "$OWS_WINE64" ] || { echo "no Wine 64-bit loader starts on this machine" >&2; exit 2; }
[ "$arch" = x64 ] || [ -n "$OWS_WINE32" ] || { echo "cannot run x86 programs here: $OWS_WINE32_WHY" >&2; exit 2; }

tmp=$(mktemp -d /tmp/conf-run-XXXXXX)
trap 'rm -rf "$tmp"; [ -n "${CONF_SNMPD_PORT:-}" ] && sh "$root/tests/agent/stop-snmpd.sh" "$tmp.snmpd" >/dev/null; rm -rf "$tmp.snmpd"' EXIT
cp "$exedir"/${prefix}*.exe "$tmp"/
if [ -n "${CONF_SNMPD_PORT:-}" ]; then
    sh "$root/tests/agent/start-snmpd.sh" "$tmp.snmpd" "$CONF_SNMPD_PORT" >/dev/null || exit 2
    export OWS_AGENT_PORT=$CONF_SNMPD_PORT
fi
unset WINEDLLOVERRIDES
case $target in
    builtin)
        export WINEDLLOVERRIDES="$dll=b"
        label="Wine builtin $dll ($arch)" ;;
    ours)
        cp "$exedir/$dll.dll" "$tmp"/ || exit 2
        export WINEDLLOVERRIDES="$dll=n"
        label="$exedir/$dll.dll ($arch)" ;;
    *)
        [ -f "$target" ] || { echo "no such DLL: $target" >&2; exit 2; }
        cp "$target" "$tmp/$dll.dll" || exit 2
        export WINEDLLOVERRIDES="$dll=n"
        label="$target ($arch)" ;;
esac

echo "conformance suite against $label"
echo "WINEPREFIX=$WINEPREFIX"
total_pass=0; total_fail=0; total_crash=0
# Each test runs in its own process: a DLL that aborts on an unimplemented
# export (Wine's builtin does) then costs that test only.
for exe in "$tmp"/${prefix}*.exe; do
    bin=$(basename "$exe")
    name=${bin%.exe}; name=${name#${prefix}}
    names=$(cd "$tmp" && timeout -k 5 60 "${wine[@]}" "./$bin" --list 2>/dev/null | tr -d '\r')
    if [ -z "$names" ]; then
        printf '  CRASH %s (cannot start: it lists no tests)\n' "$name"
        total_crash=$((total_crash + 1))
        continue
    fi
    pass=0; fail=0; crash=0
    for t in $names; do
        log="$tmp/$name.$t.log"
        ( cd "$tmp" && timeout -k 5 "$timeout_s" "${wine[@]}" "./$bin" "$t" ) 2>&1 | tr -d '\r' >"$log"
        rc=${PIPESTATUS[0]}
        if grep -qF "[       OK ] $t" "$log"; then
            printf '  PASS  %s.%s\n' "$name" "$t"; pass=$((pass + 1))
        elif grep -qF "[  FAILED  ] $t" "$log"; then
            printf '  FAIL  %s.%s\n' "$name" "$t"; fail=$((fail + 1))
            grep -E 'test_[a-z_]+\.c:[0-9]+: |^    (returned|failed|succeeded|session)|ERROR' "$log" |
                head -4 | sed 's/^ */        /'
        else
            why=$(grep -m1 -oE 'unimplemented function [^ ]+|Unhandled exception[^(]*' "$log")
            [ $rc -eq 124 ] && why="timeout after ${timeout_s}s"
            printf '  CRASH %s.%s (exit %d%s)\n' "$name" "$t" "$rc" "${why:+: $why}"
            crash=$((crash + 1))
        fi
    done
    printf '  == %-12s %3d passed, %3d failed, %3d crashed\n' "$name" "$pass" "$fail" "$crash"
    total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail))
    total_crash=$((total_crash + crash))
done
echo "TOTAL against $label: $total_pass passed, $total_fail failed, $total_crash crashed"
[ "$total_fail" -eq 0 ] && [ "$total_crash" -eq 0 ]
