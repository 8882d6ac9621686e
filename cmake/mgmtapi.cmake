# mgmtapi.dll (+ import libraries) on Windows, libmgmtapi.so natively: the
# Management API layer (src/mgmtapi) on this project's own core, whose
# objects (ows_static's) it carries, so it needs no wsnmp32.dll. Exports are
# exactly the nine SnmpMgr* functions (and on x86 serverTrapThread, see
# def/mgmtapi-x86.def).
file(GLOB OWS_MGMT_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/mgmtapi/*.c)
add_library(ows_mgmt_obj OBJECT ${OWS_MGMT_SOURCES})
target_include_directories(ows_mgmt_obj PRIVATE ${CMAKE_SOURCE_DIR}/include ${CMAKE_SOURCE_DIR}/src)
target_compile_definitions(ows_mgmt_obj PRIVATE $<TARGET_PROPERTY:ows_static,INTERFACE_COMPILE_DEFINITIONS>)

add_library(mgmtapi SHARED $<TARGET_OBJECTS:ows_mgmt_obj> $<TARGET_OBJECTS:ows_static>)
target_include_directories(mgmtapi PUBLIC ${CMAKE_SOURCE_DIR}/include)
if(WIN32)
  ows_windows_dll(mgmtapi)
else()
  ows_native_shared(mgmtapi ${CMAKE_SOURCE_DIR}/cmake/mgmtapi.map)
  # What Windows' snmpapi.dll provides, for native programs (tests, examples):
  # the SnmpUtil* functions callers free results with (src/snmpapi).
  add_library(ows_snmpapi STATIC ${CMAKE_SOURCE_DIR}/src/snmpapi/snmputil.c)
  target_include_directories(ows_snmpapi PUBLIC ${CMAKE_SOURCE_DIR}/include)
endif()
install(FILES ${CMAKE_SOURCE_DIR}/include/snmp.h ${CMAKE_SOURCE_DIR}/include/mgmtapi.h
        DESTINATION include)
