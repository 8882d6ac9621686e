# Shared by scripts/test.sh, scripts/demo.sh and scripts/wine-run (sourced,
# not run): how this machine runs Windows programs (wine_probe), build stages,
# ctest result counting, and the one wineserver of a run.
# Expects: root set by the caller; test.sh and demo.sh also set jobs, out, skip, start.

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
    # OWS_CMAKE_ARGS adds configure arguments to every stage (e.g. another
    # -DOWS_WIRE_PORT, so two runs on one machine do not share ports).
    cfg=("$@" ${OWS_CMAKE_ARGS:-})
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
    rerun_failed "$name" "$dir" "${ctest_args[@]}"
}

# rerun_failed <name> <build dir> [ctest args...]: runs the tests that failed
# once more, alone (ctest pulls in their fixtures). One that fails again stays
# a failure; one that passes the second time counts as passed but is named in
# a loud FLAKY closing line, so a rare timing failure on a loaded machine does
# not fail the run silently, nor hide.
rerun_failed() {
    local name=$1 dir=$2 failed_names n still=0 t recovered=""
    shift 2
    failed_names=$(sed -n '/^The following tests FAILED/,/^Errors while running/p' "$dir.ctest.log" |
                   sed -n 's/^[[:space:]]*[0-9]* - \([^ ]*\) (.*/\1/p')
    [ -n "$failed_names" ] || return 0
    n=$(echo "$failed_names" | wc -l)
    log "$name: running the $n failed test(s) once more"
    (cd "$dir" && ctest --output-on-failure -R "^($(echo "$failed_names" | sed 's/[.]/\\./g' | paste -sd'|'))\$" \
        "$@") > "$dir.rerun.log" 2>&1
    # Only a test that ctest reports as passed the second time counts.
    for t in $failed_names; do
        if grep -q "Test *#[0-9]*: $t \.* *Passed" "$dir.rerun.log"; then
            recovered="$recovered $t"
        else
            still=$((still + 1))
        fi
    done
    failed=$((failed - n + still)) passed=$((passed + n - still))
    # Only the tests that passed the second time are named: one that failed
    # twice is a plain failure, listed by ctest above.
    if [ -n "$recovered" ]; then
        local why=""
        # Wine's own start-up failure (scripts/wine-run), not the program's.
        grep -q 'failed to map the shared user data' "$dir.ctest.log" &&
            why=" [the log shows Wine failing to start a process: 'failed to map the shared user data', an address-space clash before the program runs]"
        closing+=("$name: FLAKY, failed once and passed when run again:$recovered$why (see $dir.ctest.log and $dir.rerun.log)")
        echo "!!! FLAKY in $name:$recovered passed when run again$why ($dir.rerun.log)"
    fi
}

# How this machine runs Windows programs, decided by trying each Wine loader,
# never by which packages are installed: a kernel without 32-bit emulation
# refuses Wine's 32-bit loader even where wine32 is installed, and Debian's
# /usr/bin/wine then fails for x64 programs too, because it always prefers
# that loader. Sets and exports OWS_WINE64 (the loader that starts x64
# programs, empty if none does), OWS_WINE32 (the loader for x86 programs,
# empty where they cannot run) and OWS_WINE32_WHY (the reason then), plus
# OWS_WINE_PROBED=1 so that scripts/wine-run, which every test that runs
# Windows programs goes through (ctest too), reuses the answer. OWS_NO_WINE32
# makes it report "no 32-bit" (the x64-only path, and its own test);
# OWS_WINE_DIR is where the loaders are (default /usr/lib/wine).
wine_probe() {
    [ "${OWS_WINE_PROBED:-}" = 1 ] && return 0
    local dir=${OWS_WINE_DIR:-/usr/lib/wine} c msg
    OWS_WINE64="" OWS_WINE32="" OWS_WINE32_WHY=""
    for c in "$dir/wine64" "$(command -v wine64 2>/dev/null)"; do
        [ -n "$c" ] && [ -x "$c" ] || continue
        if WINELOADER=$c timeout 60 bash -c '"$0" --version' "$c" > /dev/null 2>&1 < /dev/null; then
            OWS_WINE64=$c; break
        fi
    done
    if [ -n "${OWS_NO_WINE32:-}" ]; then
        OWS_WINE32_WHY="OWS_NO_WINE32 is set, so the probe reports that 32-bit programs cannot run"
    elif [ ! -e "$dir/wine" ]; then
        OWS_WINE32_WHY="wine32 is not installed ($dir/wine is missing)"
    # Through bash, not straight from timeout: execvp would run a binary the
    # kernel refuses as a shell script, where bash reports the Exec format error.
    elif ! msg=$(timeout 60 bash -c '"$0" --version' "$dir/wine" 2>&1 < /dev/null); then
        case $msg in
            *"format error"*) OWS_WINE32_WHY="this kernel cannot run 32-bit programs ($dir/wine --version: Exec format error)";;
            *) OWS_WINE32_WHY="Wine's 32-bit loader does not start ($dir/wine --version: $(echo "$msg" | head -1))";;
        esac
    else
        OWS_WINE32=$dir/wine
    fi
    OWS_WINE_PROBED=1
    export OWS_WINE64 OWS_WINE32 OWS_WINE32_WHY OWS_WINE_PROBED
}

