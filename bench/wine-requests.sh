#!/bin/sh
# wine-requests.sh NATIVE_BUILD MINGW_X64_BUILD [GETS] - wineserver requests
# per GET under Wine x64, by request name (issue 12): every Winsock call a
# Windows program makes is one or more round trips to the wineserver, so
# this count, unlike a wall-clock rate, does not depend on the machine's
# load. A wineserver with request tracing (-d1) is started for a prefix of
# its own (WINEPREFIX, default MINGW_X64_BUILD/wineprefix-trace; none may
# run for it yet) and stopped at the end; each program does GETS (default
# 5,000) GETs and the requests of its threads are counted from the trace.
#  client: our client (bench/wire_ows.c, callback session) and the plain
#    Winsock ping-pong (bench/pingpong_winsock.c, blocking and
#    WSAEventSelect shapes) against bench/responder, 1 and 64 outstanding;
#  agent: our API agent (bench/agent_ows.c) and the plain Winsock answering
#    loop (pingpong_winsock serve) under net-snmp's async client
#    (bench/wire_netsnmp.c), 1 and 64 outstanding.
# Ports: BENCH_PORT (the responder), BENCH_PORT+30 (the agents). Every
# process started here is stopped by PID; every run is bounded by timeout.
set -u
nb=$(cd "${1:?native build dir}" && pwd)
wb=$(cd "${2:?mingw-x64 build dir}" && pwd)
gets=${3:-5000}
port=${BENCH_PORT:-16200}
aport=$((port + 30))
here=$(cd "$(dirname "$0")" && pwd)
wrun="$here/../scripts/wine-run"
export WINEPREFIX=${WINEPREFIX:-$wb/wineprefix-trace} WINEDEBUG=-all WINEDLLOVERRIDES=wsnmp32=n
tmp=$(mktemp -d)
. "$here/wineserver.sh"
wine_bench_begin "$tmp/trace" -d1
sleep 0.3
# A first start (a fresh prefix takes long) whose requests count for nothing;
# its output goes to a file: services it starts keep the descriptors open.
(cd "$wb/bin" && timeout 300 "$wrun" x64 ./pingpong_winsock.exe "$port" 1 0.5 >"$tmp/first" 2>&1 </dev/null)
sleep 1

# LABEL CMD...: runs CMD and prints the requests per GET of its busy threads
# (those that made more than GETS/4 requests): the socket calls' requests
# (recv_socket, send_socket, set_async_direct_result), waits (select), the
# AFD ioctls WSAPoll makes (ioctl), event operations (event_op: FIONREAD's
# completion sets Winsock's per-thread event), the rest, and the total.
count() {
    label=$1; shift
    off=$(stat -c %s "$tmp/trace")
    "$@" >"$tmp/out" 2>&1 </dev/null
    sleep 0.5
    tail -c +$((off + 1)) "$tmp/trace" | tr -d '\0' | awk -v g="$gets" -v l="$label" '
        match($0, /^[0-9a-f]+: [a-z_]+\( /) {
            t = substr($0, 1, 4); r = substr($0, 7, RLENGTH - 8); c[t " " r]++; tot[t]++
        }
        END {
            for (k in c) {
                split(k, a, " ")
                if (tot[a[1]] <= g / 4) continue
                s[a[2]] += c[k]; all += c[k]
            }
            known = "recv_socket send_socket set_async_direct_result select ioctl event_op"
            n = split(known, names, " ")
            rest = all
            printf "%-32s", l
            for (i = 1; i <= n; i++) { printf " | %5.2f", s[names[i]] / g; rest -= s[names[i]] }
            printf " | %5.2f | %5.2f\n", rest / g, all / g
        }'
}
client() {   # PROGRAM-AND-ARGS...
    (cd "$wb/bin" && timeout 300 "$wrun" x64 "$@")
}
agent() {    # N PROGRAM-AND-ARGS...: the program listens on aport; net-snmp loads it
    n=$1; shift
    (cd "$wb/bin" && exec timeout 300 "$wrun" x64 "$@") >"$tmp/agent" 2>&1 </dev/null &
    p=$!
    i=0
    until timeout 5 "$nb/bench/bench_wire_netsnmp" "$aport" 1 0 20 >/dev/null 2>&1 || [ $i -ge 60 ]; do
        i=$((i + 1)); sleep 0.5
    done
    timeout 300 "$nb/bench/bench_wire_netsnmp" "$aport" "$n" 0 "$gets"
    wait "$p"
}

echo "== wineserver requests per GET (Wine x64, $gets GETs each) =="
printf '%-32s | %5s | %5s | %5s | %5s | %5s | %5s | %5s | %5s\n' "program, outstanding" recv send sad select ioctl event other total
echo "(recv/send: recv_socket/send_socket; sad: set_async_direct_result, one after each)"
for n in 1 64; do
    count "our client, $n" client ./wire_ows.exe "$port" "$n" 0 "$gets"
    count "Winsock ping-pong (block), $n" client ./pingpong_winsock.exe "$port" "$n" 120 block "$gets"
    count "Winsock ping-pong (poll), $n" client ./pingpong_winsock.exe "$port" "$n" 120 poll "$gets"
    count "Winsock ping-pong (event), $n" client ./pingpong_winsock.exe "$port" "$n" 120 event "$gets"
done
for n in 1 64; do
    count "our agent, $n" agent "$n" ./agent_ows.exe "$aport" 300 idle 2
    count "Winsock answering loop, $n" agent "$n" ./pingpong_winsock.exe serve "$aport" 300 2
done
