/* notify.c - Win32 notification: IsWindow/PostMessageW, the stdcall
 * SNMPAPI_CALLBACK, and the debug output sink. */
#include <windows.h>
#include <stdlib.h>
#include "winsnmp.h"
#include "core/error.h"
#include "platform.h"

int ows_plat_is_window(void *hwnd)
{
    return hwnd && IsWindow((HWND)hwnd);
}

int ows_plat_post_message(void *hwnd, uint32_t msg, uintptr_t wparam, intptr_t lparam)
{
    return PostMessageW((HWND)hwnd, msg, (WPARAM)wparam, (LPARAM)lparam) ? OWS_OK
                                                                           : OWS_E_HWND_INVALID;
}

uint32_t ows_plat_call_callback(ows_fnptr cb, uintptr_t session, void *hwnd, uint32_t msg,
                                uintptr_t wparam, intptr_t lparam, void *client_data)
{
    SNMPAPI_CALLBACK f = (SNMPAPI_CALLBACK)(void *)cb;
    return (uint32_t)f((HSNMP_SESSION)session, (HWND)hwnd, msg, (WPARAM)wparam,
                       (LPARAM)lparam, client_data);
}

void ows_plat_debug_output(const char *line)
{
    OutputDebugStringA(line);
}

const char *ows_plat_getenv(const char *name)
{
    return getenv(name);
}
