/* mgmt_get_ows.c - synchronous GET round trips through the Management API
 * (SnmpMgrRequest, one request at a time) against bench/responder, printing
 * GETs per second. The counterpart of mgmt_get_netsnmp.c.
 *
 * usage: mgmt_get_ows [port] [seconds]   (defaults 16200, 2)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mgmt_bench.h"

int main(int argc, char **argv)
{
    char agent[64];
    double seconds = argc > 2 ? atof(argv[2]) : 2.0, t0, t;
    unsigned long done = 0, failed = 0;
    LPSNMP_MGR_SESSION s;
    UINT v2c = 1;
    snprintf(agent, sizeof agent, "127.0.0.1:%s", argc > 1 ? argv[1] : "16200");
    s = SnmpMgrOpen(agent, (LPSTR)"public", 1000, 1);
    if (!s || !SnmpMgrCtl(s, MGMCTL_OWS_SETVERSION, &v2c, sizeof v2c, NULL, 0, NULL)) {
        fprintf(stderr, "mgmt_get_ows: open failed (%lu)\n", (unsigned long)GetLastError());
        return 1;
    }
    t0 = now_us();
    do {
        int i;
        /* Check the clock every 64 GETs. */
        for (i = 0; i < 64; i++) {
            if (get_one(s))
                done++;
            else
                failed++;
        }
        t = (now_us() - t0) / 1e6;
    } while (t < seconds);
    SnmpMgrClose(s);
    printf("mgmtapi SnmpMgrRequest: %lu GETs/s (%lu failed)\n", (unsigned long)(done / t), failed);
    return 0;
}
