#!/bin/bash
# v3.sh PORT BINDIR [RUNNER...] - SNMPv3 in the agent and notification-
# receiver roles (issue 13) against net-snmp's tools: wsnmpagent (on PORT)
# and wsnmptrapd (on PORT+1), written on the WinSNMP API, with users of
# every security level, authentication protocol (MD5, SHA, SHA-2) and
# privacy protocol (DES, AES, AES-192/256 as net-snmp's variant) in the
# WSNMP_DATABASE file's @user lines.
#   - snmpget/snmpwalk/snmpbulkwalk/snmpset -v3 for each user: the values of
#     SNMPv2c's answers; wrong password, unknown user, wrong level and wrong
#     privacy password give net-snmp's usual errors; an answer larger than
#     the request's msgMaxSize arrives as tooBig; the library answers GETs
#     of snmpEngine and usmStats itself, the counters counting the errors.
#   - snmptrap -v3 (the sender's engine ID, its users configured with
#     engine=) and snmpinform -v3 (discovery against us) into wsnmptrapd:
#     each arrives with its varbinds, the informs are acknowledged, a trap
#     with a wrong password or from an unknown engine does not arrive.
# RUNNER runs a Windows program (scripts/wine-run x64|x86): Windows' CNG has
# no SHA-224, so those users are skipped, loudly. Every process started is
# stopped by PID.
set -u
port=$1 bindir=$2
shift 2
run=("$@")
dir=$(mktemp -d /tmp/ows-v3-XXXXXX)
export SNMPCONFPATH="$dir" SNMP_PERSISTENT_DIR="$dir" MIBS= WINEDEBUG=-all
export WSNMP_DATABASE="$dir/users.db"
exe="" windows=0
[ ${#run[@]} -gt 0 ] && exe=.exe windows=1
A=127.0.0.1:$port T=127.0.0.1:$((port + 1))
failures=0 checks=0 skipped=0
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    rm -rf "$dir"
}
trap cleanup EXIT

ok() { checks=$((checks + 1)); echo "ok   $*"; }
bad() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL $*"; }

# Users: NAME AUTH PRIV (net-snmp's protocol names; - for none).
users="noauth - -
md5 MD5 -
sha SHA -
sha224 SHA-224 -
sha256 SHA-256 -
sha384 SHA-384 -
sha512 SHA-512 -
md5des MD5 DES
shades SHA DES
md5aes MD5 AES
shaaes SHA AES
s224aes SHA-224 AES
s256aes SHA-256 AES
s384aes SHA-384 AES
s512aes SHA-512 AES
shaa192 SHA AES192
s512a192 SHA-512 AES192
s256a256 SHA-256 AES256
s512a256 SHA-512 AES256"
SENDER=0x8000000001020304
{
    echo "# SNMPv3 users of the agent and receiver (issue 13)"
    echo "@engine engineid=0x80000000057465737400"
    echo "$users" | while read -r name auth priv; do
        case $auth-$windows in SHA-224-1) continue ;; esac
        if [ "$auth" = - ]; then echo "@user user=$name level=noAuthNoPriv"
        elif [ "$priv" = - ]; then echo "@user user=$name level=authNoPriv auth=$auth authpass=auth-$name"
        else
            p=$(echo "$priv" | sed 's/AES192/AES-192/; s/AES256/AES-256/')
            echo "@user user=$name level=authPriv auth=$auth authpass=auth-$name priv=$p privpass=priv-$name"
        fi
    done
    echo "@user user=tnoauth engine=$SENDER level=noAuthNoPriv"
    echo "@user user=tmd5 engine=$SENDER level=authNoPriv auth=MD5 authpass=auth-tmd5"
    echo "@user user=ts256aes engine=$SENDER level=authPriv auth=SHA-256 authpass=auth-ts256aes priv=AES privpass=priv-ts256aes"
} > "$WSNMP_DATABASE"
chmod 600 "$WSNMP_DATABASE"

