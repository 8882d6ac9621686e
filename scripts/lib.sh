# Shared by scripts/test.sh and scripts/demo.sh (sourced, not run): build
# stages, ctest result counting, and the one wineserver of a run.
# Expects: root, jobs, out, skip, start set by the caller.

passed=0 failed=0 skipped=0
closing=()
log() { printf '\n=== %s\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - start ))s"; }

# Counts one ctest run from its JUnit report; a missing report counts as a failure.
count_junit() {
    local xml=$1 name=$2 head t f s
    if [ ! -s "$xml" ]; then
        failed=$((failed + 1)); closing+=("$name: no test report (ctest did not run)"); return
    fi
    # The <testsuite ...> element's attributes, which ctest writes one per line.
    head=$(head -c 4000 "$xml" | tr '\n\t' '  ' | grep -o '<testsuite [^>]*')
    t=$(echo "$head" | grep -o ' tests="[0-9]*"' | grep -o '[0-9][0-9]*')
    f=$(echo "$head" | grep -o ' failures="[0-9]*"' | grep -o '[0-9][0-9]*')
    s=$(echo "$head" | grep -o ' skipped="[0-9]*"' | grep -o '[0-9][0-9]*')
    t=${t:-0} f=${f:-0} s=${s:-0}
    passed=$((passed + t - f - s)) failed=$((failed + f)) skipped=$((skipped + s))
}

# run_stage <name> <build dir> [ctest args...] -- <cmake configure args...>
# Configures, builds (all targets, or OWS_STAGE_TARGETS if set) and runs ctest
# (not with OWS_BUILD_ONLY set); a configure or build failure counts as one
# failed test.
run_stage() {
    local name=$1 dir=$2 ctest_args=() cfg=() targets=() last
    shift 2
    while [ $# -gt 0 ] && [ "$1" != -- ]; do ctest_args+=("$1"); shift; done
    shift
    cfg=("$@")
    case " $skip " in *" $name "*) log "$name: skipped (OWS_SKIP)"; closing+=("$name: skipped"); return;; esac
    [ -n "${OWS_STAGE_TARGETS:-}" ] && targets=(--target ${OWS_STAGE_TARGETS})
    log "$name: configure and build ($(elapsed))"
    mkdir -p "$dir"
    if ! cmake -S "$root" -B "$dir" -G Ninja "${cfg[@]}" > "$dir.configure.log" 2>&1; then
        tail -30 "$dir.configure.log"
        failed=$((failed + 1)); closing+=("$name: CONFIGURE FAILED (see $dir.configure.log)"); return
    fi
    if ! cmake --build "$dir" -j "$jobs" "${targets[@]}" > "$dir.build.log" 2>&1; then
        grep -E -A8 'error|FAILED' "$dir.build.log" | head -60
        failed=$((failed + 1)); closing+=("$name: BUILD FAILED (see $dir.build.log)"); return
    fi
    if [ -n "${OWS_BUILD_ONLY:-}" ]; then
        closing+=("$name: built, tests NOT run"); return
    fi
    log "$name: ctest ${ctest_args[*]} ($(elapsed))"
    rm -f "$dir/ctest-junit.xml"
    (cd "$dir" && ctest --output-on-failure --no-tests=ignore -j "$jobs" \
        --output-junit "$dir/ctest-junit.xml" "${ctest_args[@]}") > "$dir.ctest.log" 2>&1
    # The failures in full (from ctest's own log), then the runner's closing lines.
    if grep -q '^The following tests FAILED' "$dir.ctest.log"; then
        sed -n '/^The following tests FAILED/,$p' "$dir.ctest.log"
        echo "(full output: $dir.ctest.log)"
    fi
    last=$(grep -E 'tests passed|No tests were found|Total Test time' "$dir.ctest.log" | tr -s '\n ' ' ')
    echo "$last"
    closing+=("$name: ${last:-ctest printed no summary}")
    count_junit "$dir/ctest-junit.xml" "$name"
}

# One WINEPREFIX and one persistent wineserver for the run; stop_wine ends it.
wine_pid=""
wine32=no
start_wine() {
    export WINEPREFIX=${OWS_WINEPREFIX:-$out/wineprefix} WINEDEBUG=-all WINEARCH=win64
    command -v wine >/dev/null && command -v wineserver >/dev/null || return 1
    log "wine: prefix $WINEPREFIX ($(elapsed))"
    # -f: stays in the foreground, so its PID is ours to stop; -p: persistent.
    # It starts in the prefix folder, so that must exist first.
    mkdir -p "$WINEPREFIX"
    wineserver -f -p > "$out/wineserver.log" 2>&1 &
    wine_pid=$!
    # Create or update the prefix once, before ctest: the first start launches
    # Wine's services, which must not inherit ctest's output pipes.
    WINEDLLOVERRIDES="mscoree,mshtml=" timeout 300 wine wineboot -u > "$out/wineboot.log" 2>&1 < /dev/null \
        || echo "wine: wineboot reported an error (see $out/wineboot.log)"
    if dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null | grep -q "ok installed" \
       && [ -x /usr/lib/wine/wine ]; then wine32=yes; fi
    [ -n "${OWS_NO_WINE32:-}" ] && wine32=no  # to try the x64-only path
    return 0
}
stop_wine() {
    [ -n "$wine_pid" ] || return 0
    wineserver -k > /dev/null 2>&1
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$wine_pid" 2>/dev/null || break; sleep 1; done
    kill "$wine_pid" 2>/dev/null
    wait "$wine_pid" 2>/dev/null
    wine_pid=""
}
x86_skipped=""
no_wine32_banner() {
    x86_skipped=yes
    echo
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo "!!! wine32 IS NOT INSTALLED: THE x86 (32-bit) TESTS WERE SKIPPED."
    echo "!!! scripts/deps.sh installs it (adds the i386 architecture); then rerun."
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    closing+=("mingw-x86: TESTS SKIPPED, wine32 is not installed")
}

# The closing lines of every runner, then the one summary line; returns non-zero on failure.
summary() {
    log "closing lines ($(elapsed) in all)"
    local l
    for l in "${closing[@]}"; do echo "  $l"; done
    [ -n "$x86_skipped" ] && echo "!!! x86 NOT TESTED: wine32 is not installed (see above)"
    if [ "$skipped" -gt 0 ]; then
        echo "$passed passed, $failed failed, $skipped skipped"
    else
        echo "$passed passed, $failed failed"
    fi
    [ "$failed" = 0 ]
}

MINGW_X64_ARGS=(-DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-x86_64.cmake" -DCMAKE_BUILD_TYPE=RelWithDebInfo
                -DOWS_CMOCKA_ROOT="${OWS_DEPS:-/opt/openwinsnmp-deps}/cmocka-x86_64")
MINGW_X86_ARGS=(-DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-i686.cmake" -DCMAKE_BUILD_TYPE=RelWithDebInfo
                -DOWS_CMOCKA_ROOT="${OWS_DEPS:-/opt/openwinsnmp-deps}/cmocka-i686")
