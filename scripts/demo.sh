#!/usr/bin/env bash
# The main job: OpenWinSNMP end to end, as a user of a drop-in wsnmp32.dll
# wants to see it. Installs what is missing (scripts/deps.sh), builds
# libwsnmp32.so and wsnmp32.dll for x64 and x86 with the tools of tools/ and
# the example programs of examples/, then:
#   - the tools as Windows programs under Wine, with nothing else involved:
#     wsnmpagent.exe serves, wsnmpwalk/wsnmpget/wsnmpset/wsnmpgetnext.exe ask
#     it, wsnmptrap.exe sends a trap and an INFORM to wsnmptrapd.exe;
#   - starts net-snmp's snmpd on loopback, and runs, natively and as Windows
#     programs under Wine (x64 and x86) against OUR wsnmp32.dll:
#     examples/manager.c: GET, a GETBULK walk of the system subtree and a SET
#     read back; the three outputs must be the same, and the walk must be
#     the same as net-snmp's `snmpwalk` of that subtree; then the same
#     program on SNMPv3 authPriv through a WSNMP_DATABASE line, whose GET and
#     walk must print what its v2c run printed;
#     examples/traprecv.c: receives a trap from `snmptrap -v 2c` and an
#     INFORM from `snmpinform` (which exits 0 only if we acknowledged it);
#     examples/agent.c: an agent that `snmpget` and `snmpwalk` query;
#     examples/snmputil.c, on OUR mgmtapi.dll (the SNMP Management API) and
#     the system's snmpapi.dll: get, a GETNEXT walk compared with snmpwalk,
#     and traps from `snmptrap` v1 and v2c;
#   - the tools and net-snmp's on each other's agent: wsnmpwalk.exe and
#     snmpwalk must print the same walk of snmpd, snmpwalk of wsnmpagent.exe
#     what wsnmpwalk.exe printed.
# Prints a transcript and a summary; exits non-zero if anything failed. Every
# process it starts is bounded in time and stopped by PID.
#
# Environment: OWS_JOBS (default 2), OWS_DEMO_BUILD (default <repo>/build/demo),
# OWS_DEMO_PORT (first of 36 loopback UDP ports, default 16500, above the test
# suite's 16161-16234),
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

