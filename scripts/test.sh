#!/usr/bin/env bash
# Runs every test of the project, on a fresh Debian 12 machine too:
#   1. scripts/deps.sh installs whatever is missing (idempotent);
#   2. native build (gcc, ASan+UBSan, Debug): its whole ctest (unit,
#      conformance, exports, differential, wire, ...);
#   3. clang fuzz build (OWS_FUZZ=ON): the "fuzz" smoke tests;
#   4. mingw-x64 and mingw-x86 cross builds: their whole ctest under Wine (one
#      WINEPREFIX for the run, one persistent wineserver, stopped by PID at the end);
#      where x86 programs cannot run (scripts/lib.sh's wine_probe tries), the x86
#      build's Wine-free tests only, the others counted as skipped, with a banner;
#   5. ThreadSanitizer build (clang): the tests labelled "tsan".
# Prints each runner's closing lines and, last, "N passed, N failed[, N skipped]";
# exits non-zero if anything failed (a configure or build failure counts as one).
#
# Environment: OWS_JOBS (default 2), OWS_TEST_BUILD (default <repo>/build/all),
# OWS_SKIP="fuzz tsan ..." leaves stages out while iterating, OWS_CMAKE_ARGS adds
# configure arguments to every stage (e.g. -DOWS_WIRE_PORT=17300).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${OWS_JOBS:-2}
out=${OWS_TEST_BUILD:-$root/build/all}
skip=${OWS_SKIP:-}
start=$(date +%s)
mkdir -p "$out"
. "$root/scripts/lib.sh"
trap stop_wine EXIT

bash "$root/scripts/deps.sh" || { echo "0 passed, 1 failed (scripts/deps.sh failed)"; exit 1; }

run_stage native "$out/native" -- -DCMAKE_BUILD_TYPE=Debug -DOWS_SANITIZE=ON

if [ -f "$root/fuzz/CMakeLists.txt" ]; then
    run_stage fuzz "$out/fuzz" -L fuzz -- -DCMAKE_BUILD_TYPE=Debug -DOWS_FUZZ=ON \
        -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
else
    closing+=("fuzz: no fuzz/ directory, nothing to run")
fi

if start_wine; then
    run_stage mingw-x64 "$out/mingw-x64" -- "${MINGW_X64_ARGS[@]}"
    if [ "$wine32" = yes ]; then
        run_stage mingw-x86 "$out/mingw-x86" -- "${MINGW_X86_ARGS[@]}"
    else
        # x86 programs cannot run here: the x86 DLL and its import libraries
        # are still built and the tests that need no Wine (label "host": the
        # export tables) run; every other x86 test counts as skipped.
        no_wine32_banner
        run_stage mingw-x86 "$out/mingw-x86" -L '^host$' -- "${MINGW_X86_ARGS[@]}"
        skip_stage_tests mingw-x86 "$out/mingw-x86" '^host$'
    fi
    stop_wine
else
    echo "!!! wine is not installed: the Windows builds were not tested"
    failed=$((failed + 1)); closing+=("mingw: wine missing")
fi

run_stage tsan "$out/tsan" -L tsan -- -DCMAKE_BUILD_TYPE=Debug -DOWS_TSAN=ON \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++

summary
