# Core benchmark (issue 2): handle table, sessions, entities, contexts and the
# API lock, through the exports. Build with -DOWS_BENCH=ON in a Release tree.
add_executable(bench_core ${CMAKE_CURRENT_LIST_DIR}/core.c)
target_link_libraries(bench_core PRIVATE ows_static)
