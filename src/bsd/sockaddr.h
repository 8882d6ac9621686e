/* sockaddr.h - conversions between ows_addr and the BSD socket structures.
 *
 * Both platform layers speak the BSD sockets API (Winsock is one), so the
 * conversions live here once; each layer supplies its own sockets_os.h with
 * the system headers. */
#ifndef OWS_BSD_SOCKADDR_H
#define OWS_BSD_SOCKADDR_H
#include <string.h>
#include "sockets_os.h"
#include "platform.h"

/* Fills *ss from a; returns the address length, or 0 for an unknown family.
 * Zeroes only the part the family's address uses: every send passes through
 * here, and the whole storage is 128 bytes. Inline for the same reason. */
static inline int ows_bsd_to_sa(const struct ows_addr *a, struct sockaddr_storage *ss)
{
    if (a->family == OWS_AF_INET6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
        memset(s6, 0, sizeof(*s6));
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons(a->port);
        s6->sin6_scope_id = a->scope_id;
        memcpy(&s6->sin6_addr, a->bytes, 16);
        return (int)sizeof(*s6);
    }
    if (a->family == OWS_AF_INET) {
        struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
        memset(s4, 0, sizeof(*s4));
        s4->sin_family = AF_INET;
        s4->sin_port = htons(a->port);
        memcpy(&s4->sin_addr, a->bytes, 4);
        return (int)sizeof(*s4);
    }
    memset(ss, 0, sizeof(*ss));
    return 0;
}

/* Fills *a from *ss (port included); an unknown family leaves *a zeroed. */
static inline void ows_bsd_from_sa(const struct sockaddr_storage *ss, struct ows_addr *a)
{
    memset(a, 0, sizeof(*a));
    if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;
        a->family = OWS_AF_INET6;
        a->port = ntohs(s6->sin6_port);
        a->scope_id = s6->sin6_scope_id;
        memcpy(a->bytes, &s6->sin6_addr, 16);
    } else if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)ss;
        a->family = OWS_AF_INET;
        a->port = ntohs(s4->sin_port);
        memcpy(a->bytes, &s4->sin_addr, 4);
    }
}

/* Picks the address of a getaddrinfo result, preferring IPv4 for names that
 * resolve to both (most agents listen there). OWS_E_ENTITY_UNKNOWN when none
 * is IPv4 or IPv6. */
int ows_bsd_pick(const struct addrinfo *res, struct ows_addr *out);

/* ows_sock_recv_batch and ows_sock_send_batch as loops of single
 * ows_sock_recvfrom/ows_sock_sendto calls, for systems without batch calls
 * (batch.c). */
int ows_bsd_recv_loop(ows_sock s, struct ows_dgram *d, unsigned n);
int ows_bsd_send_loop(ows_sock s, const struct ows_dgram *d, unsigned n, int *err);

#endif
