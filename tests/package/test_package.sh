#!/bin/bash
# test_package.sh ROOT BUILD-DIR native|x64|x86 - the installable package:
#   1. `cmake --install` into a temporary prefix: the layout (bin/, lib/ with
#      the import libraries, include/, lib/cmake/OpenWinSNMP, lib/pkgconfig);
#   2. `cpack`: the archive named with the version holds the same files;
#   3. the archive, unpacked into another temporary prefix, is used by an
#      out-of-tree program (tests/package/consumer) built with
#      find_package(OpenWinSNMP) and, separately, with pkg-config; both run
#      (natively, or under Wine through scripts/wine-run with the DLL beside
#      the program, as a user would drop it there).
set -u
root=$1 build=$2 arch=$3
tmp=$(mktemp -d /tmp/ows-package-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failures=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; failures=$((failures + 1)); }
version=$(sed -n 's/^project(OpenWinSNMP VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
case $arch in
    native) sys=Linux-$(uname -m) ext=tar.gz cc=gcc toolchain=()
            files="lib/libwsnmp32.so bin/wsnmpget bin/wsnmpagent";;
    x64)    sys=win64 ext=zip cc=x86_64-w64-mingw32-gcc toolchain=(-DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-x86_64.cmake")
            files="bin/wsnmp32.dll lib/libwsnmp32.dll.a lib/wsnmp32.lib bin/wsnmpget.exe bin/wsnmpagent.exe";;
    x86)    sys=win32 ext=zip cc=i686-w64-mingw32-gcc toolchain=(-DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-i686.cmake")
            files="bin/wsnmp32.dll lib/libwsnmp32.dll.a lib/wsnmp32.lib bin/wsnmpget.exe bin/wsnmpagent.exe";;
    *) echo "usage: test_package.sh ROOT BUILD-DIR native|x64|x86"; exit 2;;
esac
# A sanitized native build's library wants the ASan runtime loaded first.
export ASAN_OPTIONS=${ASAN_OPTIONS:-}:verify_asan_link_order=0:detect_leaks=0

# 1. cmake --install
if cmake --install "$build" --prefix "$tmp/installed" > "$tmp/install.log" 2>&1; then
    missing=""
    for f in $files include/winsnmp.h lib/cmake/OpenWinSNMP/OpenWinSNMPConfig.cmake \
             lib/cmake/OpenWinSNMP/OpenWinSNMPConfigVersion.cmake lib/pkgconfig/wsnmp32.pc; do
        [ -f "$tmp/installed/$f" ] || missing="$missing $f"
    done
    if [ -z "$missing" ]; then ok "cmake --install: $(cd "$tmp/installed" && find . -type f | wc -l) files, layout as documented"
    else bad "cmake --install: missing$missing"; fi
else
    bad "cmake --install failed:"; cat "$tmp/install.log"
fi

# 2. cpack
name=OpenWinSNMP-$version-$sys
(cd "$build" && cpack -B "$tmp/packages" > "$tmp/cpack.log" 2>&1)
archive=$tmp/packages/$name.$ext
mkdir -p "$tmp/unpacked"
if [ -f "$archive" ]; then
    if [ $ext = zip ]; then
        python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$archive" "$tmp/unpacked"
    else
        tar -xzf "$archive" -C "$tmp/unpacked"
    fi
    if diff <(cd "$tmp/installed" && find . -type f | sort) <(cd "$tmp/unpacked/$name" && find . -type f | sort) > "$tmp/list.diff"; then
        ok "cpack: $name.$ext holds what cmake --install laid out"
    else
        bad "cpack: $name.$ext differs from the install:"; cat "$tmp/list.diff"
    fi
else
    bad "cpack made no $name.$ext:"; tail -20 "$tmp/cpack.log"
fi
prefix=$tmp/unpacked/$name

# run <exe>: natively, or under Wine with the DLL beside the program.
run() {
    if [ "$arch" = native ]; then
        "$1"
    else
        cp "$prefix/bin/wsnmp32.dll" "$(dirname "$1")/"
        WINEDLLOVERRIDES=wsnmp32=n WINEDEBUG=-all "$root/scripts/wine-run" "$arch" "$1"
    fi
}
check_run() {   # <what> <exe>
    local out rc
    out=$(run "$2" 2>&1); rc=$?
    out=$(echo "$out" | tr -d '\r')
    if [ $rc = 0 ] && echo "$out" | grep -q "OpenWinSNMP $version, OID 1.3.6.1.2.1.1.5.0: ok"; then
        ok "$1: $out"
    else
        bad "$1 (exit $rc): $out"
    fi
}

# 3a. find_package(OpenWinSNMP)
if cmake -S "$root/tests/package/consumer" -B "$tmp/consumer" -G Ninja "${toolchain[@]}" \
         -DCMAKE_PREFIX_PATH="$prefix" > "$tmp/consumer.log" 2>&1 &&
   cmake --build "$tmp/consumer" >> "$tmp/consumer.log" 2>&1; then
    exe=$tmp/consumer/consumer
    [ "$arch" = native ] || exe=$exe.exe
    check_run "find_package(OpenWinSNMP), OpenWinSNMP::wsnmp32" "$exe"
else
    bad "find_package consumer did not build:"; tail -30 "$tmp/consumer.log"
fi

# 3b. pkg-config
mkdir -p "$tmp/pc"
flags=$(PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" PKG_CONFIG_PATH= pkg-config --cflags --libs wsnmp32)
exe=$tmp/pc/consumer
if [ "$arch" = native ]; then
    $cc "$root/tests/package/consumer/consumer.c" $flags -Wl,-rpath,"$prefix/lib" -o "$exe" > "$tmp/pc.log" 2>&1
else
    exe=$exe.exe
    $cc "$root/tests/package/consumer/consumer.c" $flags -static-libgcc -o "$exe" > "$tmp/pc.log" 2>&1
fi
if [ $? = 0 ]; then
    check_run "pkg-config wsnmp32 ($flags)" "$exe"
else
    bad "pkg-config consumer did not build ($cc $flags):"; cat "$tmp/pc.log"
fi

echo "package ($arch): $failures failure(s)"
[ $failures = 0 ]
