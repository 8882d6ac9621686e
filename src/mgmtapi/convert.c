/* convert.c - between the Management API's snmp.h types and WinSNMP's smi
 * types, and the caller's memory: everything handed out comes from
 * ows_plat_snmp_alloc (snmpapi.dll's SnmpUtilMemAlloc on Windows) and
 * everything taken back is freed with ows_plat_snmp_free, the way
 * SnmpUtilVarBindListFree frees it. */
#include <string.h>
#include "core/smi.h"
#include "mgmtapi/mgmt.h"

uint32_t ows_mgr_any_to_core(const AsnAny *a, struct ows_value *v)
{
    memset(v, 0, sizeof(*v));
    switch (a->asnType) {
    case ASN_INTEGER:
        v->syntax = OWS_SYN_INT;
        v->v.i = a->asnValue.number;
        break;
    case ASN_OCTETSTRING: case ASN_OPAQUE: case ASN_IPADDRESS: case ASN_BITS:
        /* snmp.h's tags are the core's syntax values. */
        v->syntax = a->asnType;
        if (a->asnValue.string.length && !a->asnValue.string.stream)
            return SNMP_MGMTAPI_INVALID_BUFFER;
        v->v.str.len = a->asnValue.string.length;
        v->v.str.ptr = a->asnValue.string.stream;
        break;
    case ASN_NULL:
        v->syntax = OWS_SYN_NULL;
        break;
    case ASN_OBJECTIDENTIFIER:
        if (a->asnValue.object.idLength && !a->asnValue.object.ids)
            return SNMP_MGMTAPI_INVALID_BUFFER;
        v->syntax = OWS_SYN_OID;
        v->v.oid.len = a->asnValue.object.idLength;
        v->v.oid.ids = (uint32_t *)a->asnValue.object.ids;
        break;
    case ASN_COUNTER32: case ASN_GAUGE32: case ASN_TIMETICKS:
        v->syntax = a->asnType;
        v->v.u = a->asnValue.unsigned32;
        break;
    case ASN_UINTEGER32:
        /* On the wire an Unsigned32 is a Gauge32 (RFC 2578). */
        v->syntax = OWS_SYN_GAUGE32;
        v->v.u = a->asnValue.unsigned32;
        break;
    case ASN_COUNTER64:
        v->syntax = OWS_SYN_CNTR64;
        v->v.u64 = ((uint64_t)a->asnValue.counter64.u.HighPart << 32) |
                   a->asnValue.counter64.u.LowPart;
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

uint32_t ows_mgr_core_value_out(const struct ows_value *in, AsnAny *out)
{
    memset(out, 0, sizeof(*out));
    switch (in->syntax) {
    case OWS_SYN_INT:
        out->asnType = ASN_INTEGER;
        out->asnValue.number = in->v.i;
        return 0;
    case OWS_SYN_OCTETS: case OWS_SYN_OPAQUE: case OWS_SYN_IPADDR: case OWS_SYN_BITS:
    case OWS_SYN_NSAPADDR: {
        smiOCTETS o;
        out->asnType = in->syntax == OWS_SYN_NSAPADDR ? ASN_OCTETSTRING : (BYTE)in->syntax;
        o.len = in->v.str.len;
        o.ptr = in->v.str.ptr;
        return ows_mgr_octets_out(&o, &out->asnValue.string);
    }
    case OWS_SYN_OID: {
        smiOID o;
        out->asnType = ASN_OBJECTIDENTIFIER;
        o.len = in->v.oid.len;
        o.ptr = (smiLPUINT32)in->v.oid.ids;
        return ows_mgr_oid_out(&o, &out->asnValue.object);
    }
    case OWS_SYN_CNTR32: case OWS_SYN_GAUGE32: case OWS_SYN_TIMETICKS: case OWS_SYN_UINT32:
        out->asnType = (BYTE)in->syntax;
        out->asnValue.unsigned32 = in->v.u;
        return 0;
    case OWS_SYN_CNTR64:
        out->asnType = ASN_COUNTER64;
        out->asnValue.counter64.u.HighPart = (DWORD)(in->v.u64 >> 32);
        out->asnValue.counter64.u.LowPart = (DWORD)in->v.u64;
        return 0;
    case OWS_SYN_NOSUCHOBJECT: case OWS_SYN_NOSUCHINSTANCE: case OWS_SYN_ENDOFMIBVIEW:
        /* The same tag values as snmp.h's SNMP_EXCEPTION_*. */
        out->asnType = (BYTE)in->syntax;
        return 0;
    default:
        out->asnType = ASN_NULL;
        return 0;
    }
}

/* A WinSNMP value (traps, through the WinSNMP exports) as the core's. */
uint32_t ows_mgr_value_out(const smiVALUE *in, AsnAny *out)
{
    struct ows_value v;
    memset(&v, 0, sizeof(v));
    v.syntax = in->syntax;
    switch (in->syntax) {
    case SNMP_SYNTAX_INT: v.v.i = in->value.sNumber; break;
    case SNMP_SYNTAX_CNTR64:
        v.v.u64 = ((uint64_t)in->value.hNumber.hipart << 32) | in->value.hNumber.lopart;
        break;
    case SNMP_SYNTAX_OID:
        v.v.oid.len = in->value.oid.len;
        v.v.oid.ids = (uint32_t *)in->value.oid.ptr;
        break;
    case SNMP_SYNTAX_OCTETS: case SNMP_SYNTAX_OPAQUE: case SNMP_SYNTAX_IPADDR:
    case SNMP_SYNTAX_BITS: case SNMP_SYNTAX_NSAPADDR:
        v.v.str.len = in->value.string.len;
        v.v.str.ptr = in->value.string.ptr;
        break;
    default:
        v.v.u = in->value.uNumber;
        break;
    }
    return ows_mgr_core_value_out(&v, out);
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

uint32_t ows_mgr_core_vbl_to_list(const struct ows_vbl *in, SnmpVarBindList *out)
{
    SnmpVarBindList l;
    uint32_t i, err = 0;
    out->list = NULL;
    out->len = 0;
    if (!in->count)
        return 0;
    l.list = ows_plat_snmp_alloc((size_t)in->count * sizeof(SnmpVarBind));
    l.len = 0;
    if (!l.list)
        return SNMP_MEM_ALLOC_ERROR;
    for (i = 0; i < in->count && !err; i++) {
        smiOID name;
        name.len = in->items[i].name.len;
        name.ptr = (smiLPUINT32)in->items[i].name.ids;
        l.len++;
        err = ows_mgr_oid_out(&name, &l.list[i].name);
        if (!err)
            err = ows_mgr_core_value_out(&in->items[i].value, &l.list[i].value);
    }
    if (err) {
        ows_mgr_list_free(&l);
        return err;
    }
    *out = l;
    return 0;
}
