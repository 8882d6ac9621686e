/* socket.c - POSIX non-blocking UDP sockets, datagram batches (recvmmsg and
 * sendmmsg on Linux) and socket error mapping. */
#define _GNU_SOURCE 1 /* recvmmsg, sendmmsg */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include "core/error.h"
#include "platform.h"
#include "bsd/sockaddr.h"

int ows_sock_startup(void) { return OWS_OK; }
void ows_sock_cleanup(void) {}

int ows_sock_last_error(void) { return errno; }

int ows_sock_error_map(int e)
{
    switch (e) {
    case 0: return OWS_OK;
    case EADDRINUSE: return OWS_E_TL_IN_USE;
    case EADDRNOTAVAIL: return OWS_E_TL_SRC_INVALID;
    case EAFNOSUPPORT: case EPROTONOSUPPORT: case ESOCKTNOSUPPORT:
        return OWS_E_TL_NOT_SUPPORTED;
    case EMFILE: case ENFILE: case ENOBUFS: case ENOMEM:
        return OWS_E_TL_RESOURCE_ERROR;
    case EMSGSIZE: return OWS_E_TL_PDU_TOO_BIG;
    case ENETUNREACH: case EHOSTUNREACH: case ENETDOWN: case EHOSTDOWN:
    case ECONNREFUSED:
        return OWS_E_TL_UNDELIVERABLE;
    case EINVAL: case EFAULT: case EBADF: case ENOTSOCK: case EDESTADDRREQ:
        return OWS_E_TL_INVALID_PARAM;
    case EACCES: case EPERM: return OWS_E_TL_IN_USE; /* privileged port */
    default: return OWS_E_TL_OTHER;
    }
}

int ows_sock_open(int family, ows_sock *out)
{
    int fd, fl, on = 1;
    *out = OWS_SOCK_INVALID;
    if (family != OWS_AF_INET && family != OWS_AF_INET6)
        return OWS_E_TL_NOT_SUPPORTED;
    fd = socket(family == OWS_AF_INET ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return ows_sock_error_map(errno);
    if (family == OWS_AF_INET6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on));
    fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) {
        int e = errno;
        close(fd);
        return ows_sock_error_map(e);
    }
    *out = fd;
    return OWS_OK;
}

int ows_sock_recv_timeout(ows_sock s, long timeout_ms)
{
    struct timeval tv;
    int fl = fcntl((int)s, F_GETFL);
    if (timeout_ms < 1)
        timeout_ms = 1;
    tv.tv_sec = timeout_ms / 1000;
    tv.tv_usec = (timeout_ms % 1000) * 1000;
    if (fl < 0 || ((fl & O_NONBLOCK) && fcntl((int)s, F_SETFL, fl & ~O_NONBLOCK) < 0) ||
        setsockopt((int)s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0)
        return ows_sock_error_map(errno);
    return OWS_OK;
}

void ows_sock_set_rcvbuf(ows_sock s, int bytes)
{
    /* Linux caps the size at net.core.rmem_max; a smaller buffer still works. */
    setsockopt((int)s, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes));
}

void ows_sock_close(ows_sock s)
{
    if (s != OWS_SOCK_INVALID)
        close((int)s);
}

int ows_sock_bind(ows_sock s, const struct ows_addr *addr)
{
    struct sockaddr_storage ss;
    socklen_t len = ows_bsd_to_sa(addr, &ss);
    if (!len)
        return OWS_E_TL_INVALID_PARAM;
    if (bind((int)s, (struct sockaddr *)&ss, len) < 0)
        return ows_sock_error_map(errno);
    return OWS_OK;
}

int ows_sock_local_addr(ows_sock s, struct ows_addr *out)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    if (getsockname((int)s, (struct sockaddr *)&ss, &len) < 0)
        return ows_sock_error_map(errno);
    ows_bsd_from_sa(&ss, out);
    return OWS_OK;
}

#if defined(__has_feature)
#  if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#    define OWS_SANITIZED 1
#  endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#  define OWS_SANITIZED 1
#endif
#if defined(__linux__) && !defined(OWS_SANITIZED)
#include <sys/syscall.h>
/* The library never cancels a thread, so its datagrams go straight to the
 * kernel: the C library's sendto/recvfrom are cancellation points and wrap
 * the system call in bookkeeping that costs as much as the rest of the
 * engine's per-datagram socket work. Sanitizer builds keep the library
 * calls, which the sanitizers intercept (buffer checks, ThreadSanitizer's
 * view of the sockets). */
