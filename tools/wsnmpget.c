/* wsnmpget.c - GET: the value of each OID, as net-snmp's snmpget prints it.
 *
 *   wsnmpget -v 2c -c public 127.0.0.1:161 1.3.6.1.2.1.1.5.0 1.3.6.1.2.1.1.3.0
 *   .1.3.6.1.2.1.1.5.0 = STRING: "router1"
 *   .1.3.6.1.2.1.1.3.0 = Timeticks: (4242) 0:00:42.42
 *
 * The WinSNMP steps (wtool.c): SnmpStartup, SnmpCreateSession with a
 * callback, SnmpStrToEntity/SnmpStrToContext, a list of the OIDs with NULL
 * values (SnmpCreateVbl/SnmpSetVb), SnmpCreatePdu(SNMP_PDU_GET) and
 * SnmpSendMsg; the callback takes the response with SnmpRecvMsg, and
 * SnmpGetPduData/SnmpGetVb read it.
 *
 * SPDX-License-Identifier: MIT
 */
#include "wtool.h"

int main(int argc, char **argv)
{
    struct wtool t = { 0 };
    int rc;

    t.prog = "wsnmpget";
    t.synopsis = "OID [OID]...";
    t.default_port = "161";
    t.min_args = 1;
    wt_parse_args(&t, argc, argv);
    wt_open(&t);
    rc = wt_get_and_print(&t, SNMP_PDU_GET, "");
    wt_close(&t);
    return rc;
}
