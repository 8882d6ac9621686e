/* wsnmpgetnext.c - GETNEXT: the object after each OID, as net-snmp's
 * snmpgetnext prints it.
 *
 *   wsnmpgetnext -v 2c -c public 127.0.0.1:161 1.3.6.1.2.1.1.5.0
 *   .1.3.6.1.2.1.1.6.0 = STRING: "rack 7"
 *
 * The same WinSNMP steps as wsnmpget, with SnmpCreatePdu(SNMP_PDU_GETNEXT):
 * the agent answers with the name and value of the next object it has.
 *
 * SPDX-License-Identifier: MIT
 */
#include "wtool.h"

int main(int argc, char **argv)
{
    struct wtool t = { 0 };
    int rc;

    t.prog = "wsnmpgetnext";
    t.synopsis = "OID [OID]...";
    t.default_port = "161";
    t.min_args = 1;
    wt_parse_args(&t, argc, argv);
    wt_open(&t);
    rc = wt_get_and_print(&t, SNMP_PDU_GETNEXT, ".");
    wt_close(&t);
    return rc;
}
