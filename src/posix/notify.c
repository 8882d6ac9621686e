/* notify.c - POSIX side of notification: there are no windows, so every
 * hwnd is "not a window" and only callback (and polling) sessions exist. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include "core/error.h"
#include "platform.h"

int ows_plat_is_window(void *hwnd)
{
    (void)hwnd;
    return 0;
}

int ows_plat_post_message(void *hwnd, uint32_t msg, uintptr_t wparam, intptr_t lparam)
{
    (void)hwnd; (void)msg; (void)wparam; (void)lparam;
    return OWS_E_HWND_INVALID;
}

typedef uint32_t (*snmp_cb)(void *, void *, unsigned int, uintptr_t, intptr_t, void *);

uint32_t ows_plat_call_callback(ows_fnptr cb, uintptr_t session, void *hwnd, uint32_t msg,
                                uintptr_t wparam, intptr_t lparam, void *client_data)
{
    /* The native shim's SNMPAPI_CALLBACK takes a pointer-sized HSNMP_SESSION
     * and a plain calling convention, which this type matches. */
    return ((snmp_cb)cb)((void *)session, hwnd, msg, wparam, lparam, client_data);
}

void ows_plat_trace_line(const char *line, size_t len)
{
    /* write(2) on the descriptor, not stdio: nothing waits in a buffer. A
     * pipe takes a line this short whole; a partial write is finished. */
    while (len > 0) {
        ssize_t n = write(STDERR_FILENO, line, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        line += n;
        len -= (size_t)n;
    }
}

const char *ows_plat_getenv(const char *name)
{
    return getenv(name);
}
