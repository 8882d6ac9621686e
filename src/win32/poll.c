/* poll.c - Win32 poller: each socket reports FD_READ to an auto-reset event
 * (WSAEventSelect), and one WaitForMultipleObjects waits on those events and
 * a wake-up event that ows_poller_wake sets.
 *
 * Why not WSAPoll: under Wine (8.0) a WSAPoll that has completed stays on
 * the wineserver's poll list until its caller collects the result, and
 * while the socket holds unread datagrams the server's epoll loop returns at
 * once, over and over: the server spins on a core (300,000 to 1,100,000
 * epoll_wait calls a second in bench/run-wine.sh) until the engine thread
 * has read the socket. WSAEventSelect's event is set once per arrival and
 * re-armed by the next receive, as on Windows. A wait also costs one server
 * request instead of two, and a wake-up one SetEvent instead of a datagram
 * to send and receive.
 *
 * Each wait reports at most one socket ready: an event, once consumed, is
 * set again only after a receive on its socket, so every socket reported
 * must be read at least once (the engine reads the one it is given). More
 * than MAX_EVENTS sockets share events (socket i uses event i % MAX_EVENTS);
 * a set shared event is answered by reporting its sockets one per call. */
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include "core/alloc.h"
#include "core/error.h"
#include "platform.h"

/* WaitForMultipleObjects' limit, less the wake-up event. */
#define MAX_EVENTS (MAXIMUM_WAIT_OBJECTS - 1)

struct ows_poller {
    HANDLE wake;
    HANDLE ev[MAX_EVENTS];       /* made as sockets need them */
    unsigned nev;
    ows_sock *reg;               /* the sockets registered, in order */
    size_t nreg, cap;
    int stale;                   /* ows_poller_changed: register again */
    unsigned next;               /* the event tried first by the next wait */
    size_t sweep, sweep_end;     /* a shared event's sockets still to report */
};

/* Makes the registration array hold n sockets. */
static int make_room(ows_poller *p, size_t n)
{
    ows_sock *nr;
    if (n <= p->cap)   /* the common case, checked without a call */
        return OWS_OK;
    nr = ows_grow(p->reg, &p->cap, n, sizeof(*nr));
    if (!nr)
        return OWS_E_ALLOC;
    p->reg = nr;
    return OWS_OK;
}

int ows_poller_new(ows_poller **out, size_t room)
{
    ows_poller *p;
    int err;

    *out = NULL;
    err = ows_sock_startup();
    if (err)
        return err;
    p = ows_calloc(1, sizeof(*p));
    if (!p) {
        ows_sock_cleanup();
        return OWS_E_ALLOC;
    }
    p->wake = CreateEventW(NULL, FALSE, FALSE, NULL);
    if (!p->wake) {
        ows_free(p);
        ows_sock_cleanup();
        return OWS_E_TL_RESOURCE_ERROR;
    }
    if (room && make_room(p, room)) {
        ows_poller_free(p);
        return OWS_E_ALLOC;
    }
    *out = p;
    return OWS_OK;
}

void ows_poller_free(ows_poller *p)
{
    unsigned i;
    if (!p)
        return;
    /* The engine closes its sockets first: no registration outlives its
     * event. */
    for (i = 0; i < p->nev; i++)
        CloseHandle(p->ev[i]);
    CloseHandle(p->wake);
    ows_free(p->reg);
    ows_free(p);
    ows_sock_cleanup();
}

int ows_poller_wake(ows_poller *p)
{
    return SetEvent(p->wake) ? OWS_OK : OWS_E_TL_OTHER;
}

void ows_poller_changed(ows_poller *p)
{
    p->stale = 1;
}

/* Points socks[0..n) at their events. Done when the set differs from the
 * one registered, or after ows_poller_changed (a closed socket's handle may
 * come back as a new socket's, so equal arrays prove nothing then). */
static int reg_all(ows_poller *p, const ows_sock *socks, size_t n)
{
    size_t i;
    unsigned nev = n < MAX_EVENTS ? (unsigned)n : MAX_EVENTS;

    if (make_room(p, n))
        return OWS_E_ALLOC;
    while (p->nev < nev) {
        HANDLE h = CreateEventW(NULL, FALSE, FALSE, NULL);
        if (!h)
            return OWS_E_TL_RESOURCE_ERROR;
        p->ev[p->nev++] = h;
    }
    for (i = 0; i < n; i++)
        if (WSAEventSelect((SOCKET)socks[i], p->ev[i % MAX_EVENTS], FD_READ) != 0)
            return ows_sock_error_map(WSAGetLastError());
    memcpy(p->reg, socks, n * sizeof(*p->reg));
    p->nreg = n;
    p->stale = 0;
    p->next = 0;
    p->sweep = p->sweep_end = 0;
    return OWS_OK;
}

int ows_poller_wait(ows_poller *p, const ows_sock *socks, size_t n, uint8_t *ready,
                    long timeout_ms, int *woken)
{
    HANDLE h[MAXIMUM_WAIT_OBJECTS];
    unsigned nev, j, k;
    size_t i;
    DWORD w, ms;
    int err;

    if (woken)
        *woken = 0;
    for (i = 0; i < n; i++)
        ready[i] = 0;
    if (p->stale || n != p->nreg ||
        (n && memcmp(socks, p->reg, n * sizeof(*p->reg)) != 0)) {
        err = reg_all(p, socks, n);
        if (err) {
            p->stale = 1;
            return err;
        }
    }
    nev = n < MAX_EVENTS ? (unsigned)n : MAX_EVENTS;
    /* The rest of a shared event's sockets, one per call. */
    if (p->sweep < p->sweep_end) {
        ready[p->sweep] = 1;
        p->sweep += MAX_EVENTS;
        return 1;
    }
    /* The wake-up first; then the events from the one after the last
     * reported, so that a busy socket does not starve the others. */
    h[0] = p->wake;
    for (j = 0; j < nev; j++)
        h[1 + j] = p->ev[(p->next + j) % nev];
    if (timeout_ms < 0)
        ms = INFINITE;
    else
        ms = timeout_ms > 0x7FFFFFFEL ? 0x7FFFFFFEu : (DWORD)timeout_ms;
    w = WaitForMultipleObjects(1 + nev, h, FALSE, ms);
    if (w == WAIT_TIMEOUT)
        return 0;
    if (w == WAIT_OBJECT_0) {
        if (woken)
            *woken = 1;
        return 0;
    }
    if (w > WAIT_OBJECT_0 + nev)
        return OWS_E_TL_OTHER;
    k = (p->next + (unsigned)(w - WAIT_OBJECT_0 - 1)) % nev;
    p->next = (k + 1) % nev;
    ready[k] = 1;
    if (k + MAX_EVENTS < n) {
        p->sweep = k + MAX_EVENTS;
        p->sweep_end = n;
    }
    return 1;
}
