/* wsnmpwalk.c - walks a subtree: GETNEXT from the root on (or GETBULK with
 * -Cr N, as net-snmp's snmpbulkwalk), each request continuing from the last
 * name received, until a name leaves the subtree or the agent's view ends.
 * Prints what net-snmp's snmpwalk (snmpbulkwalk) prints.
 *
 *   wsnmpwalk -v 2c -c public 127.0.0.1:161 1.3.6.1.2.1.1
 *   wsnmpwalk -v 2c -c public -Cr10 127.0.0.1:161 1.3.6.1.2.1.1
 *
 * The root defaults to mib-2 (1.3.6.1.2.1). When the walk finds nothing,
 * the root itself is asked for with a GET (-CI: not). -Cc: do not check that
 * the names increase; -Cp: print how many variables were found.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>
#include "wtool.h"

struct walk_options { int check, get_root, print_count; };

static int walk_option(struct wtool *t, char letter, const char *arg)
{
    struct walk_options *w = (struct walk_options *)t->tool;
    char *end;
    switch (letter) {
    case 'r':
        t->max_repetitions = (int)strtol(arg, &end, 10);
        return !*end && end != arg && t->max_repetitions > 0 && t->max_repetitions <= 65535;
    case 'c': w->check = 0; return !*arg;
    case 'I': w->get_root = 0; return !*arg;
    case 'p': w->print_count = 1; return !*arg;
    default:  return 0;
    }
}

/* In the subtree: at least as long as the root and starting with it. */
static int in_subtree(const smiOID *root, const smiOID *name)
{
    smiINT order = 1;
    return name->len >= root->len && SnmpOidCompare(root, name, root->len, &order) &&
           order == 0;
}

static int is_exception(smiUINT32 syntax)
{
    return syntax == SNMP_SYNTAX_ENDOFMIBVIEW || syntax == SNMP_SYNTAX_NOSUCHOBJECT ||
           syntax == SNMP_SYNTAX_NOSUCHINSTANCE;
}

/* One response: prints each variable in the subtree and moves `last` to the
 * name to continue from. Returns 1 while the walk goes on, 0 when it ends, and
 * sets *rc when the names do not increase. */
static int take(HSNMP_VBL vbl, const smiOID *root, smiOID *last, int check, int *count, int *rc)
{
    smiUINT32 i, n = SnmpCountVbl(vbl);
    int running = n > 0;
    for (i = 1; i <= n; i++) {
        smiOID name;
        smiVALUE value;
        smiINT order = 1;
        if (SnmpGetVb(vbl, i, &name, &value) == SNMPAPI_FAILURE)
            break;
        if (!in_subtree(root, &name)) {
            running = 0;   /* net-snmp still looks at the rest of the list */
        } else {
            print_varbind("", &name, &value);
            (*count)++;
            if (is_exception(value.syntax)) {
                running = 0;
            } else {
                SnmpOidCompare(last, &name, 0, &order);
                if (check && order >= 0) {
                    char a[MAXOBJIDSTRSIZE * 2], b[MAXOBJIDSTRSIZE * 2];
                    fflush(stdout);
                    wt_oid_text(last, a, sizeof a);
                    wt_oid_text(&name, b, sizeof b);
                    fprintf(stderr, "Error: OID not increasing: %s\n >= %s\n\n", a, b);
                    running = 0;
                    *rc = WT_AGENT_ERROR;
                }
                SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)last);
                SnmpOidCopy(&name, last);
            }
        }
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
        free_value(&value);
    }
    return running;
}

int main(int argc, char **argv)
{
    struct wtool t = { 0 };
    struct walk_options w = { 1, 1, 0 };
    char *root_text[1] = { "1.3.6.1.2.1" };   /* mib-2 */
    smiOID root, last;
    int rc = WT_OK, count = 0, running = 1;
    smiINT type;

    t.prog = "wsnmpwalk";
    t.synopsis = "[OID]";
    t.app_options = "  -Cr<NUM>\t\twalk with GETBULK, max-repetitions <NUM> (as snmpbulkwalk)\n"
                    "  -Cc\t\t\tdo not check returned OIDs are increasing\n"
                    "  -CI\t\t\tdo not GET the requested OID when the walk finds nothing\n"
                    "  -Cp\t\t\tprint the number of variables found\n";
    t.app_option = walk_option;
    t.tool = &w;
    t.default_port = "161";
    wt_parse_args(&t, argc, argv);
    if (t.nargs > 1)
        wt_fail(&t, WT_USAGE, "only one root OID (see -h)");
    if (t.max_repetitions && t.version == 1)
        wt_fail(&t, WT_USAGE, "Cannot send V2 PDU on V1 session");
    type = t.max_repetitions ? SNMP_PDU_GETBULK : SNMP_PDU_GETNEXT;
    wt_open(&t);
    if (t.nargs == 1)
        root_text[0] = t.args[0];
    {
        HSNMP_VBL probe = wt_oid_list(&t, root_text, 1);   /* checks the text */
        SnmpFreeVbl(probe);
    }
    wt_parse_oid(root_text[0], &root);
    SnmpOidCopy(&root, &last);

    while (running) {
        HSNMP_VBL vbl = SnmpCreateVbl(t.session, &last, NULL), got = 0;
        HSNMP_PDU response = 0;
        smiINT status = 0, index = 0;
        rc = wt_request(&t, type, vbl, &response, "");
        SnmpFreeVbl(vbl);
        if (rc != WT_OK)
            break;
        SnmpGetPduData(response, NULL, NULL, &status, &index, &got);
        if (status == SNMP_ERROR_NOSUCHNAME) {
            printf("End of MIB\n");   /* SNMPv1's end of the MIB: not an error */
            running = 0;
        } else if (status != SNMP_ERROR_NOERROR) {
            wt_check_error(response, ".");
            running = 0;
            rc = WT_AGENT_ERROR;
        } else {
            running = take(got, &root, &last, w.check, &count, &rc);
        }
        SnmpFreeVbl(got);
        SnmpFreePdu(response);
    }
    /* Nothing under the root: perhaps it is an object itself. */
    if (count == 0 && rc == WT_OK && w.get_root) {
        HSNMP_VBL vbl = wt_oid_list(&t, root_text, 1), got = 0;
        HSNMP_PDU response = 0;
        smiINT status = 0;
        if (wt_request(&t, SNMP_PDU_GET, vbl, &response, "") == WT_OK) {
            SnmpGetPduData(response, NULL, NULL, &status, NULL, &got);
            if (status == SNMP_ERROR_NOERROR)
                count = print_vbl("", got);
            SnmpFreeVbl(got);
            SnmpFreePdu(response);
        } else {
            rc = WT_TRANSPORT;
        }
        SnmpFreeVbl(vbl);
    }
    if (w.print_count)
        printf("Variables found: %d\n", count);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&last);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&root);
    wt_close(&t);
    return rc;
}