# net-snmp's security options for user NAME as configured.
secopts() {
    local name=$1 auth=$2 priv=$3
    if [ "$auth" = - ]; then echo "-l noAuthNoPriv -u $name"
    elif [ "$priv" = - ]; then echo "-l authNoPriv -u $name -a $auth -A auth-$name"
    else echo "-l authPriv -u $name -a $auth -A auth-$name -x $priv -X priv-$name"; fi
}

start() {   # start NAME OUTFILE WORD ARGS...: a tool in the background, until it prints WORD
    local name=$1 out=$2 word=$3 i
    shift 3
    "${run[@]}" "$bindir/$name$exe" "$@" > "$out" 2>&1 &
    pids+=($!)
    for i in $(seq 1 600); do
        grep -q "$word" "$out" 2>/dev/null && return 0
        kill -0 "${pids[-1]}" 2>/dev/null || break
        sleep 0.1
    done
    echo "$name did not start:"; cat "$out"; exit 1
}

# ---- the agent
start wsnmpagent "$dir/agent.out" serving -c public -n "" -I 300 "$A"
O="-On -t 3 -r 1"
SYS=.1.3.6.1.2.1.1
snmpwalk -v2c -c public $O "$A" $SYS > "$dir/v2c.walk" 2>&1
echo "$users" | while read -r name auth priv; do
    if [ "$auth" = SHA-224 ] && [ $windows = 1 ]; then
        echo "SKIP $name: Windows CNG has no SHA-224 (the library reports the line as unusable)"
        continue
    fi
    echo "$name $(secopts "$name" "$auth" "$priv")"
done > "$dir/active"
skipped=$(grep -c '^SKIP' "$dir/active")
grep '^SKIP' "$dir/active"
while read -r name sec; do
    [ "$name" = SKIP ] && continue
    out=$(snmpget -v3 $sec $O "$A" $SYS.5.0 2>&1)
    if [ "$out" = '.1.3.6.1.2.1.1.5.0 = STRING: "wsnmpagent"' ]; then ok "snmpget -v3 $sec"
    else bad "snmpget -v3 $sec: $out"; fi
done < "$dir/active"
# Walks: the same answers as SNMPv2c's (sysUpTime masked).
mask() { grep -v '^Created directory' | sed -E 's/Timeticks: \([0-9]+\).*/Timeticks: T/'; }
for name in noauth sha512 md5des shaaes s512a256; do
    sec=$(awk -v n=$name '$1 == n { $1 = ""; print }' "$dir/active")
    snmpwalk -v3 $sec $O "$A" $SYS > "$dir/v3.walk" 2>&1
    snmpbulkwalk -v3 $sec $O -Cr3 "$A" $SYS > "$dir/v3.bulk" 2>&1
    if diff <(mask < "$dir/v2c.walk") <(mask < "$dir/v3.walk") > /dev/null &&
       diff <(mask < "$dir/v2c.walk") <(mask < "$dir/v3.bulk") > /dev/null &&
       [ "$(wc -l < "$dir/v3.walk")" -ge 7 ]; then
        ok "snmpwalk and snmpbulkwalk -v3 $name: as SNMPv2c's ($(wc -l < "$dir/v3.walk") lines)"
    else
        bad "snmpwalk -v3 $name:"; diff <(mask < "$dir/v2c.walk") <(mask < "$dir/v3.walk"); cat "$dir/v3.bulk"
    fi
done
# A SET at authPriv, read back by another user.
set_out=$(snmpset -v3 $(secopts s256aes SHA-256 AES) $O "$A" $SYS.4.0 s v3-admin 2>&1)
get_out=$(snmpget -v3 $(secopts md5 MD5 -) $O "$A" $SYS.4.0 2>&1)
if [ "$set_out" = '.1.3.6.1.2.1.1.4.0 = STRING: "v3-admin"' ] && [ "$get_out" = "$set_out" ]; then
    ok "snmpset -v3 authPriv, read back at authNoPriv"
