/* msg_encode.c - ows_msg to BER, backwards into one bounded buffer. */
#include <string.h>
#include "core/msg_codec.h"
#include "core/ber_write.h"
#include "core/copy_short.h"

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

/* ---- the quick pass: a plain community message, straight through ----
 *
 * The writer above keeps its position in memory (every helper takes the
 * ows_berw), which costs a load and a store per field. This pass writes the
 * usual message (lengths below 256, the common value syntaxes, every PDU type
 * but the v1 Trap-PDU) with the position in a register and the same bytes
 * as the general pass, which gets everything else, every error included:
 * NOT_QUICK, and ows_msg_encode starts over. tests/unit/test_msg.c compares
 * the two passes. */

#define NOT_QUICK 1

int ows_msg_encode_general_only;

/* Each q_* helper writes backwards before p; its caller made sure of the
 * room (QROOM). */
#define QROOM(k) do { if ((size_t)(p - start) < (size_t)(k)) return NOT_QUICK; } while (0)

/* A header for len < 256 content octets (3 octets of room). */
static inline uint8_t *q_header(uint8_t *p, unsigned tag, size_t len)
{
    p[-1] = (uint8_t)len;
    if (len < 0x80) {
        p[-2] = (uint8_t)tag;
        return p - 2;
    }
    p[-2] = 0x81;
    p[-3] = (uint8_t)tag;
    return p - 3;
}

/* n content octets of u, most significant first, then length and tag
 * (n + 2 octets of room). */
static inline uint8_t *q_number(uint8_t *p, unsigned tag, uint64_t u, unsigned n)
{
    p[-1] = (uint8_t)u;
    for (unsigned i = 2; i <= n; i++) {
        u >>= 8;
        p[-(int)i] = (uint8_t)u;
    }
    p -= n;
    p[-1] = (uint8_t)n;
    p[-2] = (uint8_t)tag;
    return p - 2;
}

/* A signed INTEGER in minimal two's complement (6 octets of room). */
static inline uint8_t *q_int(uint8_t *p, unsigned tag, int32_t v)
{
    unsigned n = (v >= -0x80 && v < 0x80) ? 1 : (v >= -0x8000 && v < 0x8000) ? 2
               : (v >= -0x800000 && v < 0x800000) ? 3 : 4;
    return q_number(p, tag, (uint32_t)v, n);
}

/* An unsigned 32-bit value, with a leading zero octet when its top bit is
 * set (7 octets of room). */
static inline uint8_t *q_uint(uint8_t *p, unsigned tag, uint32_t v)
{
    unsigned n = v < 0x80 ? 1 : v < 0x8000 ? 2 : v < 0x800000 ? 3 : v < 0x80000000u ? 4 : 5;
    return q_number(p, tag, v, n);
}

/* An OID of 2..128 sub-ids that BER can carry, with its header; NULL for
 * anything else (the general pass pads short OIDs and reports errors). */
static inline uint8_t *q_oid(uint8_t *p, const uint8_t *start, const ows_oid *o)
{
    const uint32_t *ids = o->ids, *s;
    uint8_t *end = p;
    uint32_t n = o->len;
    if (n < 2 || n > OWS_MAX_OID_LEN || !ids || ids[0] > 2 ||
        (ids[0] < 2 ? ids[1] >= 40 : ids[1] > 0xFFFFFFFFu - 80) ||
        (size_t)(p - start) < 5u * n + 3)
        return NULL;
    for (s = ids + n; s > ids + 2;) {
        uint32_t v = *--s;
        if (v < 0x80)
            *--p = (uint8_t)v;
        else
            p = ows_berw_put_subid_(p, v);
    }
    p = ows_berw_put_subid_(p, ids[0] * 40 + ids[1]);
    if (end - p > 0xFF)
        return NULL;
    return q_header(p, 0x06, (size_t)(end - p));
}

