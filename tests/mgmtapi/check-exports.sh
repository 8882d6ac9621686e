#!/usr/bin/env bash
# check-exports.sh - the Management API library exports exactly what its .def
# says.
#
#   check-exports.sh pe <objdump> <mgmtapi.dll> <x64|x86> <mgmtapi-ARCH.def> <nm> <import libs...>
#   check-exports.sh elf <nm> <libmgmtapi.so>
#
# pe: the export table (names and ordinals) equals the .def's; the DLL imports
#     only system DLLs and carries a VERSIONINFO resource; every import library defines, for every export, the
#     symbols code compiled against mgmtapi.h references (x86: _Name@N and
#     __imp__Name@N; x64: Name and __imp_Name).
# elf: the nine SnmpMgr* functions plus the native GetLastError/SetLastError.
set -u
fail=0
bad() { echo "FAIL: $*"; fail=1; }
mode=$1; shift
if [ "$mode" = elf ]; then
    nm=$1 so=$2
    actual=$("$nm" -D --defined-only "$so" | awk '$2 ~ /^[TtWiDdBb]$/ { print $3 }' \
             | sed 's/@.*//' | grep -v -E '^(_init|_fini|__bss_start|_edata|_end)$' | sort | tr '\n' ' ')
    want="GetLastError SetLastError SnmpMgrClose SnmpMgrCtl SnmpMgrGetTrap SnmpMgrGetTrapEx SnmpMgrOidToStr SnmpMgrOpen SnmpMgrRequest SnmpMgrStrToOid SnmpMgrTrapListen "
    [ "$actual" = "$want" ] || bad "$so exports: $actual"
    [ $fail = 0 ] && echo "PASS: $so exports exactly the 9 SnmpMgr* functions (+ GetLastError/SetLastError)"
    exit $fail
fi
objdump=$1 dll=$2 arch=$3 def=$4 nm=$5; shift 5
dump=$("$objdump" -p "$dll") || { echo "FAIL: cannot read $dll"; exit 1; }
# "name ordinal [bytes]" from the .def.
table=$(sed -n '/^EXPORTS/,$p' "$def" | sed 's/;.*//' | awk 'NF >= 2 {
    if ($2 == "=") { split($3, d, "@"); print $1, substr($4, 2), d[2] } else print $1, substr($2, 2), 0 }')
expected=$(echo "$table" | awk '{ print $2, $1 }' | sort -n)
base=$(echo "$dump" | sed -n 's/^Ordinal Base[[:space:]]*\([0-9]*\).*/\1/p' | head -1)
actual=$(echo "$dump" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' |
         sed -n 's/^[[:space:]]*\[ *\([0-9]*\)\] \(.*\)$/\1 \2/p' |
         awk -v b="${base:-0}" '{ print $1 + b, $2 }' | sort -n)
[ "$expected" = "$actual" ] || { bad "$dll export table differs from $def"; diff <(echo "$expected") <(echo "$actual"); }
# Only system DLLs (bcrypt.dll, CNG: the core's SNMPv3 crypto, in every
# Windows since Vista).
others=$(echo "$dump" | sed -n 's/^[[:space:]]*DLL Name: //p' | tr 'A-Z' 'a-z' |
         grep -v -E '^(kernel32|msvcrt|user32|ws2_32|advapi32|bcrypt)\.dll$|^api-ms-win-')
[ -z "$others" ] || bad "$dll imports non-system DLLs: $others"
# A VERSIONINFO resource (its UTF-16 strings) naming the DLL.
res=$(strings -el "$dll")
{ grep -q '^VS_VERSION_INFO$' <<< "$res" && grep -q '^mgmtapi.dll$' <<< "$res"; } ||
    bad "$dll has no VERSIONINFO resource naming mgmtapi.dll"
for lib in "$@"; do
    syms=$("$nm" "$lib" 2>/dev/null)
    while read -r name ord bytes; do
        if [ "$arch" = x86 ]; then want="_${name}@${bytes} __imp__${name}@${bytes}"; else want="$name __imp_$name"; fi
        for w in $want; do
            echo "$syms" | grep -q -E "[[:space:]]$w\$" || bad "$lib lacks $w"
        done
    done <<< "$table"
done
[ $fail = 0 ] && echo "PASS: $dll ($arch): $(echo "$expected" | wc -l) exports with the .def's ordinals, system imports only, VERSIONINFO; $# import libraries complete"
exit $fail
