# wineserver.sh - sourced by the Wine benchmarks (run-wine.sh,
# wine-requests.sh): a wineserver of their own for $WINEPREFIX, started and
# stopped by PID.

# wineserver_start LOG [ARGS...]: starts `wineserver -f -p ARGS` for
# WINEPREFIX, its output into LOG, unless one already runs for it; wpid
# becomes its PID, or "" when one ran already.
wineserver_start() {
    log=$1; shift
    mkdir -p "$WINEPREFIX"
    (cd "$WINEPREFIX" && exec wineserver -f -p "$@") >"$log" 2>&1 &
    wpid=$!
    sleep 0.5
    kill -0 "$wpid" 2>/dev/null || wpid=""
}

# wineserver_stop: stops the server wineserver_start started (and the
# prefix's processes with it), waiting up to 5 s before a kill by PID.
wineserver_stop() {
    [ -n "$wpid" ] || return 0
    wineserver -k 2>/dev/null
    i=0; while kill -0 "$wpid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    kill "$wpid" 2>/dev/null
}

# wine_bench_begin LOG [ARGS...]: the start the Wine benchmarks share: a
# scratch directory tmp (made before, when LOG lies in it), a wineserver of their own (wineserver_start LOG
# ARGS; the script stops when one already runs for WINEPREFIX), the bench
# responder of NATIVE_BUILD $nb on $port, and a cleanup on exit that stops
# both by PID and removes tmp.
wine_bench_begin() {
    tmp=${tmp:-$(mktemp -d)}
    rpid=""; wpid=""
    trap wine_bench_end EXIT INT TERM
    wineserver_start "$@"
    [ -n "$wpid" ] || { echo "a wineserver already runs for $WINEPREFIX: stop it first" >&2; exit 1; }
    "$nb/bench/bench_responder" "$port" 3600 2>/dev/null &
    rpid=$!
}
wine_bench_end() {
    [ -n "$rpid" ] && kill "$rpid" 2>/dev/null
    wineserver_stop
    rm -rf "$tmp"
}
