#!/usr/bin/env bash
# The main job, for now: build wsnmp32.dll for x64 and x86 (mingw-w64) and run
# the conformance suite (tests/conformance, public header and exported ABI
# only) against each DLL under Wine. Installs what is missing first
# (scripts/deps.sh). Prints each run's closing lines and "N passed, N failed".
# A later issue turns this into the end-to-end demo.
#
# Environment: OWS_JOBS (default 2), OWS_DEMO_BUILD (default <repo>/build/demo).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${OWS_JOBS:-2}
out=${OWS_DEMO_BUILD:-$root/build/demo}
skip=${OWS_SKIP:-}
start=$(date +%s)
mkdir -p "$out"
. "$root/scripts/lib.sh"
trap stop_wine EXIT

bash "$root/scripts/deps.sh" || { echo "0 passed, 1 failed (scripts/deps.sh failed)"; exit 1; }

if ! start_wine; then
    echo "wine is not installed; run scripts/deps.sh"
    exit 1
fi
run_stage mingw-x64 "$out/mingw-x64" -L conformance -- "${MINGW_X64_ARGS[@]}"
if [ "$wine32" = yes ]; then
    run_stage mingw-x86 "$out/mingw-x86" -L conformance -- "${MINGW_X86_ARGS[@]}"
else
    OWS_BUILD_ONLY=1 run_stage mingw-x86 "$out/mingw-x86" -- "${MINGW_X86_ARGS[@]}"
    no_wine32_banner
fi
stop_wine
for a in x64 x86; do
    [ -f "$out/mingw-$a/bin/wsnmp32.dll" ] && echo "built: $out/mingw-$a/bin/wsnmp32.dll (+ libwsnmp32.dll.a, wsnmp32.lib)"
done
summary