static int encode_quick(const ows_msg *m, uint8_t *buf, size_t cap, size_t *off, size_t *len)
{
    const ows_pdu *pdu = &m->pdu;
    const uint8_t *start = buf;
    uint8_t *end = buf + cap, *p = end, *vbl_end;
    uint32_t i;

    if (cap > INT32_MAX || (m->version != OWS_SNMPV1 && m->version != OWS_SNMPV2C))
        return NOT_QUICK;
    /* What both versions carry, and SNMPv2c's own types. */
    if (!(pdu->type >= OWS_PDU_GET && pdu->type <= OWS_PDU_SET) &&
        !(m->version == OWS_SNMPV2C && pdu->type >= OWS_PDU_GETBULK && pdu->type <= OWS_PDU_TRAP))
        return NOT_QUICK;
    if (pdu->vbl.count && !pdu->vbl.items)
        return NOT_QUICK;
    for (i = pdu->vbl.count; i-- > 0;) {
        const ows_varbind *vb = &pdu->vbl.items[i];
        const ows_value *v = &vb->value;
        uint8_t *vb_end = p;
        QROOM(7);
        switch (v->syntax) {
        case OWS_SYN_NULL:
            p[-1] = 0;
            p[-2] = 0x05;
            p -= 2;
            break;
        case OWS_SYN_INT:
            p = q_int(p, 0x02, v->v.i);
            break;
        case OWS_SYN_CNTR32: case OWS_SYN_GAUGE32: case OWS_SYN_TIMETICKS:
            p = q_uint(p, v->syntax, v->v.u);
            break;
        case OWS_SYN_UINT32:
            p = q_uint(p, 0x42, v->v.u);
            break;
        case OWS_SYN_OCTETS: case OWS_SYN_BITS: case OWS_SYN_IPADDR: case OWS_SYN_OPAQUE:
        case OWS_SYN_NSAPADDR:
            if (v->v.str.len > 0xFF || (v->v.str.len && !v->v.str.ptr))
                return NOT_QUICK;
            QROOM(v->v.str.len + 3);
            p -= v->v.str.len;
            ows_copy_short(p, v->v.str.ptr, v->v.str.len);
            p = q_header(p, v->syntax == OWS_SYN_BITS ? 0x04 : v->syntax, v->v.str.len);
            break;
        case OWS_SYN_OID:
            if (!(p = q_oid(p, start, &v->v.oid)))
                return NOT_QUICK;
            break;
        case OWS_SYN_NOSUCHOBJECT: case OWS_SYN_NOSUCHINSTANCE: case OWS_SYN_ENDOFMIBVIEW:
            if (m->version == OWS_SNMPV1)
                return NOT_QUICK;
            p[-1] = 0;
            p[-2] = (uint8_t)v->syntax;
            p -= 2;
            break;
        default:
            return NOT_QUICK;   /* Counter64 and every error */
        }
        if (!(p = q_oid(p, start, &vb->name)))
            return NOT_QUICK;
        QROOM(3);
        if (vb_end - p > 0xFF)
            return NOT_QUICK;
        p = q_header(p, 0x30, (size_t)(vb_end - p));
    }
    vbl_end = p;
    QROOM(3 + 3 * 6 + 3);
    if (end - vbl_end > 0xFF)
        return NOT_QUICK;
    p = q_header(p, 0x30, (size_t)(end - vbl_end));
    p = q_int(p, 0x02, pdu->error_index);
    p = q_int(p, 0x02, pdu->error_status);
    p = q_int(p, 0x02, pdu->request_id);
    if (end - p > 0xFF)
        return NOT_QUICK;
    p = q_header(p, (unsigned)pdu->type, (size_t)(end - p));
    if (m->community.len > 0xFF || (m->community.len && !m->community.ptr))
        return NOT_QUICK;
    QROOM(m->community.len + 3 + 3 + 3);
    p -= m->community.len;
    ows_copy_short(p, m->community.ptr, m->community.len);
    p = q_header(p, 0x04, m->community.len);
    p[-1] = (uint8_t)m->version;
    p[-2] = 1;
    p[-3] = 0x02;
    p -= 3;
    if (end - p > 0xFF)
        return NOT_QUICK;
    p = q_header(p, 0x30, (size_t)(end - p));
    *off = (size_t)(p - buf);
    *len = (size_t)(end - p);
    return 0;
}

static int encode_general(const ows_msg *m, uint8_t *buf, size_t cap, size_t *off,
                          size_t *len);

int ows_msg_encode(const ows_msg *m, uint8_t *buf, size_t cap, size_t *off, size_t *len)
{
    if (!ows_msg_encode_general_only) {
        int err = encode_quick(m, buf, cap, off, len);
        if (err != NOT_QUICK)
            return err;
    }
    return encode_general(m, buf, cap, off, len);
}

/* ---- the general pass ---- */

static int encode_general(const ows_msg *m, uint8_t *buf, size_t cap, size_t *off, size_t *len)
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
