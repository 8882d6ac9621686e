/* mgmt_os.c - POSIX side of what the Management API needs from the system:
 * the caller's memory (calloc/free, matching the native snmpapi stand-in in
 * src/snmpapi), the per-thread last error, and a token for the trap event. */
#include <stdint.h>
#include <stdlib.h>
#include "platform.h"

static _Thread_local uint32_t last_error;

void *ows_plat_snmp_alloc(size_t n)
{
    return calloc(1, n ? n : 1);
}

void ows_plat_snmp_free(void *p)
{
    free(p);
}

void ows_plat_set_last_error(uint32_t code)
{
    last_error = code;
}

/* The native build's stand-ins for the two Win32 functions mgmtapi.h
 * declares there; libmgmtapi.so exports them. */
uint32_t GetLastError(void);
void SetLastError(uint32_t code);

uint32_t GetLastError(void)
{
    return last_error;
}

void SetLastError(uint32_t code)
{
    last_error = code;
}

/* Nothing on POSIX can wait on a Win32 event: a distinct non-NULL token
 * stands for it, and applications poll SnmpMgrGetTrap. */
static int event_token;

void *ows_plat_event_new(void)
{
    return &event_token;
}

void ows_plat_event_set(void *ev)
{
    (void)ev;
}

void ows_plat_event_reset(void *ev)
{
    (void)ev;
}

void ows_plat_event_free(void *ev)
{
    (void)ev;
}
