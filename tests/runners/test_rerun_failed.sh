#!/usr/bin/env bash
# runners.rerun_failed: scripts/lib.sh's run_stage with its rerun_failed, on a
# tiny ctest project of shell tests made here (no compiler needed):
#   test_rerun_failed.sh <repo root>
# 1. A stage where one test fails, then passes when run again alone: counted
#    passed, named in a FLAKY closing line, and the run stays green.
# 2. The same with a test that fails both times: it stays failed, the stage is
#    red, and the FLAKY line names only the test that passed the second time.
# 3. A stage where everything passes runs nothing again and says nothing flaky.
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

# 1. Fails once, then passes.
project "$tmp/a/src" steady flaky
out=$(stage "$tmp/a")
counters=$(echo "$out" | sed -n 's/^counters: //p')
[ "$counters" = "2 0 0" ] && ok "fails then passes: 2 passed, 0 failed, exit 0" \
    || bad "fails then passes: counters '$counters' (passed failed exit), wanted '2 0 0'; output: $out"
flaky=$(echo "$out" | grep 'FLAKY')
case $flaky in
    *"fake: FLAKY"*fake.flaky*) ok "the FLAKY closing line names it: $flaky";;
    *) bad "no FLAKY closing line naming fake.flaky in: $out";;
esac
case $flaky in *fake.steady*) bad "the FLAKY line names a test that never failed: $flaky";; esac
[ "$(echo "$out" | tail -2 | head -1)" = "2 passed, 0 failed" ] && ok "summary line '2 passed, 0 failed'" \
    || bad "summary line: $(echo "$out" | tail -2 | head -1)"
grep -q "fake.flaky .*Passed" "$tmp/a/build.rerun.log" 2>/dev/null && ok "the second run was of the failed test, alone" \
    || bad "no second run of fake.flaky in $tmp/a/build.rerun.log"
grep -q "fake.steady" "$tmp/a/build.rerun.log" 2>/dev/null && bad "the passing test was run again too"

# 2. One test fails twice: red stage; only the one that recovered is FLAKY.
project "$tmp/b/src" steady flaky broken
out=$(stage "$tmp/b")
counters=$(echo "$out" | sed -n 's/^counters: //p')
[ "$counters" = "2 1 1" ] && ok "fails twice: 2 passed, 1 failed, exit 1" \
    || bad "fails twice: counters '$counters', wanted '2 1 1'; output: $out"
flaky=$(echo "$out" | grep 'FLAKY')
case $flaky in
    *fake.broken*) bad "the FLAKY line names the test that failed twice: $flaky";;
    *fake.flaky*) ok "the FLAKY line names only the test that passed again: $flaky";;
    *) bad "no FLAKY line for fake.flaky in: $out";;
esac
[ "$(echo "$out" | tail -2 | head -1)" = "2 passed, 1 failed" ] && ok "summary line '2 passed, 1 failed'" \
    || bad "summary line: $(echo "$out" | tail -2 | head -1)"

# 3. Nothing failed: nothing run again, nothing flaky.
project "$tmp/c/src" steady
out=$(stage "$tmp/c")
counters=$(echo "$out" | sed -n 's/^counters: //p')
[ "$counters" = "1 0 0" ] && ok "all pass: 1 passed, 0 failed, exit 0" || bad "all pass: counters '$counters'; output: $out"
echo "$out" | grep -q FLAKY && bad "a FLAKY line with nothing failed: $out"
[ -e "$tmp/c/build.rerun.log" ] && bad "a second run with nothing failed"

[ $fails = 0 ] && echo "rerun_failed: all checks passed" || echo "rerun_failed: $fails checks FAILED"
[ $fails = 0 ]
