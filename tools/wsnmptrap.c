/* wsnmptrap.c - sends a notification, as net-snmp's snmptrap: an SNMPv2c
 * TRAP, an SNMPv1 Trap-PDU (-v 1), or an INFORM (-Ci), which the receiver
 * acknowledges (exit 0 only then).
 *
 *   wsnmptrap -v 2c -c public 127.0.0.1:162 '' 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.1 i 1
 *   wsnmptrap -v 2c -Ci -c public 127.0.0.1:162 '' 1.3.6.1.6.3.1.1.5.4
 *   wsnmptrap -v 1 -c public 127.0.0.1:162 1.3.6.1.4.1.99999 127.0.0.1 6 17 '' 1.3.6.1.2.1.1.5.0 s x
 *
 * v2c: UPTIME TRAP-OID [OID TYPE VALUE]...; v1: ENTERPRISE AGENT-ADDR
 * GENERIC SPECIFIC UPTIME [OID TYPE VALUE]...; '' for UPTIME is this
 * machine's uptime, for ENTERPRISE 1.3.6.1.4.1.3.1.1 (net-snmp's default).
 *
 * WinSNMP sends every notification in SNMPv2 form: SNMP_PDU_TRAP (or
 * SNMP_PDU_INFORM) whose first two variables are sysUpTime.0 and
 * snmpTrapOID.0. An SNMPv1 trap is such a TRAP sent to an SNMPv1 entity; the
 * library converts it (RFC 3584 3.2): the generic and specific numbers come
 * from snmpTrapOID.0, the enterprise from a trailing snmpTrapEnterprise.0,
 * and the agent address from the undocumented SnmpSetAgentAddress export.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>
#include "wtool.h"

/* wsnmp32.dll's agent-address export (ordinal 109); winsnmp.h omits it. */
SNMPAPI_STATUS SNMPAPI_CALL SnmpSetAgentAddress(LPSTR address);

#define SYSUPTIME_0          "1.3.6.1.2.1.1.3.0"
#define SNMPTRAPOID_0        "1.3.6.1.6.3.1.1.4.1.0"
#define SNMPTRAPENTERPRISE_0 "1.3.6.1.6.3.1.1.4.3.0"
#define SNMPTRAPS            "1.3.6.1.6.3.1.1.5"

static int trap_option(struct wtool *t, char letter, const char *arg)
{
    if (letter != 'i' || *arg)
        return 0;
    t->inform = 1;
    return 1;
}

int main(int argc, char **argv)
{
    struct wtool t = { 0 };
    HSNMP_VBL vbl;
    HSNMP_PDU response = 0;
    char uptime[32], trap_oid[MAXOBJIDSTRSIZE + 32];
    const char *enterprise = NULL;
    char **rest;
    int nrest, i, rc;

    t.prog = "wsnmptrap";
    t.synopsis = "TRAP-PARAMETERS\n"
                 "  -v 2c: UPTIME TRAP-OID [OID TYPE VALUE]...\n"
                 "  -v 1:  ENTERPRISE AGENT-ADDR GENERIC-TRAP SPECIFIC-TRAP UPTIME [OID TYPE VALUE]...";
    t.app_options = "  -Ci\t\t\tsend an INFORM and wait for its acknowledgement\n"
                    "  TYPE: i u c C t a o s x d b n, as wsnmpset\n";
    t.app_option = trap_option;
    t.default_port = "162";
    wt_parse_args(&t, argc, argv);
    if (t.nargs < (t.version == 1 ? 5 : 2))
        wt_fail(&t, WT_USAGE, "missing trap parameters (see -h)");
    if (t.inform && t.version == 1)
        wt_fail(&t, WT_USAGE, "Cannot send INFORM as SNMPv1 PDU");
    rest = t.args + (t.version == 1 ? 5 : 2);
    nrest = t.nargs - (t.version == 1 ? 5 : 2);
    if (nrest % 3)
        wt_fail(&t, WT_USAGE, "%s: Needs type and value", rest[nrest - nrest % 3]);
    wt_open(&t);

    /* UPTIME ('' = now) and snmpTrapOID.0. */
    snprintf(uptime, sizeof uptime, "%lu", now_ms() / 10ul);
    if (t.version == 2) {
        snprintf(trap_oid, sizeof trap_oid, "%s", t.args[1]);
    } else {
        long generic = strtol(t.args[2], NULL, 10);
        enterprise = t.args[0][0] ? t.args[0] : "1.3.6.1.4.1.3.1.1";
        if (generic < 0 || generic > 6)
            wt_fail(&t, WT_USAGE, "generic trap %s: 0 to 6", t.args[2]);
        if (generic < 6)   /* coldStart(0) .. egpNeighborLoss(5) */
            snprintf(trap_oid, sizeof trap_oid, SNMPTRAPS ".%ld", generic + 1);
        else               /* enterpriseSpecific: ENTERPRISE.0.SPECIFIC */
            snprintf(trap_oid, sizeof trap_oid, "%s.0.%s",
                     enterprise[0] == '.' ? enterprise + 1 : enterprise, t.args[3]);
        if (t.args[1][0] && SnmpSetAgentAddress(t.args[1]) == SNMPAPI_FAILURE)
            wt_fail(&t, WT_USAGE, "agent address %s: an IPv4 address", t.args[1]);
    }
    vbl = SnmpCreateVbl(t.session, NULL, NULL);
    wt_append_value(&t, vbl, SYSUPTIME_0, "t", t.args[t.version == 1 ? 4 : 0][0]
                                                  ? t.args[t.version == 1 ? 4 : 0] : uptime);
    wt_append_value(&t, vbl, SNMPTRAPOID_0, "o", trap_oid);
    for (i = 0; i < nrest; i += 3)
        wt_append_value(&t, vbl, rest[i], rest[i + 1], rest[i + 2]);
    if (enterprise && strncmp(trap_oid, SNMPTRAPS ".", sizeof SNMPTRAPS) == 0)
        wt_append_value(&t, vbl, SNMPTRAPENTERPRISE_0, "o", enterprise);

    if (t.inform) {
        rc = wt_request(&t, SNMP_PDU_INFORM, vbl, &response, ".");
        if (rc == WT_OK)
            SnmpFreePdu(response);   /* the acknowledgement; nothing to print */
    } else {
        rc = wt_request(&t, SNMP_PDU_TRAP, vbl, NULL, "");
    }
    SnmpFreeVbl(vbl);
    wt_close(&t);
    return rc;
}
