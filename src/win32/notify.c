/* notify.c - Win32 notification: IsWindow/PostMessageW, the stdcall
 * SNMPAPI_CALLBACK, and where debug-trace lines go. */
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

void ows_plat_trace_line(const char *line, size_t len)
{
    /* WriteFile on the handle, not the C runtime's stderr, which is fully
     * buffered when redirected to a file or pipe and lost in a crash. */
    HANDLE h = GetStdHandle(STD_ERROR_HANDLE);
    DWORD done = 0;
    if (h && h != INVALID_HANDLE_VALUE)
        WriteFile(h, line, (DWORD)len, &done, NULL);
    OutputDebugStringA(line);
}

const char *ows_plat_getenv(const char *name)
{
    return getenv(name);
}
