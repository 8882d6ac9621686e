/* mgmt_os.c - POSIX side of what the Management API needs from the system:
 * the caller's memory (calloc/free, matching the native snmpapi stand-in in
 * src/snmpapi), the per-thread last error, and the trap event (an eventfd). */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>
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

/* The trap event as a file descriptor in the pointer (include/mgmtapi.h,
 * OWS_MGMT_TRAP_FD): an eventfd, readable while its counter is non-zero, so
 * poll() and select() wait on it as WaitForSingleObject waits on the Win32
 * event. Set adds one; reset reads the counter back to zero. */
void *ows_plat_event_new(void)
{
    int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd == 0) {
        /* Descriptor 0 would read as a NULL handle: take another. */
        int d = fcntl(fd, F_DUPFD_CLOEXEC, 1);
        close(fd);
        fd = d;
    }
    return fd < 0 ? NULL : (void *)(intptr_t)fd;
}

void ows_plat_event_set(void *ev)
{
    uint64_t one = 1;
    /* Only a full counter (2^64 - 2 sets) refuses, and it is readable then. */
    if (ev && write((int)(intptr_t)ev, &one, sizeof one) < 0)
        return;
}

void ows_plat_event_reset(void *ev)
{
    uint64_t n;
    /* Non-blocking: EAGAIN when it was clear already. */
    if (ev && read((int)(intptr_t)ev, &n, sizeof n) < 0)
        return;
}

void ows_plat_event_free(void *ev)
{
    if (ev)
        close((int)(intptr_t)ev);
}
