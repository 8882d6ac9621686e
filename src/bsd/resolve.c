/* resolve.c - name resolution (getaddrinfo) and numeric address text, for
 * both platform layers. */
#include <stdio.h>
#include <string.h>
#include "bsd/sockaddr.h"
#include "core/error.h"

int ows_resolve(const char *name, int family, struct ows_addr *out)
{
    struct addrinfo hints, *res = NULL;
    int err;

    if (!name || !*name || ows_bsd_ready())
        return OWS_E_ENTITY_UNKNOWN;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family == OWS_AF_INET ? AF_INET : family == OWS_AF_INET6 ? AF_INET6 : AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    if (getaddrinfo(name, NULL, &hints, &res) != 0 || !res)
        return OWS_E_ENTITY_UNKNOWN;
    err = ows_bsd_pick(res, out);
    freeaddrinfo(res);
    return err;
}

int ows_addr_to_str(const struct ows_addr *a, char *buf, size_t size)
{
    char tmp[OWS_ADDR_STRLEN];
    size_t n;
    if (a->family == OWS_AF_INET) {
        /* Formatted by hand: no socket library call needed, and identical everywhere. */
        snprintf(tmp, sizeof(tmp), "%u.%u.%u.%u", a->bytes[0], a->bytes[1], a->bytes[2],
                 a->bytes[3]);
    } else if (a->family == OWS_AF_INET6) {
        struct in6_addr in6;
        memcpy(&in6, a->bytes, 16);
        /* 46: POSIX's INET6_ADDRSTRLEN (mingw's is 65, more than tmp holds). */
        if (ows_bsd_ready() || !inet_ntop(AF_INET6, &in6, tmp, 46))
            return OWS_E_OTHER;
        if (a->scope_id) {
            n = strlen(tmp);
            snprintf(tmp + n, sizeof(tmp) - n, "%%%u", (unsigned)a->scope_id);
        }
    } else {
        return OWS_E_OTHER;
    }
    n = strlen(tmp);
    if (n + 1 > size)
        return OWS_E_OUTPUT_TRUNCATED;
    memcpy(buf, tmp, n + 1);
    return OWS_OK;
}
