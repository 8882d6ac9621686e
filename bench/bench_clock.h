/* bench_clock.h - the benchmarks' clock: monotonic seconds as a double. */
#ifndef OWS_BENCH_CLOCK_H
#define OWS_BENCH_CLOCK_H
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

#endif
