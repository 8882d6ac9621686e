#!/usr/bin/env bash
# runners.rerun_failed: scripts/lib.sh's run_stage with its rerun_failed, on a
# tiny ctest project of shell tests made here (no compiler needed):
#   test_rerun_failed.sh <repo root>
# 1. A stage where one test fails, then passes when run again alone: counted
#    passed, named in a FLAKY closing line, and the run stays green.
# 2. The same with a test that fails both times: it stays failed, the stage is
#    red, and the FLAKY line names only the test that passed the second time.
# 3. A test that fails once with Wine's start-up failure (scripts/wine-run
#    makes Wine name it): the FLAKY line says so; a plain flaky test's does not.
# 4. A stage where everything passes runs nothing again and says nothing flaky.
# Prints one line per check; exits 1 if any failed.
set -u
repo=$1
fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
tmp=$(mktemp -d /tmp/ows-rerun-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# project <dir> <test kind>...: a ctest project with one test per kind, named
# after it. steady passes; flaky fails on its first run only (a marker file
# remembers it ran); broken always fails.
project() {
    local dir=$1 k
    shift
    mkdir -p "$dir"
    {
        echo 'cmake_minimum_required(VERSION 3.16)'
        echo 'project(rerun_fake NONE)'
        echo 'enable_testing()'
        for k in "$@"; do
            case $k in
                steady) echo 'add_test(NAME fake.steady COMMAND sh -c "echo steady")';;
                flaky)  echo "add_test(NAME fake.flaky COMMAND sh -c \"if [ -e '$dir/ran' ]; then echo second run; else touch '$dir/ran'; echo first run fails; exit 1; fi\")";;
                winefail) echo "add_test(NAME fake.winefail COMMAND sh -c \"if [ -e '$dir/ran' ]; then echo second run; else touch '$dir/ran'; echo 'err:virtual:virtual_alloc_first_teb wine: failed to map the shared user data: c0000018' >&2; exit 1; fi\")";;
                broken) echo 'add_test(NAME fake.broken COMMAND sh -c "echo always fails; exit 1")';;
            esac
        done
    } > "$dir/CMakeLists.txt"
}

# stage <dir>: run_stage over the project in <dir>/src as test.sh does,
# then summary; prints the output, and the counters and exit status last.
stage() {
    env -u OWS_STAGE_TARGETS -u OWS_BUILD_ONLY -u OWS_CMAKE_ARGS bash -c '
        root=$0/src; jobs=2; skip=""; start=$(date +%s)
        . "$1/scripts/lib.sh"
        run_stage fake "$0/build" -- > /dev/null
        summary; rc=$?
        echo "counters: $passed $failed $rc"' "$1" "$repo" 2>&1
}

# run_case <dir> <what> <passed> <failed> <exit> <test kind>...: a project of
# those tests through stage; checks the counters, the exit status and the
# summary line; leaves the output in $out and the FLAKY line(s) in $flaky.
run_case() {
    local dir=$1 what=$2 p=$3 f=$4 rc=$5 counters line
    shift 5
    project "$dir/src" "$@"
    out=$(stage "$dir")
    counters=$(echo "$out" | sed -n 's/^counters: //p')
    [ "$counters" = "$p $f $rc" ] && ok "$what: $p passed, $f failed, exit $rc" \
        || bad "$what: counters '$counters' (passed failed exit), wanted '$p $f $rc'; output: $out"
    line=$(echo "$out" | tail -2 | head -1)
    [ "$line" = "$p passed, $f failed" ] && ok "$what: summary line '$line'" \
        || bad "$what: summary line '$line', wanted '$p passed, $f failed'"
    flaky=$(echo "$out" | grep 'FLAKY')
}

# 1. Fails once, then passes.
run_case "$tmp/a" "fails then passes" 2 0 0 steady flaky
case $flaky in
    *"fake: FLAKY"*fake.flaky*) ok "the FLAKY closing line names it: $flaky";;
    *) bad "no FLAKY closing line naming fake.flaky in: $out";;
esac
case $flaky in *fake.steady*) bad "the FLAKY line names a test that never failed: $flaky";; esac
grep -q "fake.flaky .*Passed" "$tmp/a/build.rerun.log" 2>/dev/null && ok "the second run was of the failed test, alone" \
    || bad "no second run of fake.flaky in $tmp/a/build.rerun.log"
grep -q "fake.steady" "$tmp/a/build.rerun.log" 2>/dev/null && bad "the passing test was run again too"

# 2. One test fails twice: red stage; only the one that recovered is FLAKY.
run_case "$tmp/b" "fails twice" 2 1 1 steady flaky broken
case $flaky in
    *fake.broken*) bad "the FLAKY line names the test that failed twice: $flaky";;
    *fake.flaky*) ok "the FLAKY line names only the test that passed again: $flaky";;
    *) bad "no FLAKY line for fake.flaky in: $out";;
esac

# 3. Wine's start-up failure (scripts/wine-run names it): FLAKY, with the cause.
run_case "$tmp/w" "Wine start-up failure" 2 0 0 steady winefail
case $flaky in
    *fake.winefail*"failed to map the shared user data"*) ok "the FLAKY line names Wine's start-up failure";;
    *) bad "the FLAKY line does not name Wine's start-up failure: $flaky";;
esac
run_case "$tmp/x" "fails once, Wine started" 2 0 0 steady flaky
case $flaky in *"shared user data"*) bad "a FLAKY line blames Wine without its message in the log: $flaky";; esac

# 4. Nothing failed: nothing run again, nothing flaky.
run_case "$tmp/c" "all pass" 1 0 0 steady
[ -n "$flaky" ] && bad "a FLAKY line with nothing failed: $out"
[ -e "$tmp/c/build.rerun.log" ] && bad "a second run with nothing failed"

[ $fails = 0 ] && echo "rerun_failed: all checks passed" || echo "rerun_failed: $fails checks FAILED"
[ $fails = 0 ]