else bad "snmpset -v3: $set_out / $get_out"; fi
# An answer beyond the request's msgMaxSize (net-snmp's is 65507): tooBig
# with no varbinds (RFC 3416 4.2.1), not silence. sysLocation set to 33000
# octets answers one GET; twice in one GET it does not fit.
long=$(head -c 33000 /dev/zero | tr '\0' L)
set_out=$(snmpset -v3 $(secopts shaaes SHA AES) $O "$A" $SYS.6.0 s "$long" 2>&1)
one=$(snmpget -v3 $(secopts shaaes SHA AES) $O -Oqv "$A" $SYS.6.0 2>&1 | tr -d '"\n')
two=$(snmpget -v3 $(secopts s512a256 SHA-512 AES256) $O "$A" $SYS.6.0 $SYS.6.0 2>&1)
if [ ${#one} = 33000 ] && [ "$one" = "$long" ] && echo "$two" | grep -q 'Reason: (tooBig)' &&
   ! echo "$two" | grep -q LLLL; then
    ok "an answer larger than msgMaxSize goes as tooBig ($(echo "$two" | grep Reason))"
else bad "tooBig: set '${set_out:0:80}', one ${#one} octets, two '${two:0:200}'"; fi
snmpset -v3 $(secopts shaaes SHA AES) $O "$A" $SYS.6.0 s loopback > /dev/null 2>&1
# Errors, as net-snmp prints them.
err() {   # err NAME EXPECTED-STDERR ARGS...
    local name=$1 want=$2 out
    shift 2
    out=$(snmpget -v3 -On -t 2 -r 0 "$@" "$A" $SYS.5.0 2>&1)
    if [ "$out" = "$want" ]; then ok "$name: $out"; else bad "$name: got '$out', want '$want'"; fi
}
err "wrong auth password" "snmpget: Authentication failure (incorrect password, community or key)" \
    -l authNoPriv -u sha256 -a SHA-256 -A wrong-password
err "unknown user" "snmpget: Unknown user name" -l authNoPriv -u nobody -a SHA -A some-password
err "authPriv for an authNoPriv user" "snmpget: Unsupported security level" \
    -l authPriv -u sha256 -a SHA-256 -A auth-sha256 -x AES -X priv-sha256
err "noAuthNoPriv for an authPriv user" "snmpget: Unsupported security level" \
    -l noAuthNoPriv -u shaaes
err "wrong privacy password" "snmpget: Decryption error" \
    -l authPriv -u shaaes -a SHA -A auth-shaaes -x AES -X wrong-password
err "wrong privacy protocol" "snmpget: Decryption error" \
    -l authPriv -u shaaes -a SHA -A auth-shaaes -x DES -X priv-shaaes
# The engine's own objects, answered by the library (the program never
# sees these GETs): snmpEngine and usmStats, counting the errors above.
ENG=.1.3.6.1.6.3.10.2.1 USM=.1.3.6.1.6.3.15.1.1
seen=$(grep -c '^GET from' "$dir/agent.out")
eng=$(snmpget -v3 $(secopts s256a256 SHA-256 AES256) $O "$A" $ENG.1.0 $ENG.2.0 $ENG.3.0 $ENG.4.0 2>&1)
usm=$(snmpget -v3 $(secopts md5 MD5 -) $O -Oqv "$A" $USM.1.0 $USM.2.0 $USM.3.0 $USM.4.0 $USM.5.0 \
      $USM.6.0 2>&1 | tr '\n' ' ')
none=$(snmpget -v3 $(secopts noauth - -) $O "$A" $USM.7.0 $USM.3 2>&1 | tr '\n' ' ')
if echo "$eng" | grep -q "^$ENG.1.0 = Hex-STRING: 80 00 00 00 05 74 65 73 74 00 \?$" &&
   echo "$eng" | grep -Eq "^$ENG.2.0 = INTEGER: [1-9][0-9]*$" &&
   echo "$eng" | grep -Eq "^$ENG.3.0 = INTEGER: [0-9]+$" &&
   echo "$eng" | grep -q "^$ENG.4.0 = INTEGER: 65507$"; then
    ok "snmpEngine objects: $(echo $eng | tr -s ' ' | cut -c1-160)"
else bad "snmpEngine objects: $eng"; fi
# unsupportedSecLevels >= 2, notInTime 0, unknownUserNames >= 1,
# unknownEngineIDs >= one per snmpget, wrongDigests >= 1, decryptionErrors >= 2.
if echo "$usm" | awk '{ exit !(NF == 6 && $1 >= 2 && $2 == 0 && $3 >= 1 && $4 >= 20 &&
                               $5 >= 1 && $6 >= 2) }'; then
    ok "usmStats counters: $usm"
