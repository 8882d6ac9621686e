# ows_lldlink_test(prefix dll source labels): the MSVC-style import library
# <dll>.lib as an MSVC-style linker reads it. lld-link (link.exe semantics)
# links the CRT-free program `source` against it and kernel32; the test
# <prefix>.lldlink_c_lib runs it (under Wine). Windows builds only; nothing
# where llvm-mc, lld-link or kernel32's import library is missing.
function(ows_lldlink_test prefix dll source labels)
  find_library(OWS_KERNEL32 NAMES libkernel32.a kernel32)
  if(NOT (OWS_LLD_LINK AND OWS_LLVM_MC AND OWS_KERNEL32))
    return()
  endif()
  set(obj ${prefix}_msvc_obj)
  add_library(${obj} OBJECT ${source})
  target_include_directories(${obj} PRIVATE ${CMAKE_SOURCE_DIR}/include)
  target_compile_options(${obj} PRIVATE -O1 -Wall -Wextra -Werror -ffreestanding
                         -fno-stack-protector -fno-asynchronous-unwind-tables)
  set(bin ${CMAKE_RUNTIME_OUTPUT_DIRECTORY})
  set(exe ${bin}/${prefix}_lldlink_lib.exe)
  set(seh)
  if(OWS_ARCH STREQUAL "x86")
    set(seh /safeseh:no) # gcc objects carry no SafeSEH table
  endif()
  add_custom_command(OUTPUT ${exe}
    COMMAND ${OWS_LLD_LINK} /nologo /entry:entry /subsystem:console /nodefaultlib
            /machine:${OWS_ARCH} ${seh} $<TARGET_OBJECTS:${obj}>
            ${bin}/${dll}.lib ${OWS_KERNEL32} /out:${exe}
    DEPENDS ${obj} $<TARGET_OBJECTS:${obj}> ${bin}/${dll}.lib ${dll}
    COMMAND_EXPAND_LISTS VERBATIM)
  add_custom_target(${prefix}_lldlink ALL DEPENDS ${exe})
  add_test(NAME ${prefix}.lldlink_c_lib COMMAND ${CMAKE_CROSSCOMPILING_EMULATOR} ${exe})
  set_tests_properties(${prefix}.lldlink_c_lib PROPERTIES LABELS "${labels}" TIMEOUT 120
                       ENVIRONMENT "WINEDEBUG=-all")
endfunction()
