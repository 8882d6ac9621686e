/* msg_decode.c - BER to ows_msg with exactly one allocation per message.
 *
 * Two passes over the input. The first walks the structure only (bounds,
 * tags of the containers) and counts what the message holds: varbinds,
 * sub-identifiers, string bytes. One arena of exactly that size is then
 * allocated, and the second pass validates every value strictly while it
 * fills the arena. A failure in either pass frees the arena (if any) once,
 * so no failure path can leak and nothing is ever freed piecemeal.
 */
#include <string.h>
#include "core/msg_codec.h"
#include "core/ber_read.h"
#include "core/alloc.h"

/* Bigger inputs are refused before any size arithmetic could overflow. */
#define MAX_MSG_LEN (16u * 1024 * 1024)

struct sizes {
    uint32_t nvb;     /* varbinds */
    size_t nids;      /* sub-identifiers: names, OID values, enterprise */
    size_t nbytes;    /* string values and the community */
};

#define TRY(x) do { int e_ = (x); if (e_) return e_; } while (0)

static int is_string_tag(unsigned t)
{
    return t == 0x04 || t == 0x40 || t == 0x44 || t == 0x45;
}

/* Pass 1: the skeleton. */
static int scan(const uint8_t *buf, size_t len, struct sizes *s)
{
    ows_berr r = { buf, buf + len }, msg, pdu, vbl, part;
    unsigned tag, pdutag;
    size_t n;

    TRY(ows_berr_enter(&r, 0x30, &msg));
    if (r.p != r.end)
        return OWS_E_BER_TRAILING;
    TRY(ows_berr_enter(&msg, 0x02, &part));          /* version */
    TRY(ows_berr_enter(&msg, 0x04, &part));          /* community */
    s->nbytes += (size_t)(part.end - part.p);
    TRY(ows_berr_header(&msg, &tag, &n));
    if (tag < OWS_PDU_GET || tag > OWS_PDU_TRAP)
        return OWS_E_BER_TAG;
    pdutag = tag;
    pdu.p = msg.p;
    pdu.end = msg.p + n;
    msg.p += n;
    if (msg.p != msg.end)
        return OWS_E_BER_TRAILING;
    if (pdutag == OWS_PDU_V1TRAP) {
        TRY(ows_berr_enter(&pdu, 0x06, &part));      /* enterprise */
        s->nids += ows_ber_oid_count(part.p, (size_t)(part.end - part.p));
    }
    for (int i = 0; i < (pdutag == OWS_PDU_V1TRAP ? 4 : 3); i++) {
        TRY(ows_berr_header(&pdu, &tag, &n));
        pdu.p += n;
    }
    TRY(ows_berr_enter(&pdu, 0x30, &vbl));
    if (pdu.p != pdu.end)
        return OWS_E_BER_TRAILING;
    while (vbl.p < vbl.end) {
        ows_berr vb;
        if (++s->nvb > OWS_MSG_MAX_VARBINDS)
            return OWS_E_BER_LIMIT;
        TRY(ows_berr_enter(&vbl, 0x30, &vb));
        TRY(ows_berr_enter(&vb, 0x06, &part));
        s->nids += ows_ber_oid_count(part.p, (size_t)(part.end - part.p));
        TRY(ows_berr_header(&vb, &tag, &n));
        if (tag == 0x06)
            s->nids += ows_ber_oid_count(vb.p, n);
        else if (is_string_tag(tag))
            s->nbytes += n;
        vb.p += n;
        if (vb.p != vb.end)
            return OWS_E_BER_TRAILING;
    }
    return 0;
}

/* Where pass 2 puts things; the limits are pass 1's exact counts. */
struct fill {
    uint32_t *ids, *ids_end;
    uint8_t *bytes;
    int32_t version;
};

static int get_oid(struct fill *f, const ows_berr *c, ows_oid *o)
{
    size_t left = (size_t)(f->ids_end - f->ids);
    uint32_t max = left < OWS_MAX_OID_LEN ? (uint32_t)left : OWS_MAX_OID_LEN;
    uint32_t k;
    TRY(ows_ber_oid(c->p, (size_t)(c->end - c->p), f->ids, max, &k));
    o->ids = f->ids;
    o->len = k;
    f->ids += k;
    return 0;
}

static void get_bytes(struct fill *f, const uint8_t *p, size_t n, ows_octets *s)
{
    s->len = (uint32_t)n;
    s->ptr = NULL;
    if (n) {
        memcpy(f->bytes, p, n);
        s->ptr = f->bytes;
        f->bytes += n;
    }
}

static int get_int(ows_berr *r, unsigned tag, int32_t *v)
{
    ows_berr c;
    TRY(ows_berr_enter(r, tag, &c));
    return ows_ber_int32(c.p, (size_t)(c.end - c.p), v);
}

