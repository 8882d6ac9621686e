#!/bin/sh
# snmptrapd-v3.sh PORT SENDER-COMMAND... - our SNMPv3 traps (prog_v3trapsend,
# natively or "wine prog.exe") into net-snmp's snmptrapd (issue 13). The
# database fixes our engine ID (@engine) and names one v3 entity per
# security level and protocol; snmptrapd knows each user under that engine
# ID (createUser -e, as RFC 3414 wants for traps: the sender is
# authoritative). Every trap must be logged as SNMPv3 with its user and
# varbinds; one entity whose password snmptrapd does not share must not be.
# Windows' CNG has no SHA-224: that entity is skipped, loudly, when the
# sender runs under a RUNNER (wine). Every process is stopped by PID.
set -u
port=$1; shift
dir=$(mktemp -d /tmp/ows-v3trapd-XXXXXX)
export SNMPCONFPATH="$dir" SNMP_PERSISTENT_DIR="$dir" MIBS= WINEDEBUG=-all
export WSNMP_DATABASE="$dir/users.db"
failures=0
ENGINE=0x80000000057465737401
cat >"$dir/snmptrapd.conf" <<EOF2
disableAuthorization yes
format2 V2 %P vars:%V|%v\n
createUser -e $ENGINE tnone
createUser -e $ENGINE tmd5des MD5 auth-tmd5des DES priv-tmd5des
createUser -e $ENGINE tshaaes SHA auth-tshaaes AES priv-tshaaes
createUser -e $ENGINE ts224 SHA-224 auth-ts224
createUser -e $ENGINE ts256aes SHA-256 auth-ts256aes AES priv-ts256aes
createUser -e $ENGINE ts384 SHA-384 auth-ts384
createUser -e $ENGINE ts512a256 SHA-512 auth-ts512a256 AES256 priv-ts512a256
createUser -e $ENGINE tliar SHA auth-tliar
EOF2
A=127.0.0.1:$port
cat >"$WSNMP_DATABASE" <<EOF2
@engine engineid=$ENGINE
tnone     $A v3 user=tnone level=noAuthNoPriv
tmd5des   $A v3 user=tmd5des level=authPriv auth=MD5 authpass=auth-tmd5des priv=DES privpass=priv-tmd5des
tshaaes   $A v3 user=tshaaes level=authPriv auth=SHA authpass=auth-tshaaes priv=AES privpass=priv-tshaaes
ts224     $A v3 user=ts224 level=authNoPriv auth=SHA-224 authpass=auth-ts224
ts256aes  $A v3 user=ts256aes level=authPriv auth=SHA-256 authpass=auth-ts256aes priv=AES privpass=priv-ts256aes context=ctx3
ts384     $A v3 user=ts384 level=authNoPriv auth=SHA-384 authpass=auth-ts384
ts512a256 $A v3 user=ts512a256 level=authPriv auth=SHA-512 authpass=auth-ts512a256 priv=AES-256 privpass=priv-ts512a256
tliar     $A v3 user=tliar level=authNoPriv auth=SHA authpass=not-the-password
EOF2
chmod 600 "$WSNMP_DATABASE"
. "$(dirname "$0")/start-snmptrapd.sh"
start_snmptrapd "$dir/snmptrapd.conf" "$dir/trapd.log" "udp:$A"

entities="tnone tmd5des tshaaes ts224 ts256aes ts384 ts512a256"
if [ $# -gt 1 ]; then
    echo "SKIP ts224: Windows CNG has no SHA-224"
    entities="tnone tmd5des tshaaes ts256aes ts384 ts512a256"
fi
"$@" $entities tliar >"$dir/sender.out" 2>&1
rc=$?
cat "$dir/sender.out"
[ $rc -eq 0 ] || { echo "FAIL sender exit status $rc"; failures=$((failures + 1)); }
n=$(echo $entities | wc -w)
i=0
while [ "$(grep -c '^V2' "$dir/trapd.log")" -lt $n ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.3
kill $pid; wait $pid 2>/dev/null

for e in $entities; do
    if grep -q "^V2 TRAP2, SNMP v3, user $e, context .*|.1.3.6.1.4.1.99999.5.1 = STRING: \"v3 trap to $e\"" \
        "$dir/trapd.log"; then
        echo "ok   snmptrapd logged the SNMPv3 trap to $e"
    else
        echo "FAIL no SNMPv3 trap from $e logged"; failures=$((failures + 1))
    fi
done
if grep -q "context ctx3" "$dir/trapd.log"; then echo "ok   contextName from the database line"
else echo "FAIL contextName ctx3 not logged"; failures=$((failures + 1)); fi
if grep -q 'v3 trap to tliar' "$dir/trapd.log"; then
    echo "FAIL a trap with a wrong password was logged"; failures=$((failures + 1))
else echo "ok   the trap with a password snmptrapd does not share was dropped"; fi
[ $failures -eq 0 ] || { echo "--- log"; cat "$dir/trapd.log"; }
rm -rf "$dir"
echo "snmptrapd-v3: $failures failure(s)"
[ $failures -eq 0 ]
