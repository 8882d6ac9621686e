# Cross-compiling for Windows with Debian's mingw-w64: what both toolchain
# files share. They set OWS_MINGW_CPU (the compiler prefix's CPU) and
# OWS_WINE_ARCH (scripts/wine-run's x86 or x64) and include this file.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR ${OWS_MINGW_CPU})
set(CMAKE_C_COMPILER ${OWS_MINGW_CPU}-w64-mingw32-gcc)
set(CMAKE_CXX_COMPILER ${OWS_MINGW_CPU}-w64-mingw32-g++)
set(CMAKE_RC_COMPILER ${OWS_MINGW_CPU}-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/${OWS_MINGW_CPU}-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# Windows programs (the tests) run under Wine with the loader that works on
# this machine: scripts/wine-run decides by trying (issue 8).
set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/../scripts/wine-run ${OWS_WINE_ARCH})
