/* mgmt_get_netsnmp.c - the reference for mgmt_get_ows.c: net-snmp's
 * synchronous API (snmp_synch_response, one request at a time) doing GET
 * round trips against bench/responder, printing GETs per second.
 *
 * usage: mgmt_get_netsnmp [port] [seconds]   (defaults 16200, 2)
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    static oid name[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };
    double seconds = argc > 2 ? atof(argv[2]) : 2.0, t0, t;
    unsigned long done = 0, failed = 0;
    char peer[64];
    netsnmp_session sess, *ss;
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    setenv("MIBS", "", 1);
    init_snmp("mgmt_get_netsnmp");
    snmp_sess_init(&sess);
    snprintf(peer, sizeof peer, "udp:127.0.0.1:%s", argc > 1 ? argv[1] : "16200");
    sess.peername = peer;
    sess.version = SNMP_VERSION_2c;
    sess.community = (u_char *)"public";
    sess.community_len = 6;
    sess.timeout = 1000000;
    sess.retries = 1;
    ss = snmp_open(&sess);
    if (!ss) {
        fprintf(stderr, "mgmt_get_netsnmp: snmp_open failed\n");
        return 1;
    }
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
