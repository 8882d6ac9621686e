/* sockaddr.c - ows_addr <-> sockaddr, shared by the POSIX and Win32 layers. */
#include <string.h>
#include "bsd/sockaddr.h"
#include "core/error.h"

int ows_bsd_pick(const struct addrinfo *res, struct ows_addr *out)
{
    const struct addrinfo *ai;
    int pass;
    for (pass = 0; pass < 2; pass++)
        for (ai = res; ai; ai = ai->ai_next) {
            if (pass == 0 && ai->ai_family != AF_INET)
                continue;
            if (ai->ai_family == AF_INET || ai->ai_family == AF_INET6) {
                struct sockaddr_storage ss;
                memset(&ss, 0, sizeof(ss));
                memcpy(&ss, ai->ai_addr, ai->ai_addrlen < sizeof(ss) ? ai->ai_addrlen : sizeof(ss));
                ows_bsd_from_sa(&ss, out);
                out->port = 0;
                return OWS_OK;
            }
        }
    memset(out, 0, sizeof(*out));
    return OWS_E_ENTITY_UNKNOWN;
}
