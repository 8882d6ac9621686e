# Import libraries of a DLL target, next to it: lib<name>.dll.a (mingw) and
# <name>.lib (MSVC style, made with llvm-mc and lld-link), from the DLL's own
# .def. The linker's own import library cannot express the x86 name mapping
# (see cmake/implib.sh), so right after the link step the script replaces it;
# everything that links the target therefore gets the right one. Sets
# OWS_IMPLIBS_<target> in the caller's scope.
function(ows_import_libraries target def)
  set_target_properties(${target} PROPERTIES ARCHIVE_OUTPUT_DIRECTORY ${CMAKE_RUNTIME_OUTPUT_DIRECTORY})
  string(REGEX REPLACE "gcc(-[0-9.]+)?$" "" _ows_triplet_prefix "${CMAKE_C_COMPILER}")
  find_program(OWS_DLLTOOL NAMES ${_ows_triplet_prefix}dlltool dlltool REQUIRED)
  find_program(OWS_LLVM_MC NAMES llvm-mc-14 llvm-mc)
  find_program(OWS_LLD_LINK NAMES lld-link-14 lld-link)
  set(dir ${CMAKE_RUNTIME_OUTPUT_DIRECTORY})
  set(libs ${dir}/lib${target}.dll.a)
  set(llvm_args)
  if(OWS_LLVM_MC AND OWS_LLD_LINK)
    list(APPEND libs ${dir}/${target}.lib)
    set(llvm_args ${OWS_LLVM_MC} ${OWS_LLD_LINK})
  else()
    message(WARNING "llvm-mc/lld-link not found (scripts/deps.sh installs llvm-14 and lld-14): "
                    "the MSVC-style ${target}.lib will not be built")
  endif()
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${def} ${CMAKE_SOURCE_DIR}/cmake/implib.sh)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND bash ${CMAKE_SOURCE_DIR}/cmake/implib.sh ${OWS_ARCH} ${def} ${dir}
            ${OWS_DLLTOOL} ${llvm_args}
    BYPRODUCTS ${dir}/${target}.lib
    COMMENT "Import libraries for ${target}.dll (${OWS_ARCH})" VERBATIM)
  set(OWS_IMPLIBS_${target} ${libs} PARENT_SCOPE)
endfunction()

# A native shared library: threads, exactly the exports of its version
# script, no undefined symbols, installed to lib/.
function(ows_native_shared target map)
  target_link_libraries(${target} PRIVATE Threads::Threads ${OWS_CRYPTO_LIBS})
  target_link_options(${target} PRIVATE -Wl,--version-script=${map})
  # clang links the sanitizer runtimes into executables only, so a sanitized
  # shared library has undefined __asan_/__tsan_ symbols by design.
  if(NOT ((OWS_SANITIZE OR OWS_TSAN) AND CMAKE_C_COMPILER_ID MATCHES "Clang"))
    target_link_options(${target} PRIVATE -Wl,--no-undefined)
  endif()
  install(TARGETS ${target} LIBRARY DESTINATION lib)
endfunction()

# A DLL of this project on Windows: system DLLs only at run time (libgcc
# static), its .def (def/<target>-<arch>.def), its VERSIONINFO resource
# (src/win32/<target>.rc), both import libraries, installed to bin/ and lib/.
function(ows_windows_dll target)
  set_target_properties(${target} PROPERTIES PREFIX "" OUTPUT_NAME ${target})
  target_link_libraries(${target} PRIVATE ws2_32 user32 advapi32 ${OWS_CRYPTO_LIBS})
  target_link_options(${target} PRIVATE -static-libgcc)
  set(def ${CMAKE_SOURCE_DIR}/def/${target}-${OWS_ARCH}.def)
  set(rc ${CMAKE_SOURCE_DIR}/src/win32/${target}.rc)
  target_sources(${target} PRIVATE ${def} ${rc})
  set_source_files_properties(${rc} PROPERTIES
    OBJECT_DEPENDS "${CMAKE_BINARY_DIR}/generated/ows_version.h;${CMAKE_SOURCE_DIR}/src/win32/versioninfo.rci")
  target_include_directories(${target} PRIVATE ${CMAKE_BINARY_DIR}/generated)
  ows_import_libraries(${target} ${def})
  install(TARGETS ${target} RUNTIME DESTINATION bin)
  install(FILES ${OWS_IMPLIBS_${target}} DESTINATION lib)
  # On to the caller: the export checks read the import libraries' symbols.
  set(OWS_IMPLIBS_${target} ${OWS_IMPLIBS_${target}} PARENT_SCOPE)
endfunction()

# The shared library: wsnmp32.dll (+ import libraries) on Windows,
# libwsnmp32.so natively. Exports are exactly the Snmp* API.
add_library(wsnmp32 SHARED $<TARGET_OBJECTS:ows_static>)
target_include_directories(wsnmp32 PUBLIC include)
set_target_properties(wsnmp32 PROPERTIES PREFIX "" OUTPUT_NAME wsnmp32)

# The version, one place for the resource and the code (ows_version.h).
configure_file(${CMAKE_SOURCE_DIR}/cmake/ows_version.h.in
               ${CMAKE_BINARY_DIR}/generated/ows_version.h @ONLY)

if(WIN32)
  ows_windows_dll(wsnmp32)
  install(FILES ${CMAKE_SOURCE_DIR}/include/winsnmp.h DESTINATION include)
else()
  set_target_properties(wsnmp32 PROPERTIES PREFIX "lib")
  ows_native_shared(wsnmp32 ${CMAKE_SOURCE_DIR}/cmake/wsnmp32.map)
  install(FILES ${CMAKE_SOURCE_DIR}/include/winsnmp.h DESTINATION include)
endif()
