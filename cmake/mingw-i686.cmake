# Cross-compiling for 32-bit Windows with Debian's mingw-w64.
set(OWS_MINGW_CPU i686)
set(OWS_WINE_ARCH x86)
include(${CMAKE_CURRENT_LIST_DIR}/mingw-common.cmake)
