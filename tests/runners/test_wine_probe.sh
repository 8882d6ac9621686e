#!/usr/bin/env bash
# runners.wine_probe: scripts/lib.sh's wine_probe and scripts/wine-run, on
# whichever kind of machine this is (issue 8).
#   test_wine_probe.sh <repo root> <x64|x86> <hello.exe of that arch> <build dir>
# 1. The probe's answer matches what this kernel really does: a 32-bit ELF
#    other than Wine's loader is executed to find out.
# 2. wine-run starts programs of each architecture the probe says can run, and
#    refuses (126, the reason on stderr) the one it says cannot.
# 3. With OWS_NO_WINE32 the probe reports "no 32-bit" with that reason, and
#    x64 programs still run.
# 4. A stage whose tests were left out is counted as skipped, and the closing
#    line says so while the run still passes.
# Prints one line per check; exits 1 on the first failure.
set -u
root=$1 arch=$2 hello=$3 build=$4
fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
tmp=$(mktemp -d /tmp/ows-wine-probe-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# probe [VAR=value...]: a fresh probe in a subshell; prints its three answers.
probe() {
    env -u OWS_WINE_PROBED -u OWS_WINE64 -u OWS_WINE32 -u OWS_WINE32_WHY -u OWS_NO_WINE32 "$@" \
        bash -c '. "$0/scripts/lib.sh"; wine_probe; printf "%s\n%s\n%s\n" "$OWS_WINE64" "$OWS_WINE32" "$OWS_WINE32_WHY"' "$root"
}
# runs <arch> <exe> [VAR=value...]: does wine-run start it and print its
# greeting? Like probe, it starts from this machine's truth: a run forced to
# the x64-only path (OWS_NO_WINE32 in its environment) must not leak in here.
runs() {
    env -u OWS_WINE_PROBED -u OWS_NO_WINE32 "${@:3}" "$root/scripts/wine-run" "$1" "$2" > "$tmp/out" 2> "$tmp/err" < /dev/null
    local rc=$?
    tr -d '\r' < "$tmp/out" | grep -q '^hello from a ' && [ $rc = 0 ]
}
refuses() {
    env -u OWS_WINE_PROBED -u OWS_NO_WINE32 "${@:3}" "$root/scripts/wine-run" "$1" "$2" > "$tmp/out" 2> "$tmp/err" < /dev/null
    local rc=$?
    [ $rc = 126 ] && grep -q "cannot run the x86 program" "$tmp/err"
}

# The other architecture's greeter, built here with the other mingw compiler.
if [ "$arch" = x64 ]; then hello64=$hello other=i686 hello32=$tmp/hello32.exe
else hello32=$hello other=x86_64 hello64=$tmp/hello64.exe; fi
other_exe=$tmp/hello$([ $other = i686 ] && echo 32 || echo 64).exe
if ! "$other-w64-mingw32-gcc" -O1 -o "$other_exe" "$root/tests/runners/hello.c" 2> "$tmp/cc.err"; then
    bad "could not build the $other greeter: $(head -1 "$tmp/cc.err")"
fi

# 1. The truth, from a 32-bit ELF that is not Wine's loader.
truth=""
for elf in /usr/lib/wine/wineserver32 /lib/ld-linux.so.2; do
    [ -e "$elf" ] || continue
    if bash -c '"$0" --version' "$elf" > /dev/null 2>&1 < /dev/null; then truth=yes; else truth=no; fi
    echo "this kernel, asked with $elf: 32-bit programs run: $truth"
    break
done
mapfile -t p < <(probe)
w64=${p[0]:-} w32=${p[1]:-} why=${p[2]:-}
echo "probe: x64 loader '$w64', x86 loader '$w32', reason '$why'"
[ -n "$w64" ] && ok "the probe found a 64-bit loader" || bad "the probe found no 64-bit loader, yet this test runs under Wine"
if [ -z "$truth" ]; then
    # No 32-bit ELF at all on this machine, so wine32 is not installed.
    [ -z "$w32" ] && ok "no 32-bit userland here and the probe reports no x86" || bad "the probe reports an x86 loader on a machine without 32-bit userland"
elif [ "$truth" = yes ]; then
    [ -n "$w32" ] && ok "32-bit programs run here and the probe says so" || bad "32-bit programs run here, but the probe says not: $why"
else
    [ -z "$w32" ] && ok "32-bit programs cannot run here and the probe says so" || bad "the probe reports x86 loader $w32 on a kernel that refuses 32-bit programs"
    case $why in
        *"this kernel cannot run 32-bit programs"*) ok "the reason names the kernel";;
        *) bad "the reason does not name the kernel: '$why'";;
    esac
