/* wsa_once.c - Winsock started for name resolution. The engine's
 * ows_sock_startup (WSAStartup) runs only while it works; SnmpStrToEntity may
 * be called before any socket exists, so src/bsd/resolve.c asks here first
 * (a counted WSAStartup, made once, that stays for the process). */
#include "sockets_os.h"
#include "core/error.h"

static INIT_ONCE wsa_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK wsa_init(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    WSADATA wd;
    (void)once; (void)param; (void)ctx;
    return WSAStartup(MAKEWORD(2, 2), &wd) == 0;
}

int ows_bsd_ready(void)
{
    return InitOnceExecuteOnce(&wsa_once, wsa_init, NULL, NULL) ? OWS_OK : OWS_E_TL_NOT_INITIALIZED;
}
