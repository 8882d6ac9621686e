#!/usr/bin/env bash
# Export check: the built library's export surface equals exports.txt.
#
#   check_exports.sh pe <objdump> <wsnmp32.dll> <x64|x86> <exports.txt> <nm> <import libs...>
#   check_exports.sh elf <nm> <libwsnmp32.so> <exports.txt>
#
# pe: the DLL's export table (names, ordinals, ordinal base 100, x86 literal
#     decorations) equals the table exactly; the DLL imports only system DLLs
#     (no libgcc/libwinpthread/libstdc++ DLL); it carries a VERSIONINFO resource;
#     every import library defines, for every export, the symbols that code
#     compiled against winsnmp.h references (x86: _Name@N and __imp__Name@N).
# elf: libwsnmp32.so exports exactly the 51 names and nothing else.
# No pipefail: "producer | grep -q" may end the producer with SIGPIPE on a match.
set -u
fail=0
bad() { echo "FAIL: $*"; fail=1; }

mode=$1; shift
if [ "$mode" = elf ]; then
    nm=$1 so=$2 table=$3
    expected=$(grep -v '^#' "$table" | awk 'NF { print $2 }' | sort)
    actual=$("$nm" -D --defined-only "$so" | awk '$2 ~ /^[TtWiDdBb]$/ { print $3 }' \
             | sed 's/@.*//' | grep -v -E '^(_init|_fini|__bss_start|_edata|_end)$' | sort)
    if [ "$expected" != "$actual" ]; then
        bad "$so: dynamic exports differ from $table (< expected, > actual):"
        diff <(echo "$expected") <(echo "$actual") | grep '^[<>]'
    fi
    [ $fail = 0 ] && echo "PASS: $so exports exactly the $(echo "$expected" | wc -l) WinSNMP functions"
    exit $fail
fi

objdump=$1 dll=$2 arch=$3 table=$4 nm=$5; shift 5
dump=$("$objdump" -p "$dll") || { echo "FAIL: cannot read $dll"; exit 1; }

# Expected "ordinal name" lines.
expected=$(grep -v '^#' "$table" | awk -v arch="$arch" 'NF {
    name = $2
    if (arch == "x86" && $4 == "decorated") name = "_" $2 "@" $3
    print $1, name }' | sort -n)

# Actual: the [Ordinal/Name Pointer] Table lists "[index] name"; ordinal = index + base.
base=$(echo "$dump" | awk '/^Ordinal Base/ { print $3; exit }')
[ "$base" = 100 ] || bad "ordinal base is '$base', expected 100"
actual=$(echo "$dump" | awk -v base="${base:-0}" '
    /^\[Ordinal\/Name Pointer\] Table/ { on = 1; next }
    on && /^[[:space:]]*\[ *[0-9]+\]/ { gsub(/[][]/, " "); print $1 + base, $2; next }
    on && !/^[[:space:]]*\[/ { on = 0 }' | sort -n)
if [ "$expected" != "$actual" ]; then
    bad "$dll: export table differs from $table (< expected, > actual):"
    diff <(echo "$expected") <(echo "$actual") | grep '^[<>]'
else
    echo "ok: $(echo "$actual" | wc -l) named exports, ordinals and names as in the table"
fi

# Exported by ordinal only? Every address-table entry must have a name.
rvas=$(echo "$dump" | awk '/^Export Address Table -- Ordinal Base/ { on = 1; next }
    on && /Export RVA/ { n++ } on && /^$/ { on = 0 } END { print n + 0 }')
named=$(echo "$actual" | grep -c .)
[ "$rvas" = "$named" ] || bad "$rvas exported addresses but $named names"

# Only system DLLs at run time (bcrypt.dll, CNG, is in every Windows since
# Vista: SNMPv3's crypto, src/win32/crypto.c).
imports=$(echo "$dump" | awk '/DLL Name:/ { print tolower($3) }' | sort -u)
for d in $imports; do
    case "$d" in
        kernel32.dll|user32.dll|ws2_32.dll|msvcrt.dll|advapi32.dll|ntdll.dll|iphlpapi.dll|bcrypt.dll|api-ms-win-*) ;;
        *) bad "$dll imports $d, which is not a system DLL" ;;
    esac
done
echo "ok: imports only system DLLs: $(echo $imports)"

# VERSIONINFO: the resource's UTF-16 key and our product name.
res=$(strings -el "$dll")
if grep -q '^VS_VERSION_INFO$' <<< "$res" && grep -q '^OpenWinSNMP$' <<< "$res"; then
    echo "ok: VERSIONINFO resource present ($(grep -A1 '^FileVersion$' <<< "$res" | tail -1))"
else
    bad "$dll has no VERSIONINFO resource naming OpenWinSNMP"
fi

# Import libraries: the symbols callers reference.
for lib in "$@"; do
    syms=$("$nm" "$lib" 2>/dev/null | awk '$2 ~ /^[TIi]$/ { print $3 }' | sort -u)
    [ -n "$syms" ] || { bad "$lib: no symbols (missing or unreadable)"; continue; }
    missing=0
    while read -r ord name bytes style; do
        if [ "$arch" = x86 ]; then want="_${name}@${bytes} __imp__${name}@${bytes}"
        else want="${name} __imp_${name}"; fi
        for s in $want; do
            grep -qxF "$s" <<< "$syms" || { bad "$lib lacks $s"; missing=1; }
        done
    done < <(grep -v '^#' "$table" | awk 'NF')
    [ $missing = 0 ] && echo "ok: $(basename "$lib") defines the caller symbols of all $(echo "$expected" | wc -l) exports"
done

[ $fail = 0 ] && echo "PASS: $dll ($arch) export surface matches $table"
exit $fail
