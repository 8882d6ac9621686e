/* netsnmp_bench.h - what the net-snmp reference clients share: a monotonic
 * clock, the OID they ask for (sysName.0) and one SNMPv2c session opened the
 * same way (no configuration files or MIBs read, 1 s timeout, 1 retry).
 * With BENCH_V3_LEVEL (noAuthNoPriv, authNoPriv, authPriv) the session speaks
 * SNMPv3 as user "bench" with SHA-256 and AES-128 (bench/responder_v3.c's). */
#ifndef OWS_BENCH_NETSNMP_H
#define OWS_BENCH_NETSNMP_H
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_clock.h"

static oid name[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };

/* Makes sess an SNMPv3 session at `level` (see above); -1 when net-snmp
 * cannot derive a key. */
static int bench_netsnmp_v3(netsnmp_session *sess, const char *level)
{
    oid *sha256 = usmHMAC192SHA256AuthProtocol;
    size_t sha256_len = OID_LENGTH(usmHMAC192SHA256AuthProtocol);
    sess->version = SNMP_VERSION_3;
    sess->securityName = strdup("bench");
    sess->securityNameLen = 5;
    sess->securityLevel = !strcmp(level, "authPriv")     ? SNMP_SEC_LEVEL_AUTHPRIV
                          : !strcmp(level, "authNoPriv") ? SNMP_SEC_LEVEL_AUTHNOPRIV
                                                         : SNMP_SEC_LEVEL_NOAUTH;
    sess->securityAuthProto = sha256;
    sess->securityAuthProtoLen = sha256_len;
    sess->securityAuthKeyLen = USM_AUTH_KU_LEN;
    if (generate_Ku(sha256, sha256_len, (u_char *)"bench-auth-pass", 15, sess->securityAuthKey,
                    &sess->securityAuthKeyLen) != SNMPERR_SUCCESS)
        return -1;
    sess->securityPrivProto = usmAESPrivProtocol;
    sess->securityPrivProtoLen = USM_PRIV_PROTO_AES_LEN;
    sess->securityPrivKeyLen = USM_PRIV_KU_LEN;
    if (generate_Ku(sha256, sha256_len, (u_char *)"bench-priv-pass", 15, sess->securityPrivKey,
                    &sess->securityPrivKeyLen) != SNMPERR_SUCCESS)
        return -1;
    return 0;
}

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
    if (getenv("BENCH_V3_LEVEL") && bench_netsnmp_v3(&sess, getenv("BENCH_V3_LEVEL")))
        return NULL;
    ss = snmp_open(&sess);
    if (!ss)
        snmp_perror("snmp_open");
    return ss;
}

#endif
