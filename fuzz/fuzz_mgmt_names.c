/* fuzz_mgmt_names.c - SnmpMgrStrToOid and SnmpMgrOidToStr (the Management
 * API's name parser and printer, src/mgmtapi/oidstr.c) on arbitrary input.
 * The input is tried as text; what parses must print and parse back to the
 * same OID. The same bytes are also read as sub-identifiers and printed,
 * and that text must parse back to them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mgmtapi.h"

static void round_trip(AsnObjectIdentifier *o)
{
    LPSTR text = NULL;
    AsnObjectIdentifier back = { 0, NULL };
    if (!SnmpMgrOidToStr(o, &text))
        abort();
    if (!SnmpMgrStrToOid(text, &back) || back.idLength != o->idLength ||
        memcmp(back.ids, o->ids, o->idLength * sizeof(UINT)))
        abort();
    free(back.ids);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    AsnObjectIdentifier o = { 0, NULL };
    UINT ids[SNMP_MAX_OID_LEN];
    size_t n = size / 4 < SNMP_MAX_OID_LEN ? size / 4 : SNMP_MAX_OID_LEN;
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    if (SnmpMgrStrToOid(text, &o)) {
        round_trip(&o);
        free(o.ids);
    }
    free(text);
    if (n) {
        memcpy(ids, data, n * 4);
        o.ids = ids;
        o.idLength = (UINT)n;
        round_trip(&o);
    }
    return 0;
}
