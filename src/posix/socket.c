/* socket.c - POSIX non-blocking UDP sockets and socket error mapping. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
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
#else
#define SENDTO sendto
#define RECVFROM recvfrom
#endif

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
