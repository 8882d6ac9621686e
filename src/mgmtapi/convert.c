/* convert.c - between the Management API's snmp.h types and WinSNMP's smi
 * types, and the caller's memory: everything handed out comes from
 * ows_plat_snmp_alloc (snmpapi.dll's SnmpUtilMemAlloc on Windows) and
 * everything taken back is freed with ows_plat_snmp_free, the way
 * SnmpUtilVarBindListFree frees it. */
#include <string.h>
#include "mgmtapi/mgmt.h"

uint32_t ows_mgr_any_to_smi(const AsnAny *a, smiVALUE *v)
{
    memset(v, 0, sizeof(*v));
    switch (a->asnType) {
    case ASN_INTEGER:
        v->syntax = SNMP_SYNTAX_INT;
        v->value.sNumber = a->asnValue.number;
        break;
    case ASN_OCTETSTRING: case ASN_OPAQUE: case ASN_IPADDRESS: case ASN_BITS:
        v->syntax = a->asnType == ASN_OCTETSTRING ? SNMP_SYNTAX_OCTETS
                  : a->asnType == ASN_OPAQUE      ? SNMP_SYNTAX_OPAQUE
                  : a->asnType == ASN_IPADDRESS   ? SNMP_SYNTAX_IPADDR
                                                  : SNMP_SYNTAX_BITS;
        if (a->asnValue.string.length && !a->asnValue.string.stream)
            return SNMP_MGMTAPI_INVALID_BUFFER;
        v->value.string.len = a->asnValue.string.length;
        v->value.string.ptr = a->asnValue.string.stream;
        break;
    case ASN_NULL:
        v->syntax = SNMP_SYNTAX_NULL;
        break;
    case ASN_OBJECTIDENTIFIER:
        if (a->asnValue.object.idLength && !a->asnValue.object.ids)
            return SNMP_MGMTAPI_INVALID_BUFFER;
        v->syntax = SNMP_SYNTAX_OID;
        v->value.oid = ows_mgr_oid_view(&a->asnValue.object);
        break;
    case ASN_COUNTER32: case ASN_GAUGE32: case ASN_TIMETICKS: case ASN_UINTEGER32:
        v->syntax = a->asnType == ASN_COUNTER32   ? SNMP_SYNTAX_CNTR32
                  : a->asnType == ASN_GAUGE32     ? SNMP_SYNTAX_GAUGE32
                  : a->asnType == ASN_TIMETICKS   ? SNMP_SYNTAX_TIMETICKS
                                                  : SNMP_SYNTAX_UINT32;
        v->value.uNumber = a->asnValue.unsigned32;
        break;
    case ASN_COUNTER64:
        v->syntax = SNMP_SYNTAX_CNTR64;
        v->value.hNumber.hipart = a->asnValue.counter64.u.HighPart;
        v->value.hNumber.lopart = a->asnValue.counter64.u.LowPart;
        break;
    default:
        return SNMP_MGMTAPI_INVALID_BUFFER;
    }
    return 0;
}

uint32_t ows_mgr_oid_out(const smiOID *in, AsnObjectIdentifier *out)
{
    out->idLength = 0;
    out->ids = NULL;
    if (!in->len)
        return 0;
    out->ids = ows_plat_snmp_alloc(in->len * sizeof(UINT));
    if (!out->ids)
        return SNMP_MEM_ALLOC_ERROR;
    memcpy(out->ids, in->ptr, in->len * sizeof(UINT));
    out->idLength = in->len;
    return 0;
}

uint32_t ows_mgr_octets_out(const smiOCTETS *in, AsnOctetString *out)
{
    out->stream = NULL;
    out->length = 0;
    out->dynamic = FALSE;
    if (!in->len)
        return 0;
    out->stream = ows_plat_snmp_alloc(in->len);
    if (!out->stream)
        return SNMP_MEM_ALLOC_ERROR;
    memcpy(out->stream, in->ptr, in->len);
    out->length = in->len;
    out->dynamic = TRUE;
    return 0;
}

