/* wsnmpset.c - SET: writes each OID's value and prints what the agent
 * answers, as net-snmp's snmpset does.
 *
 *   wsnmpset -v 2c -c private 127.0.0.1:161 1.3.6.1.2.1.1.5.0 s router1 1.3.6.1.2.1.2.2.1.7.1 i 1
 *   .1.3.6.1.2.1.1.5.0 = STRING: "router1"
 *   .1.3.6.1.2.1.2.2.1.7.1 = INTEGER: 1
 *
 * TYPE is one of net-snmp's letters: i INTEGER, u Gauge32 (unsigned),
 * c Counter32, C Counter64, t Timeticks, a IpAddress, o OID, s STRING,
 * x hex STRING, d decimal STRING, b BITS, n NULL. In WinSNMP each value is
 * a smiVALUE (syntax + value) that SnmpSetVb puts into the list.
 *
 * SPDX-License-Identifier: MIT
 */
#include "wtool.h"

int main(int argc, char **argv)
{
    struct wtool t = { 0 };
    HSNMP_VBL vbl;
    HSNMP_PDU response = 0;
    int i, rc;

    t.prog = "wsnmpset";
    t.synopsis = "OID TYPE VALUE [OID TYPE VALUE]...";
    t.app_options = "  TYPE: one of i, u, t, a, o, s, x, d, b, c, C, n\n"
                    "\ti: INTEGER, u: unsigned INTEGER, t: TIMETICKS, a: IPADDRESS\n"
                    "\to: OBJID, s: STRING, x: HEX STRING, d: DECIMAL STRING, b: BITS\n"
                    "\tc: COUNTER32, C: COUNTER64, n: NULL\n";
    t.default_port = "161";
    t.min_args = 3;
    wt_parse_args(&t, argc, argv);
    if (t.nargs % 3)
        wt_fail(&t, WT_USAGE, "%s: Needs type and value", t.args[t.nargs - t.nargs % 3]);
    wt_open(&t);
    vbl = SnmpCreateVbl(t.session, NULL, NULL);
    for (i = 0; i < t.nargs; i += 3)
        wt_append_value(&t, vbl, t.args[i], t.args[i + 1], t.args[i + 2]);
    rc = wt_request(&t, SNMP_PDU_SET, vbl, &response, "");
    if (rc == WT_OK)
        rc = wt_print_response(response, ".");
    SnmpFreeVbl(vbl);
    wt_close(&t);
    return rc;
}
