# Data-layer benchmark (issue 2): OIDs, the descriptor registry, VBLs and the
# VBL exports. Build with -DOWS_BENCH=ON -DCMAKE_BUILD_TYPE=Release.
add_executable(bench_data ${CMAKE_CURRENT_LIST_DIR}/data.c)
target_compile_options(bench_data PRIVATE -O2)
target_link_libraries(bench_data PRIVATE ows_static)
