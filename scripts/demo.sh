#!/usr/bin/env bash
# The main job: OpenWinSNMP end to end, as a user of a drop-in wsnmp32.dll
# wants to see it. Installs what is missing (scripts/deps.sh), builds
# libwsnmp32.so and wsnmp32.dll for x64 and x86 with the example programs of
# examples/, starts net-snmp's snmpd on loopback, and then runs, natively and
# as Windows programs under Wine (x64 and x86) against OUR wsnmp32.dll:
#   - examples/manager.c: GET, a GETBULK walk of the system subtree and a SET
#     read back; the three outputs must be the same, and the walk must be
#     the same as net-snmp's `snmpwalk` of that subtree;
#   - examples/traprecv.c: receives a trap from `snmptrap -v 2c` and an
#     INFORM from `snmpinform` (which exits 0 only if we acknowledged it);
#   - examples/agent.c: an agent that `snmpget` and `snmpwalk` query;
#   - examples/snmputil.c, on OUR mgmtapi.dll (the SNMP Management API) and
#     the system's snmpapi.dll: get, a GETNEXT walk compared with snmpwalk,
#     and traps from `snmptrap` v1 and v2c.
# Prints a transcript and a summary; exits non-zero if anything failed. Every
# process it starts is bounded in time and stopped by PID.
#
# Environment: OWS_JOBS (default 2), OWS_DEMO_BUILD (default <repo>/build/demo),
# OWS_DEMO_PORT (first of 30 loopback UDP ports, default 16500),
# OWS_WINEPREFIX (default <build>/wineprefix).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${OWS_JOBS:-2}
out=${OWS_DEMO_BUILD:-$root/build/demo}
skip=""
start=$(date +%s)
port=${OWS_DEMO_PORT:-16500}
mkdir -p "$out"
. "$root/scripts/lib.sh"
export MIBS=   # net-snmp tools: numeric OIDs only, whatever MIB files are installed

results=() nfail=0 npass=0 nskip=0
pass() { results+=("PASS  $*"); npass=$((npass + 1)); echo "  -> PASS: $*"; }
fail() { results+=("FAIL  $*"); nfail=$((nfail + 1)); echo "  -> FAIL: $*"; }
skip() { results+=("SKIP  $*"); nskip=$((nskip + 1)); echo "  -> SKIPPED: $*"; }
loud() {
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo "!!! $*"
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
}
show() { tr -d '\r' < "$1" | sed 's/^/    /'; }   # a program's output, indented (Wine writes CRLF)
say() { local l="$*"; printf '  $ %s\n' "${l//"$root"\//}"; }   # a command line, paths relative to the repo

