#!/usr/bin/env bash
# Installs everything the build, the tests and the demo need on a Debian 12 machine.
# Idempotent: each step checks first, so a second run costs a few seconds.
# Usage: scripts/deps.sh [--no-wine32]
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
DEPS=${OWS_DEPS:-/opt/openwinsnmp-deps}
log() { printf '[deps] %s\n' "$*"; }
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

apt_updated=0
apt_update() {
    [ $apt_updated = 1 ] && return 0
    # Some third-party indexes on CI machines are unreachable; a failed update of one
    # of them must not stop the Debian packages from installing.
    $SUDO apt-get update -qq >/dev/null 2>&1 || log "apt-get update reported errors (tolerated)"
    apt_updated=1
}
need_pkgs() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} = 0 ] && return 0
    apt_update
    log "installing ${missing[*]}"
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# 1. Native toolchain, test frameworks and the real SNMP peers.
#    llvm-14/lld-14: llvm-mc and lld-link make the MSVC-style import library (cmake/implib.sh).
#    libssl-dev: OpenSSL's libcrypto behind src/crypto.h on POSIX (SNMPv3).
need_pkgs build-essential cmake ninja-build pkg-config libcmocka-dev clang libclang-rt-14-dev \
    llvm-14 lld-14 valgrind strace mingw-w64 snmpd snmptrapd snmp libsnmp-dev libssl-dev dpkg-dev binutils-mingw-w64 file \
    || { log "native packages failed"; exit 1; }

# 2. Wine, 64- and 32-bit. The i386 security index is out of step with the main one,
#    so the update error is tolerated and the security suite pinned down for this install.
if [ "${1:-}" != "--no-wine32" ] && ! dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null | grep -q "ok installed"; then
    if ! dpkg --print-foreign-architectures | grep -q i386; then
        $SUDO dpkg --add-architecture i386
    fi
    $SUDO apt-get update -qq >/dev/null 2>&1 || log "apt-get update (i386) reported errors (tolerated)"
    pin=/etc/apt/preferences.d/openwinsnmp-security-pin
    printf 'Package: *\nPin: release l=Debian-Security\nPin-Priority: 100\n' | $SUDO tee $pin >/dev/null
    $SUDO apt-get install -y -qq --no-install-recommends wine wine64 wine32:i386 libwine:amd64 \
        libwine:i386 libgstreamer-plugins-base1.0-0 libgstreamer-plugins-base1.0-0:i386 >/dev/null 2>&1 \
        || log "WARNING: wine32 install failed; x86 tests will be skipped"
    $SUDO rm -f $pin
fi
need_pkgs wine wine64 || { log "wine64 failed"; exit 1; }

# 3. cmocka for mingw: not packaged, so cross-build Debian's own source package once.
if [ ! -f "$DEPS/cmocka-x86_64/lib/libcmocka.a" ] || [ ! -f "$DEPS/cmocka-i686/lib/libcmocka.a" ]; then
    src=/etc/apt/sources.list.d/openwinsnmp-src.sources
    if [ ! -f $src ]; then
        printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' | $SUDO tee $src >/dev/null
        apt_updated=0; apt_update
    fi
    $SUDO mkdir -p "$DEPS/src" && $SUDO chown "$(id -u)" "$DEPS" "$DEPS/src"
    (cd "$DEPS/src" && { ls -d cmocka-*/ >/dev/null 2>&1 || apt-get source -qq cmocka >/dev/null 2>&1; }) \
        || { log "apt-get source cmocka failed"; exit 1; }
    csrc=$(ls -d "$DEPS"/src/cmocka-*/ | head -1)
    for arch in x86_64 i686; do
        b="$DEPS/build-cmocka-$arch"
        rm -rf "$b"
        cmake -S "$csrc" -B "$b" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$here/cmake/mingw-$arch.cmake" \
            -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DWITH_STATIC_LIB=ON \
            -DWITH_EXAMPLES=OFF -DUNIT_TESTING=OFF -DCMAKE_INSTALL_PREFIX="$DEPS/cmocka-$arch" >/dev/null \
            && cmake --build "$b" >/dev/null && cmake --install "$b" >/dev/null \
            || { log "cmocka for $arch failed"; exit 1; }
        # Older cmocka builds name the static archive differently; give it one name.
        [ -f "$DEPS/cmocka-$arch/lib/libcmocka.a" ] || \
            cp "$(ls "$DEPS/cmocka-$arch"/lib/libcmocka*.a | head -1)" "$DEPS/cmocka-$arch/lib/libcmocka.a"
    done
fi
log "ready (deps in $DEPS)"
