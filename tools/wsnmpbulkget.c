/* wsnmpbulkget.c - GETBULK (SNMPv2c): the first N OIDs' next objects once
 * (-Cn N, non-repeaters), then the following objects of the others
 * repeatedly (-Cr N, max-repetitions), as net-snmp's snmpbulkget prints them.
 *
 *   wsnmpbulkget -v 2c -c public -Cn1 -Cr3 127.0.0.1:161 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.2.2.1.2
 *
 * In WinSNMP a GETBULK is SnmpCreatePdu(SNMP_PDU_GETBULK, id, non_repeaters,
 * max_repetitions, vbl): the error-status and error-index arguments carry the
 * two GETBULK fields.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include "wtool.h"

/* -Cn N and -Cr N. */
static int bulk_option(struct wtool *t, char letter, const char *arg)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (*end || end == arg || v < 0 || v > 65535)
        return 0;
    if (letter == 'n')
        t->non_repeaters = (int)v;
    else if (letter == 'r')
        t->max_repetitions = (int)v;
    else
        return 0;
    return 1;
}

int main(int argc, char **argv)
{
    struct wtool t = { 0 };
    HSNMP_VBL vbl;
    HSNMP_PDU response = 0;
    int rc;

    t.prog = "wsnmpbulkget";
    t.synopsis = "OID [OID]...";
    t.app_options = "  -Cn<NUM>\t\tset non-repeaters to <NUM> (default 0)\n"
                    "  -Cr<NUM>\t\tset max-repetitions to <NUM> (default 10)\n";
    t.app_option = bulk_option;
    t.default_port = "161";
    t.min_args = 1;
    t.max_repetitions = 10;
    wt_parse_args(&t, argc, argv);
    if (t.version == 1)   /* GETBULK does not exist in SNMPv1 */
        wt_fail(&t, WT_USAGE, "Cannot send V2 PDU on V1 session");
    wt_open(&t);
    vbl = wt_oid_list(&t, t.args, t.nargs);
    rc = wt_request(&t, SNMP_PDU_GETBULK, vbl, &response, "");
    if (rc == WT_OK)
        rc = wt_print_response(response, ".");
    SnmpFreeVbl(vbl);
    wt_close(&t);
    return rc;
}
