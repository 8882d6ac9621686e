# Management API benchmarks (issue 10): SnmpMgrOpen+SnmpMgrClose pairs
# (close time, nothing left behind) and synchronous GETs against
# bench/responder, with net-snmp's snmp_synch_response as the reference.
# bench/run-mgmt.sh runs them (and the close benchmark under Wine).
add_executable(bench_mgmt_close ${CMAKE_CURRENT_LIST_DIR}/mgmt_close.c)
target_link_libraries(bench_mgmt_close PRIVATE mgmtapi ows_snmpapi)
add_executable(bench_mgmt_get_ows ${CMAKE_CURRENT_LIST_DIR}/mgmt_get_ows.c)
target_link_libraries(bench_mgmt_get_ows PRIVATE mgmtapi ows_snmpapi)
if(NETSNMP_CONFIG)
  add_executable(bench_mgmt_get_netsnmp ${CMAKE_CURRENT_LIST_DIR}/mgmt_get_netsnmp.c)
  target_compile_options(bench_mgmt_get_netsnmp PRIVATE -O2)
  target_link_libraries(bench_mgmt_get_netsnmp PRIVATE ${NETSNMP_LIBS})
endif()
