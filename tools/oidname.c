/* oidname.c - OIDs as the tools read them: numeric, or with the MIB-II names
 * mgmtapi knows (src/mgmtapi/mibnames.c, one table for both), in the forms
 * net-snmp's tools accept:
 *   .1.3.6.1.2.1.1.1.0, 1.3.6.1.2.1.1.1.0      numeric, absolute either way
 *   .iso.org.dod.internet.mgmt.mib-2.system.1  a path from the root, each
 *   iso.3.6.1.2.1.system.sysDescr.0            part a name or a number
 *   sysDescr.0, system, ifTable, ifDescr.2     a name anywhere in the table
 *   system.sysDescr.0                          (net-snmp's -IR), then names
 *                                              of its children or numbers
 *   SNMPv2-MIB::sysDescr.0                     the same after a MIB-II
 *                                              module's name
 * Names are case-sensitive, as in net-snmp.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wtool.h"
#include "mgmtapi/mibnames.h"

#define MAX_SUBIDS 128   /* SNMP's limit on an OID's length */

/* The modules whose objects the table holds; "MODULE::" is accepted for
 * these only (which of them defines the name is not checked). */
static const char *const mib2_modules[] = {
    "SNMPv2-SMI", "SNMPv2-MIB", "RFC1213-MIB", "IF-MIB", "IP-MIB", "TCP-MIB", "UDP-MIB",
};

static int known_module(const char *name, size_t len)
{
    size_t i;
    for (i = 0; i < sizeof(mib2_modules) / sizeof(mib2_modules[0]); i++)
        if (strlen(mib2_modules[i]) == len && !memcmp(mib2_modules[i], name, len))
            return 1;
    return 0;
}

/* A sub-identifier written in decimal, within 32 bits. */
static int number(const char *p, size_t n, smiUINT32 *id)
{
    unsigned long long v = 0;
    size_t i;
    if (n == 0 || n > 10)
        return 0;
    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        v = v * 10 + (unsigned)(p[i] - '0');
    }
    *id = (smiUINT32)v;
    return v <= 0xFFFFFFFFull;
}

/* Resolves text into ids; on failure writes net-snmp's message into why. */
static int resolve(const char *text, smiUINT32 *ids, size_t *count, char *why, size_t size)
{
    const char *p = text, *module = strstr(text, "::");
    struct ows_mib_node node = { "", 0 }, child;   /* the root */
    size_t n = 0, len = strcspn(text, ".");
    smiUINT32 id;
    unsigned sub;   /* the table's type; smiUINT32 is a long on Windows */
    if (module) {
        /* net-snmp's words, without its extra lines about unknown modules */
        snprintf(why, size, "%s: Unknown Object Identifier", text);
        if (!known_module(text, (size_t)(module - text)))
            return 0;
        p = module + 2;
        len = strcspn(p, ".");
        if (*p == '.' || number(p, len, &id))
            return 0;   /* a module's name is followed by a name */
    } else {
        snprintf(why, size, "%s: Unknown Object Identifier (Sub-id not found: (top) -> %.*s)",
                 text, (int)(text[0] == '.' ? strcspn(text + 1, ".") : len),
                 text + (text[0] == '.'));
    }
    if (*p == '.') {
        p++;   /* absolute: from the root */
    } else if (!number(p, len, &id)) {
        /* A name: found wherever it is, then what follows is below it. */
        unsigned path[MAX_SUBIDS];
        size_t k, m = ows_mib_path(p, len, path, MAX_SUBIDS);
        if (m == 0)
            return 0;
        for (k = 0; k < m; k++)
            ids[n++] = path[k];
        node.name = p;
        node.len = len;
        p += len;
        if (*p && *++p == 0)
            return 0;   /* a trailing dot */
    }
    while (*p) {
        len = strcspn(p, ".");
        if (n == MAX_SUBIDS)
            return 0;
        if (number(p, len, &id)) {
            if (!node.name || !ows_mib_child_by_id(&node, id, &child))
                child.name = NULL;   /* below here no name is known */
            node = child;
        } else if (!node.name || !ows_mib_child_by_name(&node, p, len, &child, &sub)) {
            if (!module && len && node.name && node.len)
                snprintf(why, size, "%s: Unknown Object Identifier (Sub-id not found: %.*s -> %.*s)",
                         text, (int)node.len, node.name, (int)len, p);
            return 0;
        } else {
            id = sub;
            node = child;
        }
        ids[n++] = id;
        p += len;
        if (*p && *++p == 0)
            return 0;   /* a trailing dot */
    }
    *count = n;
    return n > 0;
}

int wt_parse_oid(const char *text, smiOID *out)
{
    smiUINT32 ids[MAX_SUBIDS];
    char why[16];
    smiOID oid;
    size_t n;
    if (!resolve(text, ids, &n, why, sizeof why))
        return 0;
    oid.len = (smiUINT32)n;
    oid.ptr = ids;
    /* Copied into the library's memory, to be freed like any other OID. */
    return SnmpOidCopy(&oid, out) != SNMPAPI_FAILURE;
}

void wt_unknown_oid(const char *text)
{
    smiUINT32 ids[MAX_SUBIDS];
    char why[512];
    size_t n;
    if (resolve(text, ids, &n, why, sizeof why))
        snprintf(why, sizeof why, "%s: Unknown Object Identifier", text);   /* copy failed */
    fprintf(stderr, "%s\n", why);
    exit(WT_USAGE);
}
