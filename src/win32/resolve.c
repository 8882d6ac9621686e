/* resolve.c - Win32 name resolution (getaddrinfo) and numeric address text.
 * The engine's ows_sock_startup (WSAStartup) must have run; SnmpStrToEntity
 * may be called before any socket exists, so this file also makes sure
 * Winsock is started (a counted WSAStartup that stays for the process). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>
#include "core/error.h"
#include "platform.h"
#include "bsd/sockaddr.h"

static INIT_ONCE wsa_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK wsa_init(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    WSADATA wd;
    (void)once; (void)param; (void)ctx;
    return WSAStartup(MAKEWORD(2, 2), &wd) == 0;
}

static int ensure_wsa(void)
{
    return InitOnceExecuteOnce(&wsa_once, wsa_init, NULL, NULL) ? OWS_OK : OWS_E_TL_NOT_INITIALIZED;
}

int ows_resolve(const char *name, int family, struct ows_addr *out)
{
    struct addrinfo hints, *res = NULL;
    int err;

    if (!name || !*name)
        return OWS_E_ENTITY_UNKNOWN;
    if (ensure_wsa())
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
        /* Formatted by hand: no Winsock call needed, and identical everywhere. */
        snprintf(tmp, sizeof(tmp), "%u.%u.%u.%u", a->bytes[0], a->bytes[1], a->bytes[2],
                 a->bytes[3]);
    } else if (a->family == OWS_AF_INET6) {
        struct in6_addr in6;
        memcpy(&in6, a->bytes, 16);
        if (ensure_wsa() || !inet_ntop(AF_INET6, &in6, tmp, 46))
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