# Empties a background program's output file in the foreground, before it
# starts: the `> file` of `cmd > file &` truncates in the child, so a rerun's
# wait_for_line could find the line the previous run left there and send to a
# receiver that has not yet bound its port (the trap receiver's "missed first
# trap", about once in 30 reruns).
fresh() { : > "$1"; }
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
# The tools of tools/ as Windows programs under Wine, on our wsnmp32.dll:
# wsnmpagent.exe serves, the others ask it; no net-snmp involved.
# tool_cmd <platform> <tool> args...: the command line, into the array cmd.
tool_cmd() {
    local plat=$1 t=$2
    shift 2
    cmd=(env WINEDLLOVERRIDES=wsnmp32=n "$root/scripts/wine-run" "$plat" "$out/mingw-$plat/bin/$t.exe" "$@")
}
# tool_run <platform> <output file> <tool> args...: runs a tool in the
# foreground, shows its command line as a user types it (in the tools'
# folder, WINEDLLOVERRIDES exported) and what it printed; sets rc.
tool_run() {
    local plat=$1 o=$2 t=$3
    shift 3
    tool_cmd "$plat" "$t" "$@"
    local line
    line=$(printf ' %q' "$@")
    say "wine $t.exe$line"
    timeout 60 "${cmd[@]}" > "$o" 2>&1 < /dev/null
    rc=$?
    if [ -n "${head_only:-}" ] && [ "$(wc -l < "$o")" -gt "$head_only" ]; then
        head -"$head_only" "$o" | tr -d '\r' | sed 's/^/    /'; echo "    ... ($(wc -l < "$o") lines)"
    else
        show "$o"
    fi
    [ $rc = 0 ] || echo "    (exit status $rc)"
}
# start_agent <platform> <address> <output file>: wsnmpagent.exe in the
# background (serving tools/example-values.txt, SET with "private", stopping
# after 10 s without a request); sets agent_pid; fails if it does not start.
start_agent() {
    tool_cmd "$1" wsnmpagent -c public -w private -f "$root/tools/example-values.txt" -I 10 "$2"
    say "wine wsnmpagent.exe -c public -w private -f \$REPO/tools/example-values.txt -I 10 $2 &"
    fresh "$3"
    timeout 90 "${cmd[@]}" > "$3" 2>&1 < /dev/null &
    agent_pid=$!
    bg_pids+=("$agent_pid")
    wait_for_line "$3" 30 "serving"
}
i=0
for plat in "${platforms[@]}"; do
    [ "$plat" = native ] && continue
    ta=127.0.0.1:$((port + 30 + 2 * i)) tt=127.0.0.1:$((port + 31 + 2 * i))
    d=$out/tools-$plat
    i=$((i + 1))
    log "3. the tools (tools/*.c), $(describe "$plat"); no net-snmp involved ($(elapsed))"
    echo "  # Windows loads the wsnmp32.dll beside the program; the override makes Wine prefer it to its builtin one"
    say "export WINEDLLOVERRIDES=wsnmp32=n"
    say "cd ${out#"$root"/}/mingw-$plat/bin"
    echo "  # in the background: an agent serving MIB-II's system group and tools/example-values.txt;"
    echo "  # \"public\" reads, \"private\" may SET; it stops after 10 s without a request"
    if ! start_agent "$plat" "$ta" "$d.agent"; then
        show "$d.agent"; fail "tools, $plat: wsnmpagent.exe did not start"; continue
    fi
    echo "  # everything it has, by GETNEXT, as net-snmp's snmpwalk would print it"
    tool_run "$plat" "$d.walk" wsnmpwalk -v 2c -c public "$ta" .1.3.6.1
    walk_rc=$rc
    echo "  # one table column by GETBULK (5 repetitions a request, as snmpbulkwalk -Cr5)"
    tool_run "$plat" "$d.bulk" wsnmpwalk -v 2c -c public -Cr5 "$ta" 1.3.6.1.4.1.99999.1.1.2
    bulk_rc=$rc
    echo "  # three objects in one SNMPv1 GET"
    tool_run "$plat" "$d.get" wsnmpget -v 1 -c public "$ta" 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.3.0 1.3.6.1.2.1.1.5.0
    get_rc=$rc
    echo "  # SET sysName.0: the read community is refused (exit status 1), the write community accepted"
    tool_run "$plat" "$d.set1" wsnmpset -v 2c -c public "$ta" 1.3.6.1.2.1.1.5.0 s renamed
    set1_rc=$rc
    tool_run "$plat" "$d.set2" wsnmpset -v 2c -c private "$ta" 1.3.6.1.2.1.1.5.0 s renamed
    set2_rc=$rc
    echo "  # the object after sysContact.0, by GETNEXT: the new sysName.0"
    tool_run "$plat" "$d.next" wsnmpgetnext -v 2c -c public "$ta" 1.3.6.1.2.1.1.4.0
    next_rc=$rc
    echo "  # in the background: a trap receiver that stops after 2 notifications (or 20 s without one)"
    tool_cmd "$plat" wsnmptrapd -Cc2 -I 20 "$tt"
    say "wine wsnmptrapd.exe -Cc2 -I 20 $tt &"
    fresh "$d.trapd"
    timeout 60 "${cmd[@]}" > "$d.trapd" 2>&1 < /dev/null &
    trapd_pid=$!
    bg_pids+=("$trapd_pid")
    trap_rc=x inform_rc=x
    if wait_for_line "$d.trapd" 30 "listening"; then
        echo "  # a linkDown trap (1.3.6.1.6.3.1.1.5.3) with ifIndex.1 and ifAdminStatus.1; '' = our uptime"
        tool_run "$plat" "$d.trap" wsnmptrap -v 2c -c public "$tt" '' 1.3.6.1.6.3.1.1.5.3 \
            1.3.6.1.2.1.2.2.1.1.1 i 1 1.3.6.1.2.1.2.2.1.7.1 i 2
        trap_rc=$rc
        echo "  # an INFORM (-Ci): wsnmptrap exits 0 only once wsnmptrapd.exe has acknowledged it"
        tool_run "$plat" "$d.inform" wsnmptrap -v 2c -Ci -c public "$tt" '' 1.3.6.1.4.1.8072.2.3.0.1 \
            1.3.6.1.4.1.8072.2.3.2.1 i 42
        inform_rc=$rc
    fi
    wait_pid "$trapd_pid" 20
    trapd_rc=$?
    echo "  what the trap receiver printed:"
    show "$d.trapd"
    stop_pid "$agent_pid"
    echo "  what the agent logged (stopped by PID; repeated lines counted):"
    tr -d '\r' < "$d.agent" | uniq -c | awk '{ n = $1; sub(/^ *[0-9]+ /, ""); print "    " $0 (n > 1 ? "  (" n " times)" : "") }'
    n=$(tr -d '\r' < "$d.walk" | grep '^\.1\.3\.6\.1\.' | grep -vc 'No more variables')
    if [ "$walk_rc" = 0 ] && [ "$n" = 17 ] && [ "$bulk_rc" = 0 ] && [ "$(grep -c STRING "$d.bulk")" = 2 ] &&
       [ "$get_rc" = 0 ] && [ "$(grep -c '^\.1' "$d.get")" = 3 ]; then
        pass "tools, $plat: wsnmpwalk.exe (GETNEXT and GETBULK) and wsnmpget.exe read wsnmpagent.exe's $n objects"
    else
        fail "tools, $plat: walk $walk_rc ($n objects), bulk walk $bulk_rc, get $get_rc"
    fi
    if [ "$set1_rc" = 1 ] && grep -q noAccess "$d.set1" && [ "$set2_rc" = 0 ] && [ "$next_rc" = 0 ] &&
       grep -q '^\.1\.3\.6\.1\.2\.1\.1\.5\.0 = STRING: "renamed"' <(tr -d '\r' < "$d.next"); then
        pass "tools, $plat: wsnmpset.exe refused with \"public\" (noAccess), accepted with \"private\", read back"
    else
        fail "tools, $plat: set public $set1_rc, set private $set2_rc, getnext $next_rc"
    fi
    if [ "$trap_rc" = 0 ] && [ "$inform_rc" = 0 ] && [ "$trapd_rc" = 0 ] &&
       tr -d '\r' < "$d.trapd" | grep -q '^TRAP from' &&
       tr -d '\r' < "$d.trapd" | grep -q '^INFORM from.*acknowledged' &&
       tr -d '\r' < "$d.trapd" | grep -q '^\.1\.3\.6\.1\.4\.1\.8072\.2\.3\.2\.1 = INTEGER: 42$'; then
        pass "tools, $plat: wsnmptrap.exe's trap and INFORM arrived at wsnmptrapd.exe, the INFORM acknowledged"
    else
        fail "tools, $plat: trap $trap_rc, inform $inform_rc, receiver $trapd_rc"
    fi
