/* prog_v3trapsend.c - our SNMPv3 traps into net-snmp's snmptrapd
 * (tests/wire/snmptrapd-v3.sh checks what the daemon logged).
 *
 *   prog_v3trapsend ENTITY...
 *
 * In TRANSLATED mode each ENTITY is a WSNMP_DATABASE v3 entity (one per
 * security level and protocol); one SNMPv2 TRAP goes to each, with
 * sysUpTime.0, snmpTrapOID.0 and 1.3.6.1.4.1.99999.5.1 = "v3 trap to
 * ENTITY". The library sends it as SNMPv3 with our engine authoritative
 * (core/v3_trap.h): snmptrapd knows the users under our engine ID. A GET
 * to such an entity is not this side's (the manager side sends those). */
#include "wire.h"

int main(int argc, char **argv)
{
    static smiOCTETS public_ = { 6, (smiLPBYTE)"public" };
    HSNMP_SESSION s;
    HSNMP_CONTEXT ctx;
    int k;

    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc < 2) {
        fprintf(stderr, "usage: prog_v3trapsend ENTITY...\n");
        return 2;
    }
    wire_startup(SNMPAPI_TRANSLATED);
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    /* The context an SNMPv2c program passes; an SNMPv3 entity's traps carry
     * the contextName of its database line instead. */
    ctx = SnmpStrToContext(s, &public_);
    CHECK(s && ctx);
    for (k = 1; k < argc; k++) {
        char text[200];
        HSNMP_ENTITY to = SnmpStrToEntity(s, argv[k]);
        HSNMP_PDU pdu;
        CHECK(to != 0);
        snprintf(text, sizeof text, "v3 trap to %s", argv[k]);
        pdu = SnmpCreatePdu(s, SNMP_PDU_TRAP, 0, 0, 0,
                            wire_notification(s, 4242, "1.3.6.1.6.3.1.1.5.1", text, NULL));
        CHECK(SnmpSendMsg(s, 0, to, ctx, pdu) == SNMPAPI_SUCCESS);
        printf("sent: %s\n", text);
        SnmpFreePdu(pdu);
        SnmpFreeEntity(to);
        wire_sleep_ms(50);
    }
    SnmpFreeContext(ctx);
    CHECK(SnmpClose(s) == SNMPAPI_SUCCESS);
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    return wire_done("prog_v3trapsend");
}
