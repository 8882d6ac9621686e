/* batch.c - datagram batches as loops of single calls, for the systems whose
 * sockets have no call that moves several datagrams (Winsock: Windows' RIO
 * and UDP coalescing options are not in Wine; BSDs without recvmmsg). */
#include "core/error.h"
#include "platform.h"
#include "bsd/sockaddr.h"

int ows_bsd_recv_loop(ows_sock s, struct ows_dgram *d, unsigned n)
{
    unsigned i;
    for (i = 0; i < n; i++) {
        int err = ows_sock_recvfrom(s, d[i].buf, d[i].cap, &d[i].len, &d[i].addr);
        if (err == OWS_E_NOOP)
            break;
        if (err && err != OWS_E_TL_PDU_TOO_BIG)
            return i ? (int)i : err;
        d[i].err = err;
    }
    return (int)i;
}

int ows_bsd_send_loop(ows_sock s, const struct ows_dgram *d, unsigned n, int *err)
{
    unsigned i;
    *err = OWS_OK;
    for (i = 0; i < n; i++)
        if ((*err = ows_sock_sendto(s, d[i].buf, d[i].len, &d[i].addr)) != OWS_OK)
            break;
    return (int)i;
}