done
x86_skip "tools (agent, walk, get)" "tools (set)" "tools (trap, inform)"

# ---------------------------------------------------------------------------
log "4. net-snmp's snmpd on 127.0.0.1:$port ($(elapsed))"
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
    log "5. the manager example (examples/manager.c), $(describe "$plat") ($(elapsed))"
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
    log "6. the walks against net-snmp's snmpwalk ($(elapsed))"
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
# The same program on SNMPv3 authPriv: its AGENT argument is a name that a
# WSNMP_DATABASE line maps to snmpd's user shaaes (SHA, AES-128); the library
# discovers the engine, derives the keys and encrypts. Its GET and walk must
# print what the v2c run printed. (The SET part differs by design: SNMPv3
# ignores the community, so "public" may write as the user may.)
if [ ${#ran[@]} -gt 0 ]; then
    log "6b. the manager example on SNMPv3 authPriv through a WSNMP_DATABASE line ($(elapsed))"
    v3db=$out/wsnmp-v3.db
    echo "demo-v3 $agent v3 user=shaaes level=authPriv auth=SHA authpass=shapassword priv=AES privpass=aespassword" > "$v3db"
    chmod 600 "$v3db"
    echo "  the database (readable by its owner only: it holds passwords):"
    sed -E 's/(pass)=[^ ]*/\1=.../g' "$v3db" | sed 's/^/    /'
    # The GET and walk sections of a manager output, Timeticks and stats aside.
    get_walk() { mask "$1" | grep -v '^wsnmp32:' | awk '/^-- (GET sysDescr|GETBULK walk)/ { w = 1; print; next } /^-- / { w = 0 } w'; }
    for plat in "${ran[@]}"; do
        o=$out/manager-v3-$plat.out
        dbpath=$v3db
        [ "$plat" = native ] || dbpath="Z:${v3db//\//\\}"
        example_cmd "$plat" example_manager demo-v3 public private
        say "WSNMP_DATABASE=$dbpath WSNMP_DEBUG=stats ${cmd[*]}"
        WSNMP_DATABASE=$dbpath WSNMP_DEBUG=stats timeout 60 "${cmd[@]}" > "$o" 2>&1 < /dev/null
        rc=$?
        show "$o"
        # WSNMP_DEBUG=stats: the v3 manager's counters show SNMPv3 was spoken.
        if [ $rc = 0 ] && tr -d '\r' < "$o" | grep -Eq 'v3 manager: sent [1-9][0-9]*, .* responses [1-9]' &&
           diff -u <(get_walk "$out/manager-$plat.out") <(get_walk "$o") > "$out/manager-v3-$plat.diff" &&
           [ -n "$(get_walk "$o")" ]; then
            pass "manager, $plat: SNMPv3 authPriv (SHA, AES) from a WSNMP_DATABASE line, GET and walk identical to v2c"
        else
            [ -s "$out/manager-v3-$plat.diff" ] && head -40 "$out/manager-v3-$plat.diff"
            fail "manager, $plat: SNMPv3 run exit status $rc ($out/manager-v3-$plat.diff)"
        fi
    done
fi
x86_skip "manager SNMPv3"

# ---------------------------------------------------------------------------
# start_bg <output file> <seconds> <platform> <example> args...: starts an
# example in the background, bounded by `timeout`; sets bg_pid.
start_bg() {
    local outfile=$1 limit=$2
    shift 2
    example_cmd "$@"
    fresh "$outfile"
    timeout "$limit" "${cmd[@]}" > "$outfile" 2>&1 < /dev/null &
    bg_pid=$!
    bg_pids+=("$bg_pid")
}
i=0
for plat in "${platforms[@]}"; do
    trap_addr=127.0.0.1:$((port + 10 + i))
    log "7. the trap receiver (examples/traprecv.c), $(describe "$plat") ($(elapsed))"
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
    log "8. the agent (examples/agent.c), $(describe "$plat") ($(elapsed))"
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
    log "9. the Management API (examples/snmputil.c on mgmtapi.dll), $(describe "$plat" | sed 's/wsnmp32/mgmtapi/g') ($(elapsed))"
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
# The tools and net-snmp's, each on the other's agent.
i=0
for plat in "${platforms[@]}"; do
    [ "$plat" = native ] && continue
    d=$out/tools-$plat ta=127.0.0.1:$((port + 34 + i))
    i=$((i + 1))
    log "10. the tools and net-snmp's, $(describe "$plat") ($(elapsed))"
    if [ "$snmpd_ok" = no ]; then fail "tools vs net-snmp, $plat: no snmpd"; continue; fi
    echo "  # the same walk of snmpd's system group by wsnmpwalk.exe and by snmpwalk: the same bytes"
    head_only=3 tool_run "$plat" "$d.nwalk" wsnmpwalk -v 2c -c public "$agent" 1.3.6.1.2.1.1
    nwalk_rc=$rc
    say "snmpwalk -v2c -c public -On $agent 1.3.6.1.2.1.1"
    timeout 30 snmpwalk -v2c -c public -On "$agent" 1.3.6.1.2.1.1 > "$d.snmpwalk" 2>&1
    head -3 "$d.snmpwalk" | sed 's/^/    /'; echo "    ... ($(wc -l < "$d.snmpwalk") lines)"
    if [ "$nwalk_rc" = 0 ] && [ -s "$d.snmpwalk" ] && diff -u <(mask "$d.snmpwalk") <(mask "$d.nwalk") > "$d.nwalk.diff"; then
        pass "tools vs net-snmp, $plat: wsnmpwalk.exe printed what snmpwalk printed ($(wc -l < "$d.snmpwalk") lines; Timeticks values aside)"
    else
        loud "wsnmpwalk.exe ($plat) AND snmpwalk DIFFER (- snmpwalk, + ours):"; head -20 "$d.nwalk.diff"
        fail "tools vs net-snmp, $plat: wsnmpwalk.exe differs from snmpwalk ($d.nwalk.diff)"
    fi
    echo "  # net-snmp's snmpwalk reading wsnmpagent.exe: what wsnmpwalk.exe read from it in step 3"
    : > "$d.snmpwalk2"
    if start_agent "$plat" "$ta" "$d.agent2"; then
        say "snmpwalk -v2c -c public -On $ta .1.3.6.1"
        timeout 30 snmpwalk -v2c -c public -On -t 3 -r 2 "$ta" .1.3.6.1 > "$d.snmpwalk2" 2>&1
        head -3 "$d.snmpwalk2" | sed 's/^/    /'; echo "    ... ($(wc -l < "$d.snmpwalk2") lines)"
    fi
    stop_pid "$agent_pid"
    if [ -s "$d.snmpwalk2" ] && diff -u <(mask "$d.snmpwalk2") <(mask "$d.walk") > "$d.walk2.diff"; then
        pass "tools vs net-snmp, $plat: snmpwalk read wsnmpagent.exe: the same $(wc -l < "$d.snmpwalk2") lines as wsnmpwalk.exe"
    else
        loud "snmpwalk OF wsnmpagent.exe ($plat) DIFFERS FROM wsnmpwalk.exe's (- snmpwalk, + ours):"; head -20 "$d.walk2.diff"
        fail "tools vs net-snmp, $plat: snmpwalk of wsnmpagent.exe ($d.walk2.diff)"
    fi
done
x86_skip "tools vs net-snmp (wsnmpwalk)" "tools vs net-snmp (wsnmpagent)"

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
