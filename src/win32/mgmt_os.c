/* mgmt_os.c - Win32 side of what the Management API needs from the system:
 * memory from the system snmpapi.dll's SnmpUtilMemAlloc/SnmpUtilMemFree
 * (looked up once, at run time, so the caller's SnmpUtil*Free matches),
 * SetLastError, and the trap event. */
#include <windows.h>
#include <stdint.h>
#include "platform.h"

typedef LPVOID (WINAPI *mem_alloc_fn)(UINT);
typedef VOID (WINAPI *mem_free_fn)(LPVOID);

static mem_alloc_fn volatile snmp_alloc_fn;
static mem_free_fn volatile snmp_free_fn;

/* Loads snmpapi.dll on first use. Two threads may race here: both get the
 * same module and the same addresses, so the second store is harmless. */
static int snmpapi_load(void)
{
    HMODULE m;
    if (snmp_alloc_fn && snmp_free_fn)
        return 1;
    m = LoadLibraryA("snmpapi.dll");
    if (!m)
        return 0;
    snmp_free_fn = (mem_free_fn)(void (*)(void))GetProcAddress(m, "SnmpUtilMemFree");
    snmp_alloc_fn = (mem_alloc_fn)(void (*)(void))GetProcAddress(m, "SnmpUtilMemAlloc");
    return snmp_alloc_fn && snmp_free_fn;
}

void *ows_plat_snmp_alloc(size_t n)
{
    void *p;
    if (n > 0x7fffffffu || !snmpapi_load())
        return NULL;
    /* SnmpUtilMemAlloc returns zeroed memory (documented). */
    p = snmp_alloc_fn((UINT)(n ? n : 1));
    return p;
}

void ows_plat_snmp_free(void *p)
{
    if (p && snmpapi_load())
        snmp_free_fn(p);
}

void ows_plat_set_last_error(uint32_t code)
{
    SetLastError(code);
}

void *ows_plat_event_new(void)
{
    return CreateEventA(NULL, TRUE, FALSE, NULL);
}

void ows_plat_event_set(void *ev)
{
    if (ev)
        SetEvent(ev);
}

void ows_plat_event_reset(void *ev)
{
    if (ev)
        ResetEvent(ev);
}

void ows_plat_event_free(void *ev)
{
    if (ev)
        CloseHandle(ev);
}
