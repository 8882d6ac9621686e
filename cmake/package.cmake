# The installable package (issue 11): `cmake --install` lays out
#   bin/      wsnmp32.dll (Windows) and the tools of tools/
#   lib/      libwsnmp32.dll.a + wsnmp32.lib (Windows), libwsnmp32.so (Linux),
#             cmake/OpenWinSNMP/ (find_package) and pkgconfig/wsnmp32.pc
#   include/  winsnmp.h
# (the library's and the tools' own install() rules are in cmake/library.cmake
# and tools/CMakeLists.txt); `cpack` packs the same tree into
# OpenWinSNMP-<version>-win64.zip / -win32.zip / -Linux-<cpu>.tar.gz.
include(CMakePackageConfigHelpers)
if(WIN32)
  if(OWS_ARCH STREQUAL x64)
    set(OWS_PACKAGE_SYSTEM win64)
  else()
    set(OWS_PACKAGE_SYSTEM win32)
  endif()
else()
  set(OWS_PACKAGE_SYSTEM Linux-${CMAKE_SYSTEM_PROCESSOR})
endif()
set(OWS_PACKAGE_DIR ${CMAKE_BINARY_DIR}/package)
configure_file(${CMAKE_SOURCE_DIR}/cmake/package/OpenWinSNMPConfig.cmake.in
               ${OWS_PACKAGE_DIR}/OpenWinSNMPConfig.cmake @ONLY)
# The version file also refuses a package of the other pointer size (x86 vs x64).
write_basic_package_version_file(${OWS_PACKAGE_DIR}/OpenWinSNMPConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
configure_file(${CMAKE_SOURCE_DIR}/cmake/package/wsnmp32.pc.in
               ${OWS_PACKAGE_DIR}/wsnmp32.pc @ONLY)
install(FILES ${OWS_PACKAGE_DIR}/OpenWinSNMPConfig.cmake
              ${OWS_PACKAGE_DIR}/OpenWinSNMPConfigVersion.cmake
        DESTINATION lib/cmake/OpenWinSNMP)
install(FILES ${OWS_PACKAGE_DIR}/wsnmp32.pc DESTINATION lib/pkgconfig)
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE ${CMAKE_SOURCE_DIR}/README.md DESTINATION share/doc/OpenWinSNMP)

set(CPACK_PACKAGE_NAME OpenWinSNMP)
set(CPACK_PACKAGE_VENDOR "OpenWinSNMP")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Drop-in WinSNMP 2.0 (wsnmp32.dll) and SNMP tools")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_FILE_NAME OpenWinSNMP-${PROJECT_VERSION}-${OWS_PACKAGE_SYSTEM})
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
# The archive's top folder is the package name, the prefix's layout below it.
set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)
if(WIN32)
  set(CPACK_GENERATOR ZIP)
else()
  set(CPACK_GENERATOR TGZ)
endif()
include(CPack)