# Every background process of ours, stopped by PID on any exit.
bg_pids=()
snmpd_state=$out/snmpd
stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
    kill "$pid" 2>/dev/null
    for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
}
cleanup() {
    local p
    for p in "${bg_pids[@]}"; do stop_pid "$p"; done
    bg_pids=()
    sh "$root/tests/agent/stop-snmpd.sh" "$snmpd_state" >/dev/null 2>&1
    stop_wine
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

# Waits (at most $2 s) until file $1 contains the text $3.
wait_for_line() {
    local i
    for i in $(seq 1 $(( $2 * 10 ))); do
        grep -q "$3" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
# Waits (at most $2 s) for background PID $1 to end; its exit status, 124 if it had to be stopped.
wait_pid() {
    local i
    for i in $(seq 1 $(( $2 * 10 ))); do
        kill -0 "$1" 2>/dev/null || { wait "$1"; return $?; }
        sleep 0.1
    done
    stop_pid "$1"
    return 124
}

# ---------------------------------------------------------------------------
log "1. dependencies (scripts/deps.sh)"
bash "$root/scripts/deps.sh" || { fail "scripts/deps.sh"; exit 1; }

# ---------------------------------------------------------------------------
# build <name> <dir> <cmake args...>: the library and the examples, no tests.
build() {
    local name=$1 dir=$2
    shift 2
    mkdir -p "$dir"
    if ! cmake -S "$root" -B "$dir" -G Ninja -DOWS_TESTS=OFF "$@" > "$dir.configure.log" 2>&1; then
        tail -30 "$dir.configure.log"; fail "build $name: configure failed ($dir.configure.log)"; return 1
    fi
    if ! cmake --build "$dir" -j "$jobs" > "$dir.build.log" 2>&1; then
        grep -E -A8 'error|FAILED' "$dir.build.log" | head -60
        fail "build $name: build failed ($dir.build.log)"; return 1
    fi
    pass "build $name"
}
log "2. build ($(elapsed))"
echo "  native: libwsnmp32.so and the examples (Release)"
build native "$out/native" -DCMAKE_BUILD_TYPE=Release
echo "  mingw-x64 and mingw-x86: wsnmp32.dll, its import libraries and the examples as .exe"
build mingw-x64 "$out/mingw-x64" "${MINGW_X64_ARGS[@]}"
build mingw-x86 "$out/mingw-x86" "${MINGW_X86_ARGS[@]}"
for f in "$out/native/libwsnmp32.so" "$out/native/libmgmtapi.so" \
         "$out"/mingw-x64/bin/{wsnmp32.dll,libwsnmp32.dll.a,wsnmp32.lib,mgmtapi.dll,libmgmtapi.dll.a,mgmtapi.lib} \
         "$out"/mingw-x86/bin/{wsnmp32.dll,libwsnmp32.dll.a,wsnmp32.lib,mgmtapi.dll,libmgmtapi.dll.a,mgmtapi.lib}; do
    [ -f "$f" ] && printf '  built: %s (%s bytes)\n' "${f#"$root"/}" "$(stat -c %s "$f")"
done

# Where the examples run: natively, and under Wine as x64 and x86 programs.
# scripts/lib.sh's wine_probe decides by trying whether this machine can run
# each; x86 programs that cannot run are skipped (counted, with a banner),
# x64 programs that cannot run are a failure.
platforms=(native)
if start_wine; then
    platforms+=(x64)
    if [ "$wine32" = yes ]; then platforms+=(x86); else no_wine32_banner; fi
else
    loud "no Wine 64-bit loader starts here: the Windows programs cannot run (scripts/deps.sh installs wine64)"
    fail "wine"
fi
# x86_skip <step>...: the x86 steps this machine cannot run, counted as skipped.
x86_skip() {
    [ -n "$x86_skipped" ] || return 0
    local step
    for step in "$@"; do skip "$step, x86: $OWS_WINE32_WHY"; done
}
describe() {
    case $1 in
        native) echo "native Linux program, libwsnmp32.so";;
        x64) echo "Windows x64 .exe under Wine, our x64 wsnmp32.dll";;
        x86) echo "Windows x86 .exe under Wine, our x86 wsnmp32.dll";;
    esac
}
# example_cmd <platform> <example> args...: the command line, into the array cmd.
# WINEDLLOVERRIDES=wsnmp32,mgmtapi=n: only the DLLs next to the program, never Wine's builtin ones.
example_cmd() {
    local plat=$1 prog=$2
    shift 2
    case $plat in
        native) cmd=("$out/native/examples/$prog" "$@");;
        *) cmd=(env WINEDLLOVERRIDES=wsnmp32,mgmtapi=n "$root/scripts/wine-run" "$plat" "$out/mingw-$plat/bin/$prog.exe" "$@");;
    esac
}
have_exe() {
    case $1 in native) [ -x "$out/native/examples/$2" ];; *) [ -f "$out/mingw-$1/bin/$2.exe" ];; esac
}

# ---------------------------------------------------------------------------
log "3. net-snmp's snmpd on 127.0.0.1:$port ($(elapsed))"
echo "  tests/agent/snmpd.conf: community \"public\" read-only, \"private\" read-write"
if msg=$(sh "$root/tests/agent/start-snmpd.sh" "$snmpd_state" "$port" 2>&1); then
    snmpd_ok=yes; echo "  $msg"
else
    snmpd_ok=no; echo "$msg" | sed 's/^/  /'; fail "snmpd did not start on port $port"
fi
agent=127.0.0.1:$port

# ---------------------------------------------------------------------------
# Timeticks change from one run to the next; everything else must not.
mask() { tr -d '\r' < "$1" | sed -E 's/Timeticks: \([0-9]+\) .*/Timeticks: (...)/'; }
walk_lines() { mask "$1" | awk '/^-- GETBULK walk/ { w = 1; next } /^-- / { w = 0 } w && /^\./'; }
ran=()
for plat in "${platforms[@]}"; do
    log "4. the manager example (examples/manager.c), $(describe "$plat") ($(elapsed))"
    o=$out/manager-$plat.out
    example_cmd "$plat" example_manager "$agent" public private
    say "${cmd[*]}"
    if [ "$snmpd_ok" = no ] || ! have_exe "$plat" example_manager; then
        fail "manager, $plat: not run"; continue
    fi
    timeout 60 "${cmd[@]}" > "$o" 2>&1 < /dev/null
    rc=$?
    show "$o"
    if [ $rc = 0 ]; then pass "manager, $plat: GET, GETBULK walk, SET and read-back"; ran+=("$plat")
    else fail "manager, $plat: exit status $rc"; fi
