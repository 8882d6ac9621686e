/* poll.c - Win32 poller: WSAPoll over N sockets plus a loopback UDP socket
 * connected to itself, which ows_poller_wake writes one byte to (curl's
 * socketpair idea, with one datagram socket). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "core/alloc.h"
#include "core/error.h"
#include "platform.h"

struct ows_poller {
    SOCKET wake;
    WSAPOLLFD *fds;
    size_t cap;
};

/* Makes the array hold the wake-up entry and n sockets. */
static int make_room(ows_poller *p, size_t n)
{
    WSAPOLLFD *nf;
    if (n < p->cap)   /* the common case, checked without a call */
        return OWS_OK;
    nf = ows_grow(p->fds, &p->cap, n + 1, sizeof(*nf));
    if (!nf)
        return OWS_E_ALLOC;
    p->fds = nf;
    return OWS_OK;
}

int ows_poller_new(ows_poller **out, size_t room)
{
    ows_poller *p;
    struct sockaddr_in sin;
    int len = sizeof(sin), err;
    u_long nb = 1;

    *out = NULL;
    err = ows_sock_startup();
    if (err)
        return err;
    p = ows_calloc(1, sizeof(*p));
    if (!p) {
        ows_sock_cleanup();
        return OWS_E_ALLOC;
    }
    p->wake = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (p->wake == INVALID_SOCKET)
        goto fail;
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(p->wake, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
        getsockname(p->wake, (struct sockaddr *)&sin, &len) != 0 ||
        connect(p->wake, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
        ioctlsocket(p->wake, FIONBIO, &nb) != 0)
        goto fail;
    if (make_room(p, room)) {
        ows_poller_free(p);
        return OWS_E_ALLOC;
    }
    *out = p;
    return OWS_OK;
fail:
    err = ows_sock_error_map(WSAGetLastError());
    if (p->wake != INVALID_SOCKET)
        closesocket(p->wake);
    ows_free(p);
    ows_sock_cleanup();
    return err ? err : OWS_E_TL_RESOURCE_ERROR;
}

void ows_poller_free(ows_poller *p)
{
    if (!p)
        return;
    closesocket(p->wake);
    ows_free(p->fds);
    ows_free(p);
    ows_sock_cleanup();
}

int ows_poller_wake(ows_poller *p)
{
    char c = 1;
    if (send(p->wake, &c, 1, 0) == 1)
        return OWS_OK;
    /* A full buffer already holds a pending wake-up. */
    return WSAGetLastError() == WSAEWOULDBLOCK ? OWS_OK : OWS_E_TL_OTHER;
}

int ows_poller_wait(ows_poller *p, const ows_sock *socks, size_t n, uint8_t *ready,
                    long timeout_ms, int *woken)
{
    size_t i;
    int rc, count = 0;

    if (woken)
        *woken = 0;
    if (make_room(p, n))
        return OWS_E_ALLOC;
    p->fds[0].fd = p->wake;
    p->fds[0].events = POLLRDNORM;
    p->fds[0].revents = 0;
    for (i = 0; i < n; i++) {
        p->fds[i + 1].fd = (SOCKET)socks[i];
        p->fds[i + 1].events = POLLRDNORM;
        p->fds[i + 1].revents = 0;
        ready[i] = 0;
    }
    if (timeout_ms > 0x7FFFFFFFL)
        timeout_ms = 0x7FFFFFFFL;
    rc = WSAPoll(p->fds, (ULONG)(n + 1), timeout_ms < 0 ? -1 : (INT)timeout_ms);
    if (rc == SOCKET_ERROR)
        return ows_sock_error_map(WSAGetLastError());
    if (p->fds[0].revents) {
        char buf[64];
        int k;
        for (k = 0; k < 1024 && recv(p->wake, buf, sizeof(buf), 0) > 0; k++)
            ;
        if (woken)
            *woken = 1;
    }
    for (i = 0; i < n; i++)
        if (p->fds[i + 1].revents & (POLLRDNORM | POLLERR | POLLHUP)) {
            ready[i] = 1;
            count++;
        }
    return count;
}

