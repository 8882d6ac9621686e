#!/usr/bin/env bash
# Builds the two import libraries of a DLL (wsnmp32.dll, mgmtapi.dll) for one Windows arch from the
# DLL's own .def file (def/wsnmp32-<arch>.def), so the export table and the
# import libraries cannot disagree.
#
#   implib.sh <x64|x86> <dll .def> <out dir> <gnu dlltool> [llvm-mc lld-link]
#
# Outputs in <out dir>:
#   libwsnmp32.dll.a  mingw style (long import format), made by GNU dlltool;
#   wsnmp32.lib       MSVC style (short import format), made by lld-link, the
#                     MSVC-compatible linker; skipped with a warning when llvm-mc
#                     and lld-link are not given.
#
# x86: code compiled against winsnmp.h references the decorated stdcall names
# (_SnmpClose@4 and __imp__SnmpClose@4) while the DLL exports "SnmpClose", so
# both libraries carry the decorated symbol with an import name the loader
# undecorates. The two undocumented agent-address exports are exported under
# their literal decorated names (_SnmpConveyAgentAddress@4), so their import
# entries name exactly that string.
#  - GNU dlltool: "-k" (kill-at) for the undecorated exports, and
#    "== its_name" for the two literal ones.
#  - MSVC style: the library MSVC's own linker would write for this export list:
#    lld-link links a throw-away DLL from an MSVC-syntax .def ("SnmpClose" is
#    matched to the stdcall symbol _SnmpClose@4, "_SnmpConveyAgentAddress@4" is
#    taken literally) and stub objects that only define the symbols; its import
#    library is the product. llvm-dlltool 14 cannot express the literal names
#    (its MinGW mode never emits the plain IMPORT_NAME type for "_x@4"), and
#    merging libraries breaks the member order GNU ld relies on.
set -euo pipefail
arch=$1 def=$2 out=$3 dlltool=$4 llvm_mc=${5:-} lld_link=${6:-}
# The DLL's name comes from the .def's LIBRARY line (wsnmp32.dll, mgmtapi.dll).
dll=$(sed -n 's/^LIBRARY[[:space:]]\+\([^[:space:]]*\).*/\1/p' "$def" | head -1)
base=${dll%.dll}
work="$(dirname "$out")/implib-work-$base-$arch"
rm -rf "$work" && mkdir -p "$work"

# The EXPORTS lines of the DLL .def: "<export> [= <internal>] @<ordinal>".
exports() { sed -n '/^EXPORTS/,$p' "$def" | sed 's/;.*//' | grep -E '^\s+[A-Za-z_]'; }
# One line per export: "<export name> <internal symbol without the C prefix> <ordinal>".
exports | awk '{ if ($2 == "=") print $1, $3, substr($4, 2); else print $1, $1, substr($2, 2) }' \
    > "$work/table"

if [ "$arch" = x64 ]; then
    gnu_machine=i386:x86-64 kill=() mc_triple=x86_64-pc-windows-msvc link_machine=x64 prefix="" link_extra=()
    awk '{ printf "    %s @%s\n", $1, $3 }' "$work/table" > "$work/gnu.lines"
    awk '{ printf "    %s @%s\n", $1, $3 }' "$work/table" > "$work/msvc.lines"
else
    gnu_machine=i386 kill=(-k) mc_triple=i686-pc-windows-msvc link_machine=x86 prefix=_ link_extra=(/safeseh:no)
    # "SnmpClose SnmpClose@4 203"  -> "SnmpClose@4 @203" (the @4 killed for the import name);
    # "_SnmpSetAgentAddress@4 SnmpSetAgentAddress@4 109"
    #                              -> "SnmpSetAgentAddress@4 @109 == _SnmpSetAgentAddress@4".
    awk '{ if ($1 ~ /^_.*@[0-9]+$/) printf "    %s @%s == %s\n", $2, $3, $1;
           else                     printf "    %s @%s\n", $2, $3 }' "$work/table" > "$work/gnu.lines"
    # MSVC syntax: the undecorated name finds its stdcall symbol; a name written with
    # the leading underscore and @N is exported exactly as written.
    awk '{ printf "    %s @%s\n", $1, $3 }' "$work/table" > "$work/msvc.lines"
fi

{ echo "LIBRARY $dll"; echo EXPORTS; cat "$work/gnu.lines"; } > "$work/gnu.def"
"$dlltool" "${kill[@]}" -m "$gnu_machine" -d "$work/gnu.def" -D "$dll" -l "$out/lib$base.dll.a"

if [ -n "$llvm_mc" ] && [ -n "$lld_link" ]; then
    { echo "LIBRARY $dll"; echo EXPORTS; cat "$work/msvc.lines"; } > "$work/msvc.def"
    # Stub definitions of the internal symbols (C prefix "_" on x86).
    { echo '.text'
      awk -v p="$prefix" '{ printf ".globl \"%s%s\"\n\"%s%s\":\n    ret\n", p, $2, p, $2 }' "$work/table"
    } > "$work/stubs.s"
    "$llvm_mc" -filetype=obj -triple="$mc_triple" "$work/stubs.s" -o "$work/stubs.obj"
    "$lld_link" /nologo /dll /noentry /nodefaultlib /machine:$link_machine "${link_extra[@]}" "/def:$work/msvc.def" \
        "/out:$work/stub-$dll" "/implib:$out/$base.lib" "$work/stubs.obj"
else
    echo "implib.sh: WARNING: llvm-mc/lld-link not found; $base.lib (MSVC style) not built" >&2
fi