done
x86_skip manager walk "manager output identical"

if [ ${#ran[@]} -gt 0 ]; then
    log "5. the walks against net-snmp's snmpwalk ($(elapsed))"
    say "snmpwalk -v2c -c public -On $agent 1.3.6.1.2.1.1"
    ref=$out/snmpwalk.out
    timeout 30 snmpwalk -v2c -c public -On -r2 -t2 "$agent" 1.3.6.1.2.1.1 > "$ref" 2>&1
    head -4 "$ref" | sed 's/^/    /'
    echo "    ... ($(wc -l < "$ref") lines)"
    mask "$ref" > "$ref.masked"
    for plat in "${ran[@]}"; do
        walk_lines "$out/manager-$plat.out" > "$out/manager-$plat.walk"
        if [ -s "$ref.masked" ] && diff -u "$ref.masked" "$out/manager-$plat.walk" > "$out/walk-$plat.diff"; then
            pass "walk, $plat: the same $(wc -l < "$ref.masked") OIDs, types and values as snmpwalk (Timeticks values aside)"
        else
            loud "THE $plat WALK DIFFERS FROM snmpwalk's OUTPUT (- snmpwalk, + ours):"
            head -40 "$out/walk-$plat.diff"
            fail "walk, $plat: differs from snmpwalk ($out/walk-$plat.diff)"
        fi
    done
    for plat in "${ran[@]}"; do
        [ "$plat" = "${ran[0]}" ] && continue
        if diff -u <(mask "$out/manager-${ran[0]}.out") <(mask "$out/manager-$plat.out") > "$out/manager-$plat.diff"; then
            pass "manager, $plat: output identical to ${ran[0]}'s (Timeticks values aside)"
        else
            loud "THE MANAGER'S OUTPUT DIFFERS BETWEEN ${ran[0]} AND $plat:"
            head -40 "$out/manager-$plat.diff"
            fail "manager, $plat: output differs from ${ran[0]}'s ($out/manager-$plat.diff)"
        fi
    done
fi

# ---------------------------------------------------------------------------
# start_bg <output file> <seconds> <platform> <example> args...: starts an
# example in the background, bounded by `timeout`; sets bg_pid.
start_bg() {
    local outfile=$1 limit=$2
    shift 2
    example_cmd "$@"
    timeout "$limit" "${cmd[@]}" > "$outfile" 2>&1 < /dev/null &
    bg_pid=$!
    bg_pids+=("$bg_pid")
}
i=0
for plat in "${platforms[@]}"; do
    trap_addr=127.0.0.1:$((port + 10 + i))
    log "6. the trap receiver (examples/traprecv.c), $(describe "$plat") ($(elapsed))"
    o=$out/traprecv-$plat.out
    example_cmd "$plat" example_traprecv "$trap_addr" 2 30
    echo "  # in the background: wait for 2 notifications, at most 30 s"
    say "${cmd[*]} &"
    if ! have_exe "$plat" example_traprecv; then fail "trap receiver, $plat: not built"; i=$((i + 1)); continue; fi
    start_bg "$o" 45 "$plat" example_traprecv "$trap_addr" 2 30
    if wait_for_line "$o" 30 "listening"; then
        echo "  # a linkDown trap (1.3.6.1.6.3.1.1.5.3) with ifIndex.1 and ifAdminStatus.1"
        say "snmptrap -v 2c -c public $trap_addr '' 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.1 i 1 1.3.6.1.2.1.2.2.1.7.1 i 2"
        timeout 20 snmptrap -v 2c -c public "$trap_addr" '' 1.3.6.1.6.3.1.1.5.3 \
            1.3.6.1.2.1.2.2.1.1.1 i 1 1.3.6.1.2.1.2.2.1.7.1 i 2 2>&1 | sed 's/^/    /'
        trap_rc=${PIPESTATUS[0]}
        echo "  # an INFORM (net-snmp's example heartbeat, 1.3.6.1.4.1.8072.2.3.0.1); exits 0 once acknowledged"
        say "snmpinform -v 2c -c public $trap_addr '' 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 i 42"
        timeout 30 snmpinform -v 2c -c public -r 3 -t 3 "$trap_addr" '' 1.3.6.1.4.1.8072.2.3.0.1 \
            1.3.6.1.4.1.8072.2.3.2.1 i 42 2>&1 | sed 's/^/    /'
        inform_rc=${PIPESTATUS[0]}
        echo "  # exit status: snmptrap $trap_rc, snmpinform $inform_rc"
    else
        trap_rc=x inform_rc=x
    fi
    wait_pid "$bg_pid" 40
    rc=$?
    echo "  receiver's output:"
    show "$o"
    if [ "$trap_rc" = 0 ] && [ "$inform_rc" = 0 ] && [ $rc = 0 ] &&
       tr -d '\r' < "$o" | grep -q '^TRAP from' &&
       tr -d '\r' < "$o" | grep -q '\.1\.3\.6\.1\.6\.3\.1\.1\.4\.1\.0 = OID: \.1\.3\.6\.1\.6\.3\.1\.1\.5\.3$' &&
       tr -d '\r' < "$o" | grep -q '^INFORM from' &&
       tr -d '\r' < "$o" | grep -q '\.1\.3\.6\.1\.4\.1\.8072\.2\.3\.2\.1 = INTEGER: 42'; then
        pass "trap receiver, $plat: snmptrap's v2c trap and snmpinform's INFORM received, INFORM acknowledged"
    else
        fail "trap receiver, $plat: (receiver $rc, snmptrap $trap_rc, snmpinform $inform_rc)"
    fi
    i=$((i + 1))
done
x86_skip "trap receiver"

i=0
for plat in "${platforms[@]}"; do
    agent_addr=127.0.0.1:$((port + 20 + i))
    log "7. the agent (examples/agent.c), $(describe "$plat") ($(elapsed))"
    o=$out/agent-$plat.out q=$out/agent-$plat.query
    example_cmd "$plat" example_agent "$agent_addr" 2 40
    echo "  # in the background: serve until 2 s pass without a request (at most 40 s)"
    say "${cmd[*]} &"
    if ! have_exe "$plat" example_agent; then fail "agent, $plat: not built"; i=$((i + 1)); continue; fi
    start_bg "$o" 50 "$plat" example_agent "$agent_addr" 2 40
    : > "$q"
    if wait_for_line "$o" 30 "listening"; then
        echo "  # sysDescr.0, sysUpTime.0 and sysName.0 in one GET"
        say "snmpget -v2c -c public -On $agent_addr 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.3.0 1.3.6.1.2.1.1.5.0"
        timeout 20 snmpget -v2c -c public -On -r2 -t3 "$agent_addr" \
            1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.3.0 1.3.6.1.2.1.1.5.0 > "$q" 2>&1
        get_rc=$?
        show "$q"
        echo "  # the system subtree by GETNEXT; the agent's view ends after sysServices.0"
        say "snmpwalk -v2c -c public -On $agent_addr 1.3.6.1.2.1.1"
        timeout 30 snmpwalk -v2c -c public -On -r2 -t3 "$agent_addr" 1.3.6.1.2.1.1 > "$q.walk" 2>&1
        walk_rc=$?
        show "$q.walk"
    else
        get_rc=x walk_rc=x
    fi
    wait_pid "$bg_pid" 40
    rc=$?
    echo "  agent's output:"
    show "$o"
    if [ "$get_rc" = 0 ] && [ "$walk_rc" = 0 ] && [ $rc = 0 ] &&
       grep -q '^\.1\.3\.6\.1\.2\.1\.1\.5\.0 = STRING: "ows-example-agent"' "$q" &&
       grep -q '^\.1\.3\.6\.1\.2\.1\.1\.3\.0 = Timeticks' "$q" &&
       [ "$(grep -c -E '^\.1\.3\.6\.1\.2\.1\.1\.[1-7]\.0 = (STRING|Timeticks|INTEGER):' "$q.walk")" = 6 ]; then
        pass "agent, $plat: snmpget got sysDescr, sysUpTime, sysName; snmpwalk got all 6 objects"
    else
        fail "agent, $plat: (agent $rc, snmpget $get_rc, snmpwalk $walk_rc)"
    fi
    i=$((i + 1))
done
x86_skip agent

# ---------------------------------------------------------------------------
i=0
for plat in "${platforms[@]}"; do
    log "8. the Management API (examples/snmputil.c on mgmtapi.dll), $(describe "$plat" | sed 's/wsnmp32/mgmtapi/g') ($(elapsed))"
    o=$out/snmputil-$plat.out
    if ! have_exe "$plat" example_snmputil || [ "$snmpd_ok" = no ]; then
        fail "snmputil, $plat: not built or no snmpd"; i=$((i + 1)); continue
    fi
    example_cmd "$plat" example_snmputil get "$agent" public system.sysName.0 system.sysDescr.0
    say "${cmd[*]}"
    timeout 60 "${cmd[@]}" > "$o.get" 2>&1
    get_rc=$?
    show "$o.get"
    example_cmd "$plat" example_snmputil walk "$agent" public system
    say "${cmd[*]}"
    timeout 120 "${cmd[@]}" > "$o.walk" 2>/dev/null
    walk_rc=$?
    mask "$o.walk" | head -3 | sed 's/^/    /'; echo "    ..."
    MIBS= timeout 60 snmpwalk -v1 -c public -On -r2 -t3 "$agent" 1.3.6.1.2.1.1 > "$o.ref" 2>&1
    trap_addr_port=$((port + 25 + i))
    example_cmd "$plat" example_snmputil trap 2 30
    echo "  # in the background, traps on port $trap_addr_port (OWS_MGMTAPI_TRAP_PORT): wait for 2, at most 30 s"
    say "env OWS_MGMTAPI_TRAP_PORT=$trap_addr_port ${cmd[*]} &"
    export OWS_MGMTAPI_TRAP_PORT=$trap_addr_port
    start_bg "$o.trap" 45 "$plat" example_snmputil trap 2 30
    unset OWS_MGMTAPI_TRAP_PORT
    t1=x t2=x
    if wait_for_line "$o.trap" 30 "listening"; then
        say "snmptrap -v1 -c public 127.0.0.1:$trap_addr_port 1.3.6.1.4.1.8072.2.3 127.0.0.1 6 17 '' 1.3.6.1.2.1.1.5.0 s hello"
        snmptrap -v1 -c public 127.0.0.1:$trap_addr_port 1.3.6.1.4.1.8072.2.3 127.0.0.1 6 17 '' \
            1.3.6.1.2.1.1.5.0 s hello; t1=$?
        say "snmptrap -v 2c -c public 127.0.0.1:$trap_addr_port '' 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.1 i 1"
        snmptrap -v 2c -c public 127.0.0.1:$trap_addr_port '' 1.3.6.1.6.3.1.1.5.3 \
            1.3.6.1.2.1.2.2.1.1.1 i 1; t2=$?
    fi
    wait_pid "$bg_pid" 40
    trap_rc=$?
    echo "  receiver's output:"
    show "$o.trap"
    if [ "$get_rc" = 0 ] && grep -q '^\.1\.3\.6\.1\.2\.1\.1\.5\.0 = STRING: "openwinsnmp-test"' "$o.get"; then
        pass "snmputil, $plat: get of sysName.0 and sysDescr.0"
    else
        fail "snmputil, $plat: get (exit $get_rc)"
    fi
    if [ "$walk_rc" = 0 ] && [ -s "$o.ref" ] && diff <(mask "$o.ref") <(mask "$o.walk") > "$o.diff"; then
        pass "snmputil, $plat: GETNEXT walk of system, the same $(wc -l < "$o.ref") OIDs, types and values as snmpwalk -v1"
    else
        head -20 "$o.diff"; fail "snmputil, $plat: walk differs from snmpwalk (exit $walk_rc)"
    fi
    if [ "$trap_rc" = 0 ] && [ "$t1" = 0 ] && [ "$t2" = 0 ] &&
       grep -q 'generic 6, specific 17, enterprise .1.3.6.1.4.1.8072.2.3,' "$o.trap" &&
       grep -q 'generic 2, specific 0, enterprise .1.3.6.1.6.3.1.1.5,' "$o.trap"; then
        pass "snmputil, $plat: snmptrap's v1 and v2c traps through SnmpMgrTrapListen/SnmpMgrGetTrapEx"
    else
        fail "snmputil, $plat: traps (receiver $trap_rc, snmptrap $t1 $t2)"
    fi
    i=$((i + 1))
done
x86_skip "snmputil get" "snmputil walk" "snmputil traps"

# ---------------------------------------------------------------------------
cleanup
log "summary ($(elapsed) in all)"
for r in "${results[@]}"; do echo "  $r"; done
echo
if [ $nfail = 0 ] && [ -z "$x86_skipped" ]; then
    echo "OpenWinSNMP works end to end (native, Wine x64, Wine x86)"
elif [ $nfail = 0 ]; then
    loud "OpenWinSNMP works end to end natively and under Wine x64; x86 NOT RUN: $OWS_WINE32_WHY"
else
    loud "demo: $nfail step(s) FAILED (see above)"
fi
if [ $nskip -gt 0 ]; then echo "demo: $npass passed, $nfail failed, $nskip skipped"
else echo "demo: $npass passed, $nfail failed"; fi
[ $nfail = 0 ]