static int get_value(struct fill *f, ows_berr *vb, ows_value *v)
{
    unsigned tag;
    size_t n;
    const uint8_t *p;

    TRY(ows_berr_header(vb, &tag, &n));
    p = vb->p;
    vb->p += n;
    v->syntax = tag;
    switch (tag) {
    case 0x02:
        return ows_ber_int32(p, n, &v->v.i);
    case 0x40:
        if (n != 4)
            return OWS_E_BER_LENGTH;   /* IpAddress is SIZE (4) */
        /* fall through */
    case 0x04: case 0x44: case 0x45:
        get_bytes(f, p, n, &v->v.str);
        return 0;
    case 0x05:
        return n ? OWS_E_BER_LENGTH : 0;
    case 0x06: {
        ows_berr c = { p, p + n };
        return get_oid(f, &c, &v->v.oid);
    }
    case 0x41: case 0x42: case 0x43:
        return ows_ber_uint32(p, n, &v->v.u);
    case 0x46:
        if (f->version == OWS_SNMPV1)
            return OWS_E_BER_VERSION;
        return ows_ber_uint(p, n, 8, &v->v.u64);
    case 0x80: case 0x81: case 0x82:
        if (f->version == OWS_SNMPV1)
            return OWS_E_BER_VERSION;
        return n ? OWS_E_BER_LENGTH : 0;
    default:
        return OWS_E_BER_TAG;
    }
}

/* Pass 2: strict validation while filling the arena. */
static int fill(const uint8_t *buf, size_t len, ows_msg *m, struct fill *f,
                ows_varbind *items, uint32_t nvb)
{
    ows_berr r = { buf, buf + len }, msg, pdu, vbl, part;
    ows_pdu *d = &m->pdu;
    unsigned tag;
    size_t n;
    uint32_t k = 0;

    TRY(ows_berr_enter(&r, 0x30, &msg));
    TRY(get_int(&msg, 0x02, &m->version));
    if (m->version != OWS_SNMPV1 && m->version != OWS_SNMPV2C)
        return OWS_E_BER_VERSION;
    f->version = m->version;
    TRY(ows_berr_enter(&msg, 0x04, &part));
    get_bytes(f, part.p, (size_t)(part.end - part.p), &m->community);

    TRY(ows_berr_header(&msg, &tag, &n));
    pdu.p = msg.p;
    pdu.end = msg.p + n;
    d->type = (int32_t)tag;
    if (m->version == OWS_SNMPV1 ? tag > OWS_PDU_V1TRAP
                                 : tag == OWS_PDU_V1TRAP)
        return OWS_E_BER_VERSION;   /* a PDU type the version lacks */
    if (tag == OWS_PDU_V1TRAP) {
        TRY(ows_berr_enter(&pdu, 0x06, &part));
        TRY(get_oid(f, &part, &d->enterprise));
        TRY(ows_berr_enter(&pdu, 0x40, &part));
        if (part.end - part.p != 4)
            return OWS_E_BER_LENGTH;
        memcpy(d->agent_addr, part.p, 4);
        TRY(get_int(&pdu, 0x02, &d->generic_trap));
        TRY(get_int(&pdu, 0x02, &d->specific_trap));
        TRY(ows_berr_enter(&pdu, 0x43, &part));
        TRY(ows_ber_uint32(part.p, (size_t)(part.end - part.p), &d->time_stamp));
    } else {
        TRY(get_int(&pdu, 0x02, &d->request_id));
        TRY(get_int(&pdu, 0x02, &d->error_status));
        TRY(get_int(&pdu, 0x02, &d->error_index));
    }
    TRY(ows_berr_enter(&pdu, 0x30, &vbl));
    while (vbl.p < vbl.end) {
        ows_berr vb;
        ows_varbind *it;
        if (k >= nvb)
            return OWS_E_BER_LIMIT;     /* cannot happen after pass 1 */
        it = &items[k++];
        TRY(ows_berr_enter(&vbl, 0x30, &vb));
        TRY(ows_berr_enter(&vb, 0x06, &part));
        TRY(get_oid(f, &part, &it->name));
        TRY(get_value(f, &vb, &it->value));
        it->own = NULL;
    }
    d->vbl.items = k ? items : NULL;
    d->vbl.count = k;
    d->vbl.cap = 0;
    return 0;
}

int ows_msg_decode(const uint8_t *buf, size_t len, ows_msg *m)
{
    struct sizes s = { 0, 0, 0 };
    struct fill f;
    size_t items_size, total;
    uint8_t *arena = NULL;
    int err;

    memset(m, 0, sizeof *m);
    if (!buf && len)
        return OWS_E_BER_TRUNCATED;
    if (len > MAX_MSG_LEN)
        return OWS_E_BER_LIMIT;
    err = scan(buf, len, &s);
    if (err)
        return err;
    items_size = (size_t)s.nvb * sizeof(ows_varbind);
    total = items_size + s.nids * sizeof(uint32_t) + s.nbytes;
    if (total) {
        arena = ows_malloc(total);
        if (!arena)
            return OWS_E_ALLOC;
    }
    f.ids = f.ids_end = NULL;
    f.bytes = NULL;
    if (arena) {
        f.ids = (uint32_t *)(void *)(arena + items_size);
        f.ids_end = f.ids + s.nids;
        f.bytes = arena + items_size + s.nids * sizeof(uint32_t);
    }
    f.version = 0;
    err = fill(buf, len, m, &f, (ows_varbind *)(void *)arena, s.nvb);
    if (err) {
        ows_free(arena);
        memset(m, 0, sizeof *m);
        return err;
    }
    m->pdu.vbl.arena = arena;
    return 0;
}

void ows_msg_free(ows_msg *m)
{
    ows_free(m->pdu.vbl.arena);
    memset(m, 0, sizeof *m);
}
