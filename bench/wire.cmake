# Wire benchmarks (issue 4): the fast GET responder, net-snmp's async client
# as the reference, and our client through the WinSNMP API.
add_executable(bench_responder ${CMAKE_CURRENT_LIST_DIR}/responder.c)
target_compile_options(bench_responder PRIVATE -O2)

find_program(NETSNMP_CONFIG net-snmp-config)
if(NETSNMP_CONFIG)
  execute_process(COMMAND ${NETSNMP_CONFIG} --libs OUTPUT_VARIABLE NETSNMP_LIBS
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  separate_arguments(NETSNMP_LIBS UNIX_COMMAND "${NETSNMP_LIBS}")
  add_executable(bench_wire_netsnmp ${CMAKE_CURRENT_LIST_DIR}/wire_netsnmp.c)
  target_compile_options(bench_wire_netsnmp PRIVATE -O2)
  target_link_libraries(bench_wire_netsnmp PRIVATE ${NETSNMP_LIBS})
endif()

if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/wire_ows.c)
  add_executable(bench_wire_ows ${CMAKE_CURRENT_LIST_DIR}/wire_ows.c)
  target_link_libraries(bench_wire_ows PRIVATE wsnmp32)
endif()

if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/wire_close.c)
  add_executable(bench_wire_close ${CMAKE_CURRENT_LIST_DIR}/wire_close.c)
  target_link_libraries(bench_wire_close PRIVATE wsnmp32)
endif()

if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/agent_ows.c)
  add_executable(bench_agent_ows ${CMAKE_CURRENT_LIST_DIR}/agent_ows.c)
  target_link_libraries(bench_agent_ows PRIVATE wsnmp32)
endif()

# The SNMPv3 benchmark (issue 13, bench/run-v3.sh): a v3 responder on the
# project's codec; the clients above speak v3 when told by the environment.
if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/responder_v3.c)
  add_executable(bench_responder_v3 ${CMAKE_CURRENT_LIST_DIR}/responder_v3.c)
  target_link_libraries(bench_responder_v3 PRIVATE ows_static)
endif()
