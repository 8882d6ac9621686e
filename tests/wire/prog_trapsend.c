/* prog_trapsend.c - our trap sender against net-snmp's snmptrapd
 * (tests/wire/snmptrapd.sh checks what the daemon logged).
 *
 *   prog_trapsend <port>
 *
 * Sends to snmptrapd on 127.0.0.1:<port> and [::1]:<port>:
 *  - SNMPv2c TRAPs (IPv4 and IPv6);
 *  - SNMPv2 TRAPs to SNMPv1 entities, which the library sends as SNMPv1
 *    Trap-PDUs (RFC 3584 3.2): a generic one (coldStart, with
 *    snmpTrapEnterprise.0) and an enterprise-specific one, with the
 *    agent-addr set by SnmpSetAgentAddress;
 *  - INFORMs (IPv4 and IPv6), each of which must complete: the daemon's
 *    RESPONSE is matched to the request (a TL_TIMEOUT fails the program). */
#include "wire.h"
#include "api/agent.h"

static smiOCTETS com = { 6, (smiLPBYTE)"public" };

static void send_one(HSNMP_SESSION s, HSNMP_ENTITY to, HSNMP_CONTEXT ctx, smiINT type,
                     HSNMP_VBL vbl)
{
    HSNMP_PDU pdu = SnmpCreatePdu(s, type, 0, 0, 0, vbl);
    smiINT id = 0;
    struct wire_reply r;

    CHECK(pdu != 0);
    CHECK(SnmpSendMsg(s, 0, to, ctx, pdu) == SNMPAPI_SUCCESS);
    SnmpGetPduData(pdu, NULL, &id, NULL, NULL, NULL);
    SnmpFreePdu(pdu);
    SnmpFreeVbl(vbl);
    if (type != SNMP_PDU_INFORM) {
        /* Keep the log in send order: the daemon reads IPv4 and IPv6 apart. */
        wire_sleep_ms(50);
        return;
    }
    /* The INFORM completes when snmptrapd's RESPONSE arrives. */
    CHECK(wire_poll_recv(s, 20.0, &r));
    CHECK_EQ(r.status, SNMPAPI_SUCCESS);
    CHECK_EQ(r.type, SNMP_PDU_RESPONSE);
    CHECK_EQ(r.reqid, id);
    CHECK_EQ(r.err_status, 0);
    CHECK_EQ(SnmpCountVbl(r.vbl), 3);
    if (r.vbl)
        SnmpFreeVbl(r.vbl);
    printf("inform %ld acknowledged\n", (long)id);
}

int main(int argc, char **argv)
{
    HSNMP_SESSION s;
    HSNMP_ENTITY v2_4, v2_6, v1_4, v1_6;
    HSNMP_CONTEXT ctx;
    char a4[48], a6[48];
    int port = argc > 1 ? atoi(argv[1]) : 0;

    setvbuf(stdout, NULL, _IONBF, 0);
    if (port <= 0 || port > 65535) {
        fprintf(stderr, "usage: prog_trapsend <port>\n");
        return 2;
    }
    snprintf(a4, sizeof a4, "127.0.0.1:%d", port);
    snprintf(a6, sizeof a6, "[::1]:%d", port);
    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    v2_4 = SnmpStrToEntity(s, a4);
    v2_6 = SnmpStrToEntity(s, a6);
    CHECK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1) == SNMPAPI_SUCCESS);
    v1_4 = SnmpStrToEntity(s, a4);
    v1_6 = SnmpStrToEntity(s, a6);
    CHECK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2) == SNMPAPI_SUCCESS);
    ctx = SnmpStrToContext(s, &com);
    CHECK(v2_4 && v2_6 && v1_4 && v1_6 && ctx);
    CHECK(SnmpSetTimeout(v2_4, 100) == SNMPAPI_SUCCESS);
    CHECK(SnmpSetTimeout(v2_6, 100) == SNMPAPI_SUCCESS);
    CHECK(SnmpSetAgentAddress("192.0.2.10") == SNMPAPI_SUCCESS);

    send_one(s, v2_4, ctx, SNMP_PDU_TRAP,
             wire_notification(s, 1111, "1.3.6.1.4.1.99999.0.7", "v2c over IPv4", NULL));
    send_one(s, v2_6, ctx, SNMP_PDU_TRAP,
             wire_notification(s, 2222, "1.3.6.1.6.3.1.1.5.3", "v2c over IPv6", NULL));
    send_one(s, v1_4, ctx, SNMP_PDU_TRAP,
             wire_notification(s, 3333, "1.3.6.1.6.3.1.1.5.1", "v1 generic", "1.3.6.1.4.1.99999"));
    send_one(s, v1_4, ctx, SNMP_PDU_TRAP,
             wire_notification(s, 4444, "1.3.6.1.4.1.99999.0.42", "v1 specific", NULL));
    send_one(s, v1_6, ctx, SNMP_PDU_TRAP,
             wire_notification(s, 5555, "1.3.6.1.6.3.1.1.5.4", "v1 over IPv6",
                               "1.3.6.1.4.1.99999.3"));
    send_one(s, v2_4, ctx, SNMP_PDU_INFORM,
             wire_notification(s, 6666, "1.3.6.1.4.1.99999.0.8", "inform over IPv4", NULL));
    send_one(s, v2_6, ctx, SNMP_PDU_INFORM,
             wire_notification(s, 7777, "1.3.6.1.4.1.99999.0.9", "inform over IPv6", NULL));

    CHECK(SnmpSetAgentAddress(NULL) == SNMPAPI_SUCCESS);
    CHECK(SnmpClose(s) == SNMPAPI_SUCCESS);
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    return wire_done("prog_trapsend");
}
