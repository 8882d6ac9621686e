# The shared library: wsnmp32.dll (+ import libraries) on Windows,
# libwsnmp32.so natively. Exports are exactly the Snmp* API.
add_library(wsnmp32 SHARED $<TARGET_OBJECTS:ows_static>)
target_include_directories(wsnmp32 PUBLIC include)
set_target_properties(wsnmp32 PROPERTIES PREFIX "" OUTPUT_NAME wsnmp32)

# The version, one place for the resource and the code (ows_version.h).
configure_file(${CMAKE_SOURCE_DIR}/cmake/ows_version.h.in
               ${CMAKE_BINARY_DIR}/generated/ows_version.h @ONLY)

if(WIN32)
  target_link_libraries(wsnmp32 PRIVATE ws2_32 user32 ${OWS_CRYPTO_LIBS})
  # Nothing but system DLLs at run time: libgcc goes in statically.
  target_link_options(wsnmp32 PRIVATE -static-libgcc)
  set(OWS_DEF ${CMAKE_SOURCE_DIR}/def/wsnmp32-${OWS_ARCH}.def)
  target_sources(wsnmp32 PRIVATE ${OWS_DEF} ${CMAKE_SOURCE_DIR}/src/win32/wsnmp32.rc)
  set_source_files_properties(${CMAKE_SOURCE_DIR}/src/win32/wsnmp32.rc PROPERTIES
    OBJECT_DEPENDS ${CMAKE_BINARY_DIR}/generated/ows_version.h)
  target_include_directories(wsnmp32 PRIVATE ${CMAKE_BINARY_DIR}/generated)
  set_property(TARGET wsnmp32 APPEND PROPERTY LINK_DEPENDS
    ${OWS_DEF} ${CMAKE_SOURCE_DIR}/cmake/implib.sh)

  # Import libraries, next to the DLL: libwsnmp32.dll.a (mingw) and wsnmp32.lib
  # (MSVC style, made with llvm-mc and lld-link). The linker's own import
  # library cannot express the x86 name mapping (see cmake/implib.sh), so right
  # after the link step the script replaces it; everything that links the
  # wsnmp32 target therefore gets the right one.
  set_target_properties(wsnmp32 PROPERTIES ARCHIVE_OUTPUT_DIRECTORY ${CMAKE_RUNTIME_OUTPUT_DIRECTORY})
  string(REGEX REPLACE "gcc(-[0-9.]+)?$" "" _ows_triplet_prefix "${CMAKE_C_COMPILER}")
  find_program(OWS_DLLTOOL NAMES ${_ows_triplet_prefix}dlltool dlltool REQUIRED)
  find_program(OWS_LLVM_MC NAMES llvm-mc-14 llvm-mc)
  find_program(OWS_LLD_LINK NAMES lld-link-14 lld-link)
  set(OWS_IMPLIB_DIR ${CMAKE_RUNTIME_OUTPUT_DIRECTORY})
  set(OWS_IMPLIBS ${OWS_IMPLIB_DIR}/libwsnmp32.dll.a)
  set(_ows_llvm_args)
  if(OWS_LLVM_MC AND OWS_LLD_LINK)
    list(APPEND OWS_IMPLIBS ${OWS_IMPLIB_DIR}/wsnmp32.lib)
    set(_ows_llvm_args ${OWS_LLVM_MC} ${OWS_LLD_LINK})
  else()
    message(WARNING "llvm-mc/lld-link not found (scripts/deps.sh installs llvm-14 and lld-14): "
                    "the MSVC-style wsnmp32.lib will not be built")
  endif()
  add_custom_command(TARGET wsnmp32 POST_BUILD
    COMMAND bash ${CMAKE_SOURCE_DIR}/cmake/implib.sh ${OWS_ARCH} ${OWS_DEF} ${OWS_IMPLIB_DIR}
            ${OWS_DLLTOOL} ${_ows_llvm_args}
    BYPRODUCTS ${OWS_IMPLIB_DIR}/wsnmp32.lib
    COMMENT "Import libraries for wsnmp32.dll (${OWS_ARCH})" VERBATIM)

  install(TARGETS wsnmp32 RUNTIME DESTINATION bin)
  install(FILES ${OWS_IMPLIBS} DESTINATION lib)
  install(FILES ${CMAKE_SOURCE_DIR}/include/winsnmp.h DESTINATION include)
else()
  set_target_properties(wsnmp32 PROPERTIES PREFIX "lib")
  target_link_libraries(wsnmp32 PRIVATE Threads::Threads ${OWS_CRYPTO_LIBS})
  target_link_options(wsnmp32 PRIVATE -Wl,--version-script=${CMAKE_SOURCE_DIR}/cmake/wsnmp32.map)
  # clang links the sanitizer runtimes into executables only, so a sanitized
  # shared library has undefined __asan_/__tsan_ symbols by design.
  if(NOT ((OWS_SANITIZE OR OWS_TSAN) AND CMAKE_C_COMPILER_ID MATCHES "Clang"))
    target_link_options(wsnmp32 PRIVATE -Wl,--no-undefined)
  endif()
  install(TARGETS wsnmp32 LIBRARY DESTINATION lib)
  install(FILES ${CMAKE_SOURCE_DIR}/include/winsnmp.h DESTINATION include)
endif()
