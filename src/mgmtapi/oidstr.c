/* oidstr.c - SnmpMgrStrToOid and SnmpMgrOidToStr with the built-in MIB-II
 * names (mibnames.c).
 *
 * As documented, text with a leading dot is absolute (".1.3.6.1.2.1.1" or
 * ".iso.org.dod.internet.mgmt.mib-2.system") and text without one is
 * relative to mib-2 (1.3.6.1.2.1): "system.sysDescr.0", "1.1.0". Names and
 * numbers mix freely; a name must be a child of the node before it.
 * OidToStr writes OIDs under mib-2 relative ("system.sysDescr.0") and all
 * others absolute with a leading dot, naming what the table knows, so the
 * two round-trip.
 *
 * Decisions where the documentation is silent (last error): NULL
 * arguments SNMP_MGMTAPI_INVALID_BUFFER; an unknown name, an empty or
 * malformed component or a number above 2^32-1 SNMP_BERAPI_INVALID_OBJELEM;
 * more than SNMP_MAX_OID_LEN (128) sub-identifiers SNMP_BERAPI_OVERFLOW;
 * SnmpMgrOidToStr of an empty OID INVALID_BUFFER.
 */
#include <string.h>
#include "mgmtapi/mgmt.h"
#include "mgmtapi/mibnames.h"

static const UINT mib2[] = { 1, 3, 6, 1, 2, 1 };
#define MIB2_LEN 6u

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
}

/* The node reached by following ids from the root, as far as the table goes. */
static struct ows_mib_node node_at(const UINT *ids, size_t n)
{
    struct ows_mib_node cur = { "", 0 }, next;
    size_t i;
    for (i = 0; i < n && cur.name; i++) {
        if (ows_mib_child_by_id(&cur, ids[i], &next))
            cur = next;
        else
            cur.name = NULL;
    }
    return cur;
}

/* SnmpMgrStrToOid: converts an object name or dotted number to an OID. */
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrStrToOid(LPSTR string, AsnObjectIdentifier *oid)
{
    UINT ids[SNMP_MAX_OID_LEN];
    size_t n = 0;
    const char *p;
    struct ows_mib_node cur;
    if (!string || !oid)
        return ows_mgr_fail(SNMP_MGMTAPI_INVALID_BUFFER, FALSE);
    p = string;
    if (*p == '.') {
        p++;
        cur.name = "";
        cur.len = 0;
    } else {
        memcpy(ids, mib2, sizeof(mib2));
        n = MIB2_LEN;
        cur = node_at(ids, n);
    }
    if (!*p)
        return ows_mgr_fail(SNMP_BERAPI_INVALID_OBJELEM, FALSE);
    while (*p) {
        size_t len = 0;
        struct ows_mib_node next;
        unsigned id;
        while (p[len] && p[len] != '.')
            len++;
        if (!len)
            return ows_mgr_fail(SNMP_BERAPI_INVALID_OBJELEM, FALSE);
        if (n == SNMP_MAX_OID_LEN)
            return ows_mgr_fail(SNMP_BERAPI_OVERFLOW, FALSE);
        if (p[0] >= '0' && p[0] <= '9') {
            uint64_t v = 0;
            size_t i;
            for (i = 0; i < len; i++) {
                if (p[i] < '0' || p[i] > '9')
                    return ows_mgr_fail(SNMP_BERAPI_INVALID_OBJELEM, FALSE);
                v = v * 10 + (unsigned)(p[i] - '0');
                if (v > 0xFFFFFFFFu)
                    return ows_mgr_fail(SNMP_BERAPI_INVALID_OBJELEM, FALSE);
            }
            ids[n++] = (UINT)v;
            if (!cur.name || !ows_mib_child_by_id(&cur, (unsigned)v, &next))
                next.name = NULL;
            cur = next;
        } else {
            size_t i;
            for (i = 0; i < len; i++)
                if (!is_name_char(p[i]))
                    return ows_mgr_fail(SNMP_BERAPI_INVALID_OBJELEM, FALSE);
            if (!cur.name || !ows_mib_child_by_name(&cur, p, len, &next, &id))
                return ows_mgr_fail(SNMP_BERAPI_INVALID_OBJELEM, FALSE);
            ids[n++] = id;
            cur = next;
        }
        p += len;
        if (*p == '.') {
            p++;
            if (!*p)
                return ows_mgr_fail(SNMP_BERAPI_INVALID_OBJELEM, FALSE);
        }
    }
    oid->ids = ows_plat_snmp_alloc(n * sizeof(UINT));
    if (!oid->ids) {
        oid->idLength = 0;
        return ows_mgr_fail(SNMP_MEM_ALLOC_ERROR, FALSE);
    }
    memcpy(oid->ids, ids, n * sizeof(UINT));
    oid->idLength = (UINT)n;
    return TRUE;
}

/* SnmpMgrOidToStr: converts an OID to text, with names where known. */
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrOidToStr(AsnObjectIdentifier *oid, LPSTR *string)
{
    size_t i, start = 0, cap, pos = 0;
    struct ows_mib_node cur = { "", 0 }, next;
    char *out;
    if (!oid || !string || !oid->idLength || !oid->ids)
        return ows_mgr_fail(SNMP_MGMTAPI_INVALID_BUFFER, FALSE);
    if (oid->idLength > MIB2_LEN && !memcmp(oid->ids, mib2, sizeof(mib2))) {
        start = MIB2_LEN;
        cur = node_at(mib2, MIB2_LEN);
    }
    /* Every component fits in 32 characters (names) or 10 digits, plus a dot. */
    cap = (size_t)oid->idLength * 34 + 2;
    out = ows_plat_snmp_alloc(cap);
    if (!out)
        return ows_mgr_fail(SNMP_MEM_ALLOC_ERROR, FALSE);
    for (i = start; i < oid->idLength; i++) {
        if (i > start || !start)
            out[pos++] = '.';
        if (cur.name && ows_mib_child_by_id(&cur, oid->ids[i], &next)) {
            memcpy(out + pos, next.name, next.len);
            pos += next.len;
            cur = next;
        } else {
            char d[12];
            size_t k = 0;
            UINT v = oid->ids[i];
            do { d[k++] = (char)('0' + v % 10); v /= 10; } while (v);
            while (k)
                out[pos++] = d[--k];
            cur.name = NULL;
        }
    }
    out[pos] = 0;
    *string = out;
    return TRUE;
}
