/* netsnmp_bench.h - what the net-snmp reference clients share: a monotonic
 * clock, the OID they ask for (sysName.0) and one SNMPv2c session opened the
 * same way (no configuration files or MIBs read, 1 s timeout, 1 retry). */
#ifndef OWS_BENCH_NETSNMP_H
#define OWS_BENCH_NETSNMP_H
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <stdio.h>
#include <stdlib.h>
#include "bench_clock.h"

static oid name[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };

/* Opens a session to udp:HOST:PORT as application APP; callback NULL for
 * the synchronous API. NULL (after saying why) when net-snmp refuses. */
static netsnmp_session *bench_netsnmp_open(const char *app, const char *host, const char *port,
                                           netsnmp_callback callback)
{
    char peer[128];
    netsnmp_session sess, *ss;
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    setenv("MIBS", "", 1);
    init_snmp(app);
    snmp_sess_init(&sess);
    snprintf(peer, sizeof peer, "udp:%s:%s", host, port);
    sess.peername = peer;
    sess.version = SNMP_VERSION_2c;
    sess.community = (u_char *)"public";
    sess.community_len = 6;
    sess.timeout = 1000000;
    sess.retries = 1;
    sess.callback = callback;
    ss = snmp_open(&sess);
    if (!ss)
        snmp_perror("snmp_open");
    return ss;
}

#endif
