/* poll.c - POSIX poller: poll(2) over N sockets plus a self-pipe for wake-ups. */
#define _GNU_SOURCE 1 /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include "core/alloc.h"
#include "core/error.h"
#include "platform.h"

struct ows_poller {
    int pipefd[2];
    struct pollfd *fds;
    size_t cap;
};

/* Makes the array hold the wake-up entry and n sockets. */
static int make_room(ows_poller *p, size_t n)
{
    struct pollfd *nf;
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
    *out = NULL;
    p = ows_calloc(1, sizeof(*p));
    if (!p)
        return OWS_E_ALLOC;
    if (pipe2(p->pipefd, O_NONBLOCK | O_CLOEXEC) < 0) {
        int e = errno;
        ows_free(p);
        return ows_sock_error_map(e);
    }
    if (make_room(p, room)) {
        ows_poller_free(p);
        return OWS_E_ALLOC;
    }
    *out = p;
    return OWS_OK;
}

void ows_poller_free(ows_poller *p)
{
    if (!p)
        return;
    close(p->pipefd[0]);
    close(p->pipefd[1]);
    ows_free(p->fds);
    ows_free(p);
}

int ows_poller_wake(ows_poller *p)
{
    char c = 1;
    ssize_t n;
    do
        n = write(p->pipefd[1], &c, 1);
    while (n < 0 && errno == EINTR);
    /* A full pipe already guarantees a pending wake-up. */
    return (n == 1 || errno == EAGAIN) ? OWS_OK : OWS_E_TL_OTHER;
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
    p->fds[0].fd = p->pipefd[0];
    p->fds[0].events = POLLIN;
    p->fds[0].revents = 0;
    for (i = 0; i < n; i++) {
        p->fds[i + 1].fd = (int)socks[i];
        p->fds[i + 1].events = POLLIN;
        p->fds[i + 1].revents = 0;
        ready[i] = 0;
    }
    if (timeout_ms > 0x7FFFFFFFL)
        timeout_ms = 0x7FFFFFFFL;
    rc = poll(p->fds, (nfds_t)(n + 1), timeout_ms < 0 ? -1 : (int)timeout_ms);
    if (rc < 0)
        return errno == EINTR ? 0 : ows_sock_error_map(errno);
    if (p->fds[0].revents) {
        char buf[64];
        while (read(p->pipefd[0], buf, sizeof(buf)) > 0)
            ;
        if (woken)
            *woken = 1;
    }
    for (i = 0; i < n; i++)
        if (p->fds[i + 1].revents & (POLLIN | POLLERR | POLLHUP)) {
            ready[i] = 1;
            count++;
        }
    return count;
}


void ows_poller_changed(ows_poller *p)
{
    /* poll(2) takes the whole set at every call. */
    (void)p;
}
