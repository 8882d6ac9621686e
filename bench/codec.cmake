# Codec benchmark (issue 3): ours vs net-snmp's library, same work, one run.
# bench/codec-callgrind.sh gives instructions per op for each side.
find_program(NETSNMP_CONFIG net-snmp-config)
if(NETSNMP_CONFIG)
  execute_process(COMMAND ${NETSNMP_CONFIG} --libs OUTPUT_VARIABLE OWS_CODEC_NETSNMP_LIBS
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  separate_arguments(OWS_CODEC_NETSNMP_LIBS UNIX_COMMAND "${OWS_CODEC_NETSNMP_LIBS}")
  # The codec sources themselves at -O2, so the figures do not depend on
  # how the rest of the tree was configured.
  add_executable(bench_codec ${CMAKE_CURRENT_LIST_DIR}/codec.c
    ${PROJECT_SOURCE_DIR}/src/core/ber_write.c ${PROJECT_SOURCE_DIR}/src/core/ber_read.c
    ${PROJECT_SOURCE_DIR}/src/core/msg_encode.c ${PROJECT_SOURCE_DIR}/src/core/msg_decode.c
    ${PROJECT_SOURCE_DIR}/src/core/alloc.c)
  target_include_directories(bench_codec PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/include)
  target_compile_options(bench_codec PRIVATE -O2 -g)
  target_link_libraries(bench_codec PRIVATE ${OWS_CODEC_NETSNMP_LIBS})
endif()
