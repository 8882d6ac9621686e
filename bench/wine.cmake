# The Windows programs of the Wine benchmarks (bench/run-wine.sh): our client
# and agent on the WinSNMP API, and a plain Winsock UDP ping-pong client (the
# ceiling Wine sets for one socket at a given concurrency).
# clock_gettime and usleep come from winpthreads, linked in statically so the
# programs need no DLL but ours and the system's.
add_executable(wire_ows ${CMAKE_CURRENT_LIST_DIR}/wire_ows.c)
target_link_libraries(wire_ows PRIVATE wsnmp32 -Wl,-Bstatic -lwinpthread -Wl,-Bdynamic)
add_executable(agent_ows ${CMAKE_CURRENT_LIST_DIR}/agent_ows.c)
target_link_libraries(agent_ows PRIVATE wsnmp32 -Wl,-Bstatic -lwinpthread -Wl,-Bdynamic)
add_executable(pingpong_winsock ${CMAKE_CURRENT_LIST_DIR}/pingpong_winsock.c)
target_link_libraries(pingpong_winsock PRIVATE ws2_32)