uint32_t ows_mgr_value_out(const smiVALUE *in, AsnAny *out)
{
    memset(out, 0, sizeof(*out));
    switch (in->syntax) {
    case SNMP_SYNTAX_INT:
        out->asnType = ASN_INTEGER;
        out->asnValue.number = in->value.sNumber;
        return 0;
    case SNMP_SYNTAX_OCTETS: case SNMP_SYNTAX_OPAQUE: case SNMP_SYNTAX_IPADDR:
    case SNMP_SYNTAX_BITS: case SNMP_SYNTAX_NSAPADDR:
        out->asnType = in->syntax == SNMP_SYNTAX_OCTETS ? ASN_OCTETSTRING
                     : in->syntax == SNMP_SYNTAX_OPAQUE ? ASN_OPAQUE
                     : in->syntax == SNMP_SYNTAX_IPADDR ? ASN_IPADDRESS
                     : in->syntax == SNMP_SYNTAX_BITS   ? ASN_BITS
                                                        : ASN_OCTETSTRING;
        return ows_mgr_octets_out(&in->value.string, &out->asnValue.string);
    case SNMP_SYNTAX_OID:
        out->asnType = ASN_OBJECTIDENTIFIER;
        return ows_mgr_oid_out(&in->value.oid, &out->asnValue.object);
    case SNMP_SYNTAX_CNTR32: case SNMP_SYNTAX_GAUGE32: case SNMP_SYNTAX_TIMETICKS:
    case SNMP_SYNTAX_UINT32:
        out->asnType = in->syntax == SNMP_SYNTAX_CNTR32  ? ASN_COUNTER32
                     : in->syntax == SNMP_SYNTAX_GAUGE32 ? ASN_GAUGE32
                     : in->syntax == SNMP_SYNTAX_TIMETICKS ? ASN_TIMETICKS
                                                         : ASN_UINTEGER32;
        out->asnValue.unsigned32 = in->value.uNumber;
        return 0;
    case SNMP_SYNTAX_CNTR64:
        out->asnType = ASN_COUNTER64;
        out->asnValue.counter64.u.HighPart = in->value.hNumber.hipart;
        out->asnValue.counter64.u.LowPart = in->value.hNumber.lopart;
        return 0;
    case SNMP_SYNTAX_NOSUCHOBJECT: case SNMP_SYNTAX_NOSUCHINSTANCE:
    case SNMP_SYNTAX_ENDOFMIBVIEW:
        /* The same tag values as snmp.h's SNMP_EXCEPTION_*. */
        out->asnType = (BYTE)in->syntax;
        return 0;
    default:
        out->asnType = ASN_NULL;
        return 0;
    }
}

void ows_mgr_oid_free(AsnObjectIdentifier *o)
{
    ows_plat_snmp_free(o->ids);
    o->ids = NULL;
    o->idLength = 0;
}

void ows_mgr_any_free(AsnAny *a)
{
    switch (a->asnType) {
    case ASN_OBJECTIDENTIFIER:
        ows_mgr_oid_free(&a->asnValue.object);
        break;
    case ASN_OCTETSTRING: case ASN_OPAQUE: case ASN_IPADDRESS: case ASN_BITS:
    case ASN_SEQUENCE:
        if (a->asnValue.string.dynamic)
            ows_plat_snmp_free(a->asnValue.string.stream);
        a->asnValue.string.stream = NULL;
        a->asnValue.string.length = 0;
        break;
    default:
        break;
    }
    a->asnType = ASN_NULL;
}

void ows_mgr_list_free(SnmpVarBindList *l)
{
    UINT i;
    for (i = 0; l->list && i < l->len; i++) {
        ows_mgr_oid_free(&l->list[i].name);
        ows_mgr_any_free(&l->list[i].value);
    }
    ows_plat_snmp_free(l->list);
    l->list = NULL;
    l->len = 0;
}

uint32_t ows_mgr_vbl_to_list(HSNMP_VBL vbl, SnmpVarBindList *out)
{
    SNMPAPI_STATUS n = SnmpCountVbl(vbl);
    SnmpVarBindList l;
    uint32_t err = 0;
    smiUINT32 i;
    out->list = NULL;
    out->len = 0;
    if (n == SNMPAPI_FAILURE)
        return 0;            /* an empty list */
    l.list = ows_plat_snmp_alloc((size_t)n * sizeof(SnmpVarBind));
    l.len = 0;
    if (!l.list)
        return SNMP_MEM_ALLOC_ERROR;
    for (i = 1; i <= (smiUINT32)n && !err; i++) {
        smiOID name;
        smiVALUE val;
        if (!SnmpGetVb(vbl, i, &name, &val)) {
            err = SNMP_MEM_ALLOC_ERROR;
            break;
        }
        l.len++;
        err = ows_mgr_oid_out(&name, &l.list[i - 1].name);
        if (!err)
            err = ows_mgr_value_out(&val, &l.list[i - 1].value);
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
        if (val.syntax == SNMP_SYNTAX_OID || val.syntax == SNMP_SYNTAX_OCTETS ||
            val.syntax == SNMP_SYNTAX_OPAQUE || val.syntax == SNMP_SYNTAX_IPADDR ||
            val.syntax == SNMP_SYNTAX_BITS || val.syntax == SNMP_SYNTAX_NSAPADDR)
            SnmpFreeDescriptor(val.syntax, (smiLPOPAQUE)&val.value.string);
    }
    if (err) {
        ows_mgr_list_free(&l);
        return err;
    }
    *out = l;
    return 0;
}
