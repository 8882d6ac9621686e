# Cross-compiling for 64-bit Windows with Debian's mingw-w64.
set(OWS_MINGW_CPU x86_64)
set(OWS_WINE_ARCH x64)
include(${CMAKE_CURRENT_LIST_DIR}/mingw-common.cmake)
