/* mgmt_get_netsnmp.c - the reference for mgmt_get_ows.c: net-snmp's
 * synchronous API (snmp_synch_response, one request at a time) doing GET
 * round trips against bench/responder, printing GETs per second.
 *
 * usage: mgmt_get_netsnmp [port] [seconds]   (defaults 16200, 2)
 */
#include "netsnmp_bench.h"

int main(int argc, char **argv)
{
    double seconds = argc > 2 ? atof(argv[2]) : 2.0, t0, t;
    unsigned long done = 0, failed = 0;
    netsnmp_session *ss = bench_netsnmp_open("mgmt_get_netsnmp", "127.0.0.1",
                                             argc > 1 ? argv[1] : "16200", NULL);
    if (!ss)
        return 1;
    t0 = now();
    do {
        int i;
        for (i = 0; i < 64; i++) {
            netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GET), *resp = NULL;
            snmp_add_null_var(pdu, name, OID_LENGTH(name));
            if (snmp_synch_response(ss, pdu, &resp) == STAT_SUCCESS && resp &&
                resp->errstat == SNMP_ERR_NOERROR)
                done++;
            else
                failed++;
            if (resp)
                snmp_free_pdu(resp);
        }
        t = now() - t0;
    } while (t < seconds);
    snmp_close(ss);
    printf("net-snmp snmp_synch_response: %lu GETs/s (%lu failed)\n", (unsigned long)(done / t),
           failed);
    return 0;
}
