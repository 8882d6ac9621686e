/* trace.h - the debug trace, off by default.
 *
 * WSNMP_DEBUG=1 (or "trace") prints TRACE, WARN and FIXME lines to stderr (and
 * OutputDebugString on Windows); WSNMP_DEBUG=warn prints only WARN and FIXME;
 * WSNMP_DEBUG=stats only the engine's counters when it stops (STATS lines,
 * which every level above prints too: the benchmarks read them without
 * paying for a trace of every call). Read once at startup; checking it costs
 * one load of an int.
 */
#ifndef OWS_CORE_TRACE_H
#define OWS_CORE_TRACE_H

enum { OWS_TRACE_OFF = 0, OWS_TRACE_STATS = 1, OWS_TRACE_WARN = 2, OWS_TRACE_ALL = 3 };
extern int ows_trace_level;

void ows_trace_init(void);   /* reads WSNMP_DEBUG; idempotent */
void ows_trace_printf(const char *level, const char *func, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#define OWS_TRACE(...) do { if (ows_trace_level >= OWS_TRACE_ALL) \
    ows_trace_printf("trace", __func__, __VA_ARGS__); } while (0)
#define OWS_WARN(...) do { if (ows_trace_level >= OWS_TRACE_WARN) \
    ows_trace_printf("warn", __func__, __VA_ARGS__); } while (0)
#define OWS_STATS(...) do { if (ows_trace_level >= OWS_TRACE_STATS) \
    ows_trace_printf("stats", __func__, __VA_ARGS__); } while (0)
#define OWS_FIXME(...) do { if (ows_trace_level >= OWS_TRACE_WARN) \
    ows_trace_printf("fixme", __func__, __VA_ARGS__); } while (0)

#endif