else bad "usmStats counters: $usm"; fi
if echo "$none" | grep -q "$USM.7.0 = No Such Object" && echo "$none" | grep -q "$USM.3 = No Such Instance"
then ok "usmStats: noSuchObject, noSuchInstance"; else bad "usmStats exceptions: $none"; fi
[ "$(grep -c '^GET from' "$dir/agent.out")" = "$seen" ] &&
    ok "the program saw none of these GETs" || bad "the program saw the engine's GETs"
# The agent still answers.
out=$(snmpget -v3 $(secopts shaaes SHA AES) $O "$A" $SYS.5.0 2>&1)
[ "$out" = '.1.3.6.1.2.1.1.5.0 = STRING: "wsnmpagent"' ] && ok "agent alive after the errors" ||
    bad "agent after the errors: $out"

# ---- notifications
start wsnmptrapd "$dir/trapd.out" listening -Cc7 -I 60 "$T"
V=".1.3.6.1.6.3.1.1.5.3 .1.3.6.1.2.1.2.2.1.1.1 i"
n=0
sent() { n=$((n + 1)); }
snmptrap -v3 -e $SENDER $(secopts tnoauth - -) "$T" 4242 $V 1 && sent
snmptrap -v3 -e $SENDER $(secopts tmd5 MD5 -) "$T" 4242 $V 2 && sent
snmptrap -v3 -e $SENDER $(secopts ts256aes SHA-256 AES) "$T" 4242 $V 3 && sent
# Not to arrive: a wrong password; an engine nobody configured.
snmptrap -v3 -e $SENDER -l authNoPriv -u tmd5 -a MD5 -A wrong-password "$T" 4242 $V 90
snmptrap -v3 -e 0x8000000001999999 $(secopts tmd5 MD5 -) "$T" 4242 $V 91
snmpinform -v3 $(secopts shaaes SHA AES) -t 3 -r 1 "$T" 4242 $V 4 && sent
snmpinform -v3 $(secopts md5des MD5 DES) -t 3 -r 1 "$T" 4242 $V 5 && sent
snmpinform -v3 $(secopts sha512 SHA-512 -) -t 3 -r 1 "$T" 4242 $V 6 && sent
snmpinform -v3 $(secopts noauth - -) -t 3 -r 1 "$T" 4242 $V 7 && sent
# An inform with a wrong password is not acknowledged.
snmpinform -v3 -l authNoPriv -u sha512 -a SHA-512 -A wrong-password -t 1 -r 0 "$T" 4242 $V 92 \
    > /dev/null 2>&1 && bad "an inform with a wrong password was acknowledged" ||
    ok "an inform with a wrong password is not acknowledged"
for i in $(seq 1 600); do kill -0 "${pids[-1]}" 2>/dev/null || break; sleep 0.1; done
tr -d '\r' < "$dir/trapd.out" > "$dir/trapd.txt"
for k in 1 2 3 4 5 6 7; do
    kind=TRAP; [ $k -ge 4 ] && kind=INFORM
    if awk -v k=$k -v kind=$kind '/^(TRAP|INFORM) from/ { b++; head = $1 }
            b == k && head == kind && $0 == ".1.3.6.1.2.1.2.2.1.1.1 = INTEGER: " k { found = 1 }
            END { exit !found }' "$dir/trapd.txt"; then
        ok "notification $k: $kind with its varbinds"
    else bad "notification $k ($kind) missing"; fi
done
if [ $n = 7 ] && grep -q '^wsnmptrapd: 7 notification(s) received' "$dir/trapd.txt" &&
   ! grep -q 'INTEGER: 9[0-9]$' "$dir/trapd.txt"; then
    ok "7 notifications sent by net-snmp, 7 received, none of the bad ones"
else bad "wsnmptrapd (net-snmp sent $n):"; cat "$dir/trapd.txt"; fi

echo "v3: $((checks - failures)) of $checks checks passed, $skipped users skipped"
[ $failures = 0 ]
