/* trace.c - the WSNMP_DEBUG trace (off by default).
 *
 * WSNMP_DEBUG=1, "trace" or "all": TRACE, WARN and FIXME lines; "warn": only
 * WARN and FIXME; "stats": only the engine's counters at its stop; unset, "0"
 * or "off": nothing. Each line goes to the standard error handle in one
 * unbuffered write (it survives a crash) and, on Windows, to
 * OutputDebugString. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/trace.h"
#include "platform.h"

int ows_trace_level = OWS_TRACE_OFF;

void ows_trace_init(void)
{
    const char *v = ows_plat_getenv("WSNMP_DEBUG");
    if (!v || !*v || !strcmp(v, "0") || !strcmp(v, "off"))
        ows_trace_level = OWS_TRACE_OFF;
    else if (!strcmp(v, "warn"))
        ows_trace_level = OWS_TRACE_WARN;
    else if (!strcmp(v, "stats"))
        ows_trace_level = OWS_TRACE_STATS;
    else
        ows_trace_level = OWS_TRACE_ALL;
}

void ows_trace_printf(const char *level, const char *func, const char *fmt, ...)
{
    char line[512];
    int n;
    va_list ap;

    n = snprintf(line, sizeof(line), "wsnmp32:%s:%04lx:%s ", level,
                 (unsigned long)(ows_thread_id() & 0xffff), func);
    if (n < 0 || (size_t)n >= sizeof(line))
        n = 0;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    n = (int)strlen(line);
    if (n == 0 || line[n - 1] != '\n') {
        line[n++] = '\n';
        line[n] = '\0';
    }
    /* One unbuffered write per line (platform.h): the trace is wanted most
     * when the program crashes, when stdio buffers are lost. */
    ows_plat_trace_line(line, (size_t)n);
}