fi

# 2. wine-run follows the probe.
runs x64 "$hello64" && ok "wine-run x64 starts an x64 program" || bad "wine-run x64 did not run $hello64: $(head -2 "$tmp/err")"
if [ -n "$w32" ]; then
    runs x86 "$hello32" && ok "wine-run x86 starts an x86 program" || bad "wine-run x86 did not run $hello32: $(head -2 "$tmp/err")"
else
    refuses x86 "$hello32" && ok "wine-run x86 refuses with the reason: $(head -1 "$tmp/err")" || bad "wine-run x86 did not refuse cleanly (see $(cat "$tmp/err"))"
fi

# 3. The forced x64-only path.
mapfile -t p < <(probe OWS_NO_WINE32=1)
[ -n "${p[0]:-}" ] && [ -z "${p[1]:-}" ] && ok "OWS_NO_WINE32: x64 loader kept, no x86 loader" || bad "OWS_NO_WINE32: probe said '${p[0]:-}' / '${p[1]:-}'"
case ${p[2]:-} in *OWS_NO_WINE32*) ok "OWS_NO_WINE32: the reason names it";; *) bad "OWS_NO_WINE32: reason '${p[2]:-}'";; esac
runs x64 "$hello64" OWS_NO_WINE32=1 && ok "OWS_NO_WINE32: x64 programs still run" || bad "OWS_NO_WINE32: x64 program failed: $(head -2 "$tmp/err")"
refuses x86 "$hello32" OWS_NO_WINE32=1 && ok "OWS_NO_WINE32: x86 refused" || bad "OWS_NO_WINE32: x86 not refused ($(cat "$tmp/err"))"

# 4. Counting: this build's non-host tests, left out, are skipped; the run passes.
total=$(cd "$build" && ctest -N | sed -n 's/^Total Tests: *//p')
host=$(cd "$build" && ctest -N -L '^host$' | sed -n 's/^Total Tests: *//p')
# A fresh probe here too: under scripts/test.sh the environment carries the
# run's own answer (OWS_WINE_PROBED=1), which wine_probe would reuse.
out=$(env -u OWS_WINE_PROBED -u OWS_WINE64 -u OWS_WINE32 -u OWS_WINE32_WHY OWS_NO_WINE32=1 bash -c '
    root=$0; . "$root/scripts/lib.sh"; start=$(date +%s); wine_probe
    passed=3 failed=0 skipped=0
    no_wine32_banner; skip_stage_tests mingw-x86 "$1" "^host\$"; summary' "$root" "$build" 2>&1)
rc=$?
last=$(echo "$out" | tail -1)
want="3 passed, 0 failed, $((total - host)) skipped"
[ $rc = 0 ] && [ "$last" = "$want" ] && [ $((total - host)) -gt 0 ] \
    && ok "skipped stage: closing line '$last', exit 0" || bad "skipped stage: exit $rc, closing line '$last', wanted '$want'"
echo "$out" | grep -q "CANNOT RUN HERE" && echo "$out" | grep -q "Why: OWS_NO_WINE32" \
    && ok "the banner is printed with its reason" || bad "no banner with its reason in: $out"
out=$(bash -c 'root=$0; . "$root/scripts/lib.sh"; start=$(date +%s); passed=3 failed=1 skipped=2; summary' "$root" 2>&1)
[ $? != 0 ] && [ "$(echo "$out" | tail -1)" = "3 passed, 1 failed, 2 skipped" ] \
    && ok "a real failure still fails the run" || bad "a failure did not fail the run: $out"

[ $fails = 0 ] && echo "wine probe: all checks passed" || echo "wine probe: $fails checks FAILED"
[ $fails = 0 ]
