/* msg_encode.c - ows_msg to BER, backwards into one bounded buffer. */
#include <string.h>
#include "core/msg_codec.h"
#include "core/ber_write.h"

/* An OID as BER can carry it. Zero or one sub-ids are padded with zeros
 * (0.0, X.0), as other SNMP encoders do, so that an application's empty OID
 * value still goes out as a well-formed OBJECT IDENTIFIER. */
static int put_oid(ows_berw *w, const ows_oid *o)
{
    uint32_t pad[2] = { 0, 0 };
    if (o->len && !o->ids)
        return OWS_E_SYNTAX_INVALID;
    if (o->len >= 2)
        return ows_berw_oid(w, 0x06, o->ids, o->len);
    if (o->len == 1)
        pad[0] = o->ids[0];
    return ows_berw_oid(w, 0x06, pad, 2);
}

static int put_octets(ows_berw *w, uint8_t tag, const ows_octets *s)
{
    if (s->len && !s->ptr)
        return OWS_E_SYNTAX_INVALID;
    return ows_berw_octets(w, tag, s->ptr, s->len);
}

static int put_value(ows_berw *w, const ows_value *v, int32_t version)
{
    switch (v->syntax) {
    case OWS_SYN_INT:
        return ows_berw_int(w, 0x02, v->v.i);
    case OWS_SYN_OCTETS:
    case OWS_SYN_BITS:           /* BITS travels as an OCTET STRING */
        return put_octets(w, 0x04, &v->v.str);
    case OWS_SYN_IPADDR:
    case OWS_SYN_OPAQUE:
    case OWS_SYN_NSAPADDR:
        return put_octets(w, (uint8_t)v->syntax, &v->v.str);
    case OWS_SYN_NULL:
        return ows_berw_header(w, 0x05, 0);
    case OWS_SYN_OID:
        return put_oid(w, &v->v.oid);
    case OWS_SYN_CNTR32:
    case OWS_SYN_GAUGE32:
    case OWS_SYN_TIMETICKS:
        return ows_berw_uint(w, (uint8_t)v->syntax, v->v.u);
    case OWS_SYN_UINT32:         /* Unsigned32 is Gauge32's tag */
        return ows_berw_uint(w, 0x42, v->v.u);
    case OWS_SYN_CNTR64:
        if (version == OWS_SNMPV1)
            return OWS_E_SYNTAX_INVALID;
        return ows_berw_uint(w, 0x46, v->v.u64);
    case OWS_SYN_NOSUCHOBJECT:
    case OWS_SYN_NOSUCHINSTANCE:
    case OWS_SYN_ENDOFMIBVIEW:
        if (version == OWS_SNMPV1)
            return OWS_E_SYNTAX_INVALID;
        return ows_berw_header(w, (uint8_t)v->syntax, 0);
    default:
        return OWS_E_SYNTAX_INVALID;
    }
}

/* Which PDU types a version carries (RFC 1157, RFC 3416). */
static int type_ok(int32_t type, int32_t version)
{
    switch (type) {
    case OWS_PDU_GET: case OWS_PDU_GETNEXT: case OWS_PDU_RESPONSE: case OWS_PDU_SET:
        return 1;
    case OWS_PDU_V1TRAP:
        return version == OWS_SNMPV1;
    case OWS_PDU_GETBULK: case OWS_PDU_INFORM: case OWS_PDU_TRAP:
        return version == OWS_SNMPV2C || version == OWS_SNMPV3;
    case OWS_PDU_REPORT:
        return version == OWS_SNMPV3;
    default:
        return 0;
    }
}

#define TRY(x) do { int e_ = (x); if (e_ < 0) return e_; } while (0)

int ows_pdu_encode(ows_berw *w, const ows_pdu *pdu, int32_t version)
{
    uint8_t *pdu_end, *vbl_end;

    if (!type_ok(pdu->type, version))
        return OWS_E_PDU_INVALID;
    if (pdu->vbl.count && !pdu->vbl.items)
        return OWS_E_PDU_INVALID;

    /* The varbind list, last varbind first. */
    vbl_end = w->p;
    for (uint32_t i = pdu->vbl.count; i-- > 0;) {
        const ows_varbind *vb = &pdu->vbl.items[i];
        uint8_t *vb_end = w->p;
        TRY(put_value(w, &vb->value, version));
        TRY(put_oid(w, &vb->name));
        TRY(ows_berw_header(w, 0x30, (size_t)(vb_end - w->p)));
    }
    TRY(ows_berw_header(w, 0x30, (size_t)(vbl_end - w->p)));

    pdu_end = vbl_end;
    if (pdu->type == OWS_PDU_V1TRAP) {
        TRY(ows_berw_uint(w, 0x43, pdu->time_stamp));
        TRY(ows_berw_int(w, 0x02, pdu->specific_trap));
        TRY(ows_berw_int(w, 0x02, pdu->generic_trap));
        TRY(ows_berw_octets(w, 0x40, pdu->agent_addr, 4));
        TRY(put_oid(w, &pdu->enterprise));
    } else {
        TRY(ows_berw_int(w, 0x02, pdu->error_index));
        TRY(ows_berw_int(w, 0x02, pdu->error_status));
        TRY(ows_berw_int(w, 0x02, pdu->request_id));
    }
    TRY(ows_berw_header(w, (uint8_t)pdu->type, (size_t)(pdu_end - w->p)));
    return 0;
}

int ows_msg_encode(const ows_msg *m, uint8_t *buf, size_t cap, size_t *off, size_t *len)
{
    uint8_t *base = buf;
    ows_berw w;
    uint8_t *end;

    if (m->version != OWS_SNMPV1 && m->version != OWS_SNMPV2C)
        return OWS_E_PDU_INVALID;
    if (cap > INT32_MAX) {
        /* Lengths are bounded by INT32_MAX: use only the tail. */
        buf += cap - INT32_MAX;
        cap = INT32_MAX;
    }
    ows_berw_init(&w, buf, cap);
    end = w.p;
    TRY(ows_pdu_encode(&w, &m->pdu, m->version));

    if (m->community.len && !m->community.ptr)
        return OWS_E_PDU_INVALID;
    TRY(ows_berw_octets(&w, 0x04, m->community.ptr, m->community.len));
    TRY(ows_berw_int(&w, 0x02, m->version));
    TRY(ows_berw_header(&w, 0x30, (size_t)(end - w.p)));

    *off = (size_t)(w.p - base);
    *len = (size_t)(end - w.p);
    return 0;
}