#define SENDTO(fd, b, n, fl, a, al) syscall(SYS_sendto, fd, b, n, fl, a, al)
#define RECVFROM(fd, b, n, fl, a, al) syscall(SYS_recvfrom, fd, b, n, fl, a, al)
#define RECVMMSG(fd, v, n, fl, t) syscall(SYS_recvmmsg, fd, v, n, fl, t)
#define SENDMMSG(fd, v, n, fl) syscall(SYS_sendmmsg, fd, v, n, fl)
#else
#define SENDTO sendto
#define RECVFROM recvfrom
#define RECVMMSG recvmmsg
#define SENDMMSG sendmmsg
#endif

int ows_sock_pending(ows_sock s)
{
    (void)s;
    return -1;
}

int ows_sock_sendto(ows_sock s, const void *buf, size_t len, const struct ows_addr *to)
{
    struct sockaddr_storage ss;
    socklen_t sl = ows_bsd_to_sa(to, &ss);
    ssize_t n;
    if (!sl)
        return OWS_E_TL_INVALID_PARAM;
    do
        n = SENDTO((int)s, buf, len, MSG_NOSIGNAL, (struct sockaddr *)&ss, sl);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return ows_sock_error_map(errno);
    return (size_t)n == len ? OWS_OK : OWS_E_TL_OTHER;
}

int ows_sock_recvfrom(ows_sock s, void *buf, size_t cap, size_t *got, struct ows_addr *from)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    ssize_t n;
    int tries;

    *got = 0;
    /* A bounded number of ICMP error reports (ECONNREFUSED) are skipped. */
    for (tries = 0; tries < 16; tries++) {
        sl = sizeof(ss);
        n = RECVFROM((int)s, buf, cap, MSG_TRUNC, (struct sockaddr *)&ss, &sl);
        if (n >= 0) {
            if (from)
                ows_bsd_from_sa(&ss, from);
            if ((size_t)n > cap) {
                *got = cap;
                return OWS_E_TL_PDU_TOO_BIG;
            }
            *got = (size_t)n;
            return OWS_OK;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return OWS_E_NOOP;
        if (errno != EINTR && errno != ECONNREFUSED)
            return ows_sock_error_map(errno);
    }
    return OWS_E_NOOP;
}

#if defined(__linux__)
/* Datagrams per recvmmsg/sendmmsg call; the engine's batches are no longer. */
#define BATCH_MAX 32u

unsigned ows_sock_batch_max(void) { return BATCH_MAX; }

/* Points mh[i] at d[i]'s bytes (its whole capacity) and at ss[i] for the
 * sender's address, whatever it is. */
static void mmsg_setup_rx(struct mmsghdr *mh, struct iovec *iov, struct sockaddr_storage *ss,
                          const struct ows_dgram *d, unsigned n)
{
    unsigned i;
    for (i = 0; i < n; i++) {
        iov[i].iov_base = d[i].buf;
        iov[i].iov_len = d[i].cap;
        mh[i].msg_hdr.msg_iov = &iov[i];
        mh[i].msg_hdr.msg_iovlen = 1;
        mh[i].msg_hdr.msg_name = &ss[i];
        mh[i].msg_hdr.msg_namelen = (socklen_t)sizeof(ss[i]);
        mh[i].msg_hdr.msg_control = NULL;
        mh[i].msg_hdr.msg_controllen = 0;
        mh[i].msg_hdr.msg_flags = 0;
    }
}

int ows_sock_recv_batch(ows_sock s, struct ows_dgram *d, unsigned n)
{
    struct mmsghdr mh[BATCH_MAX];
    struct iovec iov[BATCH_MAX];
    struct sockaddr_storage ss[BATCH_MAX];
    unsigned i;
    int got = -1, tries;

    if (n > BATCH_MAX)
        n = BATCH_MAX;
    mmsg_setup_rx(mh, iov, ss, d, n);
    /* A bounded number of ICMP error reports (ECONNREFUSED) are skipped. */
    for (tries = 0; tries < 16; tries++) {
        got = (int)RECVMMSG((int)s, mh, n, MSG_DONTWAIT, NULL);
        if (got >= 0)
            break;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 0;
        if (errno != EINTR && errno != ECONNREFUSED)
            return ows_sock_error_map(errno);
    }
    if (got < 0)
        return 0;
    for (i = 0; i < (unsigned)got; i++) {
        ows_bsd_from_sa(&ss[i], &d[i].addr);
        d[i].len = mh[i].msg_len;
        d[i].err = (mh[i].msg_hdr.msg_flags & MSG_TRUNC) ? OWS_E_TL_PDU_TOO_BIG : OWS_OK;
    }
    return got;
}

/* UDP segmentation offload (Linux 4.18, UDP_SEGMENT): a run of datagrams
 * of one size (the last may be shorter) to one destination leaves as one
 * send the kernel cuts into datagrams, so the route lookup, the IP output
 * and the hand-off to the device (or to loopback's receive path) happen once
 * per run instead of once per datagram. The peer receives ordinary
 * datagrams. Cleared for good if the kernel or the route refuses it. */
