#!/usr/bin/env bash
# Export check, one script for both DLLs (wsnmp32 and mgmtapi): the built
# library's export surface equals its table.
#
#   check_exports.sh pe <objdump> <dll> <x64|x86> <table> <nm> <imports> <version-string> <import libs...>
#   check_exports.sh elf <nm> <lib.so> <table> [extra names...]
#
# <table> is either a .def (def/*.def: "Name @ord" or, on x86,
# "Name = Symbol@N @ord") or a table like tests/exports/exports.txt
# ("ordinal name bytes plain|decorated"; on x86 a "decorated" row is exported
# under the literal name _Name@N).
# <imports>: the system DLLs the DLL may import, space-separated, without
# ".dll" (api-ms-win-* is always allowed). <version-string>: a string the
# VERSIONINFO resource must hold (product or file name).
#
# pe: the DLL's export table (names and ordinals, x86 decorations) equals the
#     table exactly, its ordinal base is the table's lowest ordinal, and no
#     export is by ordinal only; the DLL imports only the allowed system DLLs
#     (no libgcc/libwinpthread/libstdc++ DLL); it carries a VERSIONINFO
#     resource holding <version-string>; every import library defines, for
#     every export, the symbols that code compiled against the public header
#     references (x86: _Name@N and __imp__Name@N; x64: Name and __imp_Name).
# elf: the shared object exports exactly the table's names plus the extra
#     names and nothing else.
# No pipefail: "producer | grep -q" may end the producer with SIGPIPE on a match.
set -u
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# The table as "ordinal exported-name caller-name bytes" rows, for arch $2:
# exported-name is what the DLL's export table lists, caller-name the
# undecorated function name, bytes the stdcall argument bytes (0 if unknown).
rows() {
    local table=$1 arch=$2
    if grep -q '^EXPORTS' "$table"; then
        sed -n '/^EXPORTS/,$p' "$table" | sed 's/;.*//' | awk 'NF >= 2 && $1 != "EXPORTS" {
            if ($2 == "=") { n = split($3, d, "@"); print substr($4, 2), $1, d[1], (n > 1 ? d[2] : 0) }
            else print substr($2, 2), $1, $1, 0 }'
    else
        grep -v '^#' "$table" | awk -v arch="$arch" 'NF {
            name = $2
            if (arch == "x86" && $4 == "decorated") name = "_" $2 "@" $3
            print $1, name, $2, $3 }'
    fi
}

mode=$1; shift
if [ "$mode" = elf ]; then
    nm=$1 so=$2 table=$3; shift 3
    expected=$({ rows "$table" x64 | awk '{ print $3 }'; for x in "$@"; do echo "$x"; done; } | sort)
    actual=$("$nm" -D --defined-only "$so" | awk '$2 ~ /^[TtWiDdBb]$/ { print $3 }' \
             | sed 's/@.*//' | grep -v -E '^(_init|_fini|__bss_start|_edata|_end)$' | sort)
    if [ "$expected" != "$actual" ]; then
        bad "$so: dynamic exports differ from $table${*:+ + $*} (< expected, > actual):"
        diff <(echo "$expected") <(echo "$actual") | grep '^[<>]'
    fi
    [ $fail = 0 ] && echo "PASS: $so exports exactly the $(echo "$expected" | wc -l) names of $table${*:+ + $*}"
    exit $fail
fi

objdump=$1 dll=$2 arch=$3 table=$4 nm=$5 allowed=$6 verstr=$7; shift 7
dump=$("$objdump" -p "$dll") || { echo "FAIL: cannot read $dll"; exit 1; }
table_rows=$(rows "$table" "$arch")
[ -n "$table_rows" ] || { echo "FAIL: no exports in $table"; exit 1; }

# Expected "ordinal name" lines.
expected=$(echo "$table_rows" | awk '{ print $1, $2 }' | sort -n)

# Actual: the [Ordinal/Name Pointer] Table lists "[index] name"; ordinal = index + base.
base=$(echo "$dump" | awk '/^Ordinal Base/ { print $3; exit }')
want_base=$(echo "$expected" | head -1 | awk '{ print $1 }')
[ "$base" = "$want_base" ] || bad "ordinal base is '$base', expected $want_base"
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

# Only the allowed system DLLs at run time.
imports=$(echo "$dump" | awk '/DLL Name:/ { print tolower($3) }' | sort -u)
for d in $imports; do
    case " $allowed " in
        *" ${d%.dll} "*) continue ;;
    esac
    case "$d" in
        api-ms-win-*) ;;
        *) bad "$dll imports $d, which is not a system DLL it may use ($allowed)" ;;
    esac
done
echo "ok: imports only system DLLs: $(echo $imports)"

# VERSIONINFO: the resource's UTF-16 key and the DLL's own string.
res=$(strings -el "$dll")
if grep -q '^VS_VERSION_INFO$' <<< "$res" && grep -qxF "$verstr" <<< "$res"; then
    echo "ok: VERSIONINFO resource present ($(grep -A1 '^FileVersion$' <<< "$res" | tail -1))"
else
    bad "$dll has no VERSIONINFO resource naming $verstr"
fi

# Import libraries: the symbols callers reference.
for lib in "$@"; do
    syms=$("$nm" "$lib" 2>/dev/null | awk '$2 ~ /^[TIi]$/ { print $3 }' | sort -u)
    [ -n "$syms" ] || { bad "$lib: no symbols (missing or unreadable)"; continue; }
    missing=0
    while read -r ord exported name bytes; do
        if [ "$arch" = x86 ]; then want="_${name}@${bytes} __imp__${name}@${bytes}"
        else want="${name} __imp_${name}"; fi
        for s in $want; do
            grep -qxF "$s" <<< "$syms" || { bad "$lib lacks $s"; missing=1; }
        done
    done <<< "$table_rows"
    [ $missing = 0 ] && echo "ok: $(basename "$lib") defines the caller symbols of all $(echo "$expected" | wc -l) exports"
done

[ $fail = 0 ] && echo "PASS: $dll ($arch) export surface matches $table"
exit $fail
