/* clock.c - Win32 monotonic clock (QueryPerformanceCounter) and sleep. */
#include <windows.h>
#include "platform.h"

uint64_t ows_clock_ns(void)
{
    static LARGE_INTEGER freq;      /* racy first init is harmless: same value */
    LARGE_INTEGER now;
    if (!freq.QuadPart)
        QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&now);
    /* Split to avoid overflowing 64 bits for long uptimes. */
    return (uint64_t)(now.QuadPart / freq.QuadPart) * 1000000000u +
           (uint64_t)(now.QuadPart % freq.QuadPart) * 1000000000u / (uint64_t)freq.QuadPart;
}

void ows_sleep_ms(unsigned ms)
{
    Sleep(ms);
}