#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#define GSO_MAX_SEGS 64u
#define GSO_MAX_BYTES 60000u
static _Atomic int gso_ok = 1;

static inline int same_dest(const struct ows_addr *a, const struct ows_addr *b)
{
    uint32_t x, y;
    if (a->family != b->family || a->port != b->port || a->scope_id != b->scope_id)
        return 0;
    if (a->family == OWS_AF_INET) {
        memcpy(&x, a->bytes, 4);
        memcpy(&y, b->bytes, 4);
        return x == y;
    }
    return !memcmp(a->bytes, b->bytes, 16);
}

/* How many datagrams from d[0] one segmented send can carry (1: none):
 * those of d[0]'s size to its destination, then at most one shorter. */
static unsigned gso_run(const struct ows_dgram *d, unsigned n)
{
    size_t seg = d[0].len, total = seg;
    unsigned k;
    if (n < 2 || seg == 0 || !atomic_load_explicit(&gso_ok, memory_order_relaxed))
        return 1;
    for (k = 1; k < n && k < GSO_MAX_SEGS; k++) {
        size_t l = d[k].len;
        /* l - 1 >= seg: empty, or longer than the segment size. */
        if (l - 1 >= seg || (total += l) > GSO_MAX_BYTES || !same_dest(&d[k].addr, &d[0].addr))
            break;
        if (l < seg)
            return k + 1;
    }
    return k;
}

int ows_sock_send_batch(ows_sock s, const struct ows_dgram *d, unsigned n, int *err)
{
    struct mmsghdr mh[BATCH_MAX];
    struct iovec iov[BATCH_MAX];
    struct sockaddr_storage ss[BATCH_MAX];
    union { char buf[CMSG_SPACE(sizeof(uint16_t))]; struct cmsghdr align; } ctl[BATCH_MAX];
    unsigned first[BATCH_MAX + 1], ng = 0, i, done = 0;

    *err = OWS_OK;
    if (n > BATCH_MAX)
        n = BATCH_MAX;
    /* One message per run (a run of one: an ordinary datagram), with one
     * iovec per datagram and the run's destination. */
    for (i = 0; i < n; ng++) {
        unsigned k = gso_run(d + i, n - i), j;
        struct msghdr *h = &mh[ng].msg_hdr;
        for (j = i; j < i + k; j++) {
            iov[j].iov_base = d[j].buf;
            iov[j].iov_len = d[j].len;
        }
        h->msg_name = &ss[ng];
        h->msg_namelen = (socklen_t)ows_bsd_to_sa(&d[i].addr, &ss[ng]);
        h->msg_iov = &iov[i];
        h->msg_iovlen = k;
        h->msg_control = NULL;
        h->msg_controllen = 0;
        h->msg_flags = 0;
        if (k > 1) {
            struct cmsghdr *cm;
            uint16_t seg = (uint16_t)d[i].len;
            h->msg_control = ctl[ng].buf;
            h->msg_controllen = sizeof ctl[ng].buf;
            cm = CMSG_FIRSTHDR(h);
            cm->cmsg_level = SOL_UDP;
            cm->cmsg_type = UDP_SEGMENT;
            cm->cmsg_len = CMSG_LEN(sizeof seg);
            memcpy(CMSG_DATA(cm), &seg, sizeof seg);
        }
        first[ng] = i;
        i += k;
    }
    first[ng] = n;
    while (done < ng) {
        int k = (int)SENDMMSG((int)s, mh + done, ng - done, MSG_NOSIGNAL);
        if (k > 0) {
            done += (unsigned)k;
            continue;
        }
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && mh[done].msg_hdr.msg_controllen &&
            (errno == EIO || errno == EINVAL || errno == ENOPROTOOPT || errno == EOPNOTSUPP)) {
            /* Segmentation refused (no offload for this route or kernel):
             * the rest goes datagram by datagram, now and from now on. */
            int sent;
            atomic_store_explicit(&gso_ok, 0, memory_order_relaxed);
            sent = ows_sock_send_batch(s, d + first[done], n - first[done], err);
            return (int)first[done] + sent;
        }
        /* sendmmsg reports an error only when the first message failed. */
        *err = k < 0 ? ows_sock_error_map(errno) : OWS_E_TL_OTHER;
        break;
    }
    return (int)first[done];
}
#else
unsigned ows_sock_batch_max(void) { return 1; }

int ows_sock_recv_batch(ows_sock s, struct ows_dgram *d, unsigned n)
{
    return ows_bsd_recv_loop(s, d, n);
}

int ows_sock_send_batch(ows_sock s, const struct ows_dgram *d, unsigned n, int *err)
{
    return ows_bsd_send_loop(s, d, n, err);
}
#endif
