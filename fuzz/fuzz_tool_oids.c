/* fuzz_tool_oids.c - the tools' OID reader (tools/oidname.c: numbers and
 * MIB-II names in net-snmp's forms) on arbitrary input. What it accepts
 * must be a valid OID (1..128 sub-identifiers); digits and dots alone must
 * give those numbers; and the names SnmpMgrOidToStr prints for an OID (the
 * same table, mgmtapi's rules) must read back to that OID unless that text
 * starts with a number (mgmtapi reads "2.1" below mib-2, net-snmp from the
 * root); with a name or a leading dot both rules agree. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mgmtapi.h"
#include "winsnmp.h"

int wt_parse_oid(const char *text, smiOID *out);

/* The one WinSNMP call oidname.c makes, here on malloc: the harness fuzzes
 * the reader, not the library. */
SNMPAPI_STATUS WINAPI SnmpOidCopy(smiLPCOID src, smiLPOID dst)
{
    dst->ptr = malloc((src->len ? src->len : 1) * sizeof(smiUINT32));
    if (!dst->ptr)
        return SNMPAPI_FAILURE;
    memcpy(dst->ptr, src->ptr, src->len * sizeof(smiUINT32));
    dst->len = src->len;
    return SNMPAPI_SUCCESS;
}

static void numeric_oracle(const char *text, const smiOID *o)
{
    const char *p = text[0] == '.' ? text + 1 : text;
    smiUINT32 i;
    for (i = 0; i < o->len; i++) {
        char *end;
        if (strtoul(p, &end, 10) != o->ptr[i])
            abort();
        p = *end ? end + 1 : end;
    }
    if (*p)
        abort();
}

static void mgmt_oracle(const UINT *ids, size_t n)
{
    AsnObjectIdentifier o = { (UINT)n, (UINT *)ids };
    LPSTR text = NULL;
    smiOID back = { 0, NULL };
    size_t i;
    if (!SnmpMgrOidToStr(&o, &text))
        return;
    if (!(text[0] >= '0' && text[0] <= '9')) {   /* mib-2-relative numbers differ */
        if (!wt_parse_oid(text, &back) || back.len != n)
            abort();
        for (i = 0; i < n; i++)
            if (back.ptr[i] != ids[i])
                abort();
        free(back.ptr);
    }
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    smiOID o = { 0, NULL };
    UINT ids[SNMP_MAX_OID_LEN];
    size_t n = size < SNMP_MAX_OID_LEN ? size : SNMP_MAX_OID_LEN, i;
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    if (wt_parse_oid(text, &o)) {
        if (o.len < 1 || o.len > 128)
            abort();
        if (strspn(text, "0123456789.") == size)
            numeric_oracle(text, &o);
        free(o.ptr);
    }
    free(text);
    /* The bytes as small sub-identifiers, so that they land in the table. */
    for (i = 0; i < n; i++)
        ids[i] = data[i] % 32;
    if (n)
        mgmt_oracle(ids, n);
    return 0;
}
