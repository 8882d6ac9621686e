/* resolve.c - POSIX name resolution and numeric address text. */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "core/error.h"
#include "platform.h"
#include "bsd/sockaddr.h"

int ows_resolve(const char *name, int family, struct ows_addr *out)
{
    struct addrinfo hints, *res = NULL;
    int err;

    if (!name || !*name)
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
        if (!inet_ntop(AF_INET, a->bytes, tmp, sizeof(tmp)))
            return OWS_E_OTHER;
    } else if (a->family == OWS_AF_INET6) {
        if (!inet_ntop(AF_INET6, a->bytes, tmp, INET6_ADDRSTRLEN))
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