# One WINEPREFIX and one persistent wineserver for the run; stop_wine ends it.
# Returns non-zero where no Wine loader starts x64 programs; sets wine32=yes
# where x86 programs can run too.
wine_pid=""
wine32=no
start_wine() {
    export WINEPREFIX=${OWS_WINEPREFIX:-$out/wineprefix} WINEDEBUG=-all WINEARCH=win64
    wine_probe
    wine32=no
    [ -n "$OWS_WINE32" ] && wine32=yes
    [ -n "$OWS_WINE64" ] && command -v wineserver > /dev/null || return 1
    log "wine: prefix $WINEPREFIX, x64 loader $OWS_WINE64, x86 loader ${OWS_WINE32:-none} ($(elapsed))"
    # -f: stays in the foreground, so its PID is ours to stop; -p: persistent.
    # It starts in the prefix folder, so that must exist first.
    mkdir -p "$WINEPREFIX"
    wineserver -f -p > "$out/wineserver.log" 2>&1 &
    wine_pid=$!
    # Create or update the prefix once, before ctest: the first start launches
    # Wine's services, which must not inherit ctest's output pipes.
    WINEDLLOVERRIDES="mscoree,mshtml=" timeout 300 "$root/scripts/wine-run" x64 wineboot -u \
        > "$out/wineboot.log" 2>&1 < /dev/null \
        || echo "wine: wineboot reported an error (see $out/wineboot.log)"
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
# The loud banner where x86 programs cannot run; the x86 tests then count as skipped.
x86_skipped=""
no_wine32_banner() {
    x86_skipped=yes
    echo
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo "!!! x86 (32-bit) WINDOWS PROGRAMS CANNOT RUN HERE: THEIR TESTS ARE SKIPPED."
    echo "!!! Why: $OWS_WINE32_WHY."
    echo "!!! The x86 DLL and import libraries are still built and their exports checked."
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
}

# skip_stage_tests <name> <build dir> <label regex>: counts the tests of a
# configured build that a run with -L <label regex> left out as skipped.
skip_stage_tests() {
    local name=$1 dir=$2 label=$3 n
    n=$(cd "$dir" 2>/dev/null && ctest -N -LE "$label" | sed -n 's/^Total Tests: *//p')
    n=${n:-0}
    skipped=$((skipped + n))
    closing+=("$name: $n tests SKIPPED (x86 programs cannot run: $OWS_WINE32_WHY)")
}

# The closing lines of every runner, then the one summary line; returns non-zero on failure.
summary() {
    log "closing lines ($(elapsed) in all)"
    local l
    for l in "${closing[@]}"; do echo "  $l"; done
    [ -n "$x86_skipped" ] && echo "!!! x86 programs NOT RUN: $OWS_WINE32_WHY (see above)"
    if [ "$skipped" -gt 0 ]; then
        echo "$passed passed, $failed failed, $skipped skipped"
    else
        echo "$passed passed, $failed failed"
    fi
    [ "$failed" = 0 ]
}

# The mingw stages (not needed by scripts/wine-run, which sets only root).
MINGW_X64_ARGS=(-DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-x86_64.cmake" -DCMAKE_BUILD_TYPE=RelWithDebInfo
                -DOWS_CMOCKA_ROOT="${OWS_DEPS:-/opt/openwinsnmp-deps}/cmocka-x86_64")
MINGW_X86_ARGS=(-DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-i686.cmake" -DCMAKE_BUILD_TYPE=RelWithDebInfo
                -DOWS_CMOCKA_ROOT="${OWS_DEPS:-/opt/openwinsnmp-deps}/cmocka-i686")
