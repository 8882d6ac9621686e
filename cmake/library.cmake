# The shared library: wsnmp32.dll (+ import libraries) on Windows,
# libwsnmp32.so natively. Exports are exactly the Snmp* API.
add_library(wsnmp32 SHARED $<TARGET_OBJECTS:ows_static>)
target_include_directories(wsnmp32 PUBLIC include)
set_target_properties(wsnmp32 PROPERTIES PREFIX "" OUTPUT_NAME wsnmp32)
if(WIN32)
  target_link_libraries(wsnmp32 PRIVATE ws2_32 user32)
  set(OWS_DEF ${CMAKE_SOURCE_DIR}/def/wsnmp32-${OWS_ARCH}.def)
  if(EXISTS ${OWS_DEF})
    target_sources(wsnmp32 PRIVATE ${OWS_DEF})
  endif()
else()
  set_target_properties(wsnmp32 PROPERTIES PREFIX "lib")
  target_link_libraries(wsnmp32 PRIVATE Threads::Threads)
  target_link_options(wsnmp32 PRIVATE
    -Wl,--version-script=${CMAKE_SOURCE_DIR}/cmake/wsnmp32.map -Wl,--no-undefined)
endif()
