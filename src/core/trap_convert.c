/* trap_convert.c - SNMPv1 Trap-PDU <-> SNMPv2 TRAP form (see trap_convert.h). */
#include <string.h>
#include "core/trap_convert.h"
#include "core/alloc.h"

static const uint32_t sysUpTime0[] = { 1, 3, 6, 1, 2, 1, 1, 3, 0 };
static const uint32_t snmpTrapOID0[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };
static const uint32_t snmpTrapEnterprise0[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 3, 0 };
static const uint32_t snmpTraps[] = { 1, 3, 6, 1, 6, 3, 1, 1, 5 };
#define LEN(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

static int oid_is(const ows_oid *o, const uint32_t *ids, uint32_t n)
{
    return o->len == n && (!n || !memcmp(o->ids, ids, n * sizeof(uint32_t)));
}

static int has_data(const ows_value *v, size_t *bytes, size_t *ids)
{
    switch (v->syntax) {
    case OWS_SYN_OCTETS: case OWS_SYN_BITS: case OWS_SYN_IPADDR:
    case OWS_SYN_OPAQUE: case OWS_SYN_NSAPADDR:
        *bytes += v->v.str.len;
        return 1;
    case OWS_SYN_OID:
        *ids += v->v.oid.len;
        return 1;
    default:
        return 0;
    }
}

/* A list of varbinds to pack: `n` of them, taken from a caller callback. */
struct src {
    /* Called with i = 0, 1, ... n-1 in order (twice over). */
    const ows_varbind *(*get)(struct src *s, uint32_t i);
    uint32_t n;
    const ows_pdu *in;
    ows_varbind extra[3];   /* synthesized varbinds */
    uint32_t cursor;        /* v2->v1: next TRAP varbind to look at */
    uint32_t skip_last_ent; /* v2->v1: drop a trailing snmpTrapEnterprise.0 */
};

/* Copies the varbinds of `s` and `ent` (may be NULL) into one arena. */
static int pack(struct src *s, const ows_oid *ent, ows_pdu *out)
{
    size_t nids = ent ? ent->len : 0, nbytes = 0, total;
    uint8_t *arena;
    ows_varbind *items;
    uint32_t *ids;
    uint8_t *bytes;

    for (uint32_t i = 0; i < s->n; i++) {
        const ows_varbind *vb = s->get(s, i);
        nids += vb->name.len;
        has_data(&vb->value, &nbytes, &nids);
    }
    total = (size_t)s->n * sizeof(ows_varbind) + nids * sizeof(uint32_t) + nbytes;
    arena = ows_malloc(total ? total : 1);
    if (!arena)
        return OWS_E_ALLOC;
    items = (ows_varbind *)(void *)arena;
    ids = (uint32_t *)(void *)(arena + (size_t)s->n * sizeof(ows_varbind));
    bytes = (uint8_t *)(ids + nids);
    for (uint32_t i = 0; i < s->n; i++) {
        const ows_varbind *vb = s->get(s, i);
        ows_varbind *d = &items[i];
        *d = *vb;
        d->own = NULL;
        d->name.ids = d->name.len ? ids : NULL;
        if (d->name.len)
            memcpy(ids, vb->name.ids, vb->name.len * sizeof(uint32_t));
        ids += vb->name.len;
        if (vb->value.syntax == OWS_SYN_OID) {
            d->value.v.oid.ids = vb->value.v.oid.len ? ids : NULL;
            if (vb->value.v.oid.len)
                memcpy(ids, vb->value.v.oid.ids, vb->value.v.oid.len * sizeof(uint32_t));
            ids += vb->value.v.oid.len;
        } else {
            size_t nb = 0, ni = 0;
            if (has_data(&vb->value, &nb, &ni)) {
                d->value.v.str.ptr = nb ? bytes : NULL;
                if (nb)
                    memcpy(bytes, vb->value.v.str.ptr, nb);
                bytes += nb;
            }
        }
    }
    memset(&out->enterprise, 0, sizeof out->enterprise);
    if (ent && ent->len) {
        memcpy(ids, ent->ids, ent->len * sizeof(uint32_t));
        out->enterprise.ids = ids;
        out->enterprise.len = ent->len;
    }
    out->vbl.items = s->n ? items : NULL;
    out->vbl.count = s->n;
    out->vbl.cap = 0;
    out->vbl.arena = arena;
    return 0;
}

/* ---- v1 -> v2 ---- */

static const ows_varbind *get_v1_to_v2(struct src *s, uint32_t i)
{
    if (i < 2)
        return &s->extra[i];
    if (i == s->n - 1)
        return &s->extra[2];
    return &s->in->vbl.items[i - 2];
}

int ows_trap_v1_to_v2(const ows_pdu *in, ows_pdu *out)
{
    uint32_t trap_oid[OWS_MAX_OID_LEN + 2];
    struct src s;
    int err;

    if (in->type != OWS_PDU_V1TRAP || (in->vbl.count && !in->vbl.items) ||
        in->vbl.count > UINT32_MAX - 3 || in->enterprise.len > OWS_MAX_OID_LEN ||
        (in->enterprise.len && !in->enterprise.ids))
        return OWS_E_PDU_INVALID;
    memset(&s, 0, sizeof s);
    s.get = get_v1_to_v2;
    s.in = in;
    s.n = in->vbl.count + 3;
    s.extra[0].name.ids = (uint32_t *)sysUpTime0;
    s.extra[0].name.len = LEN(sysUpTime0);
    s.extra[0].value.syntax = OWS_SYN_TIMETICKS;
    s.extra[0].value.v.u = in->time_stamp;
    s.extra[1].name.ids = (uint32_t *)snmpTrapOID0;
    s.extra[1].name.len = LEN(snmpTrapOID0);
    s.extra[1].value.syntax = OWS_SYN_OID;
    s.extra[1].value.v.oid.ids = trap_oid;
    if (in->generic_trap >= 0 && in->generic_trap <= 5) {
        memcpy(trap_oid, snmpTraps, sizeof snmpTraps);
        trap_oid[LEN(snmpTraps)] = (uint32_t)in->generic_trap + 1;
        s.extra[1].value.v.oid.len = LEN(snmpTraps) + 1;
    } else {
        /* enterprise.0.specific (RFC 3584 3.1 (2)). */
        memcpy(trap_oid, in->enterprise.ids, in->enterprise.len * sizeof(uint32_t));
        trap_oid[in->enterprise.len] = 0;
        trap_oid[in->enterprise.len + 1] = (uint32_t)in->specific_trap;
        s.extra[1].value.v.oid.len = in->enterprise.len + 2;
    }
    s.extra[2].name.ids = (uint32_t *)snmpTrapEnterprise0;
    s.extra[2].name.len = LEN(snmpTrapEnterprise0);
    s.extra[2].value.syntax = OWS_SYN_OID;
    s.extra[2].value.v.oid = in->enterprise;
    err = pack(&s, NULL, out);
    if (err)
        return err;
    out->type = OWS_PDU_TRAP;
    out->request_id = 0;
    out->error_status = out->error_index = 0;
    memset(out->agent_addr, 0, 4);
    out->generic_trap = out->specific_trap = 0;
    out->time_stamp = 0;
    return 0;
}

/* ---- v2 -> v1 ---- */

/* The i-th kept varbind of the TRAP, walking forward (i counts up from 0). */
static const ows_varbind *get_v2_to_v1(struct src *s, uint32_t i)
{
    const ows_vbl *l = &s->in->vbl;
    if (i == 0)
        s->cursor = 2;
    while (l->items[s->cursor].value.syntax == OWS_SYN_CNTR64)
        s->cursor++;       /* s->n counted exactly the kept ones: stays in range */
    return &l->items[s->cursor++];
}

int ows_trap_v2_to_v1(const ows_pdu *in, const uint8_t agent_addr[4], ows_pdu *out)
{
    const ows_vbl *l = &in->vbl;
    const ows_oid *trap, *ent = NULL;
    ows_oid ent_buf;
    struct src s;
    uint32_t end;
    int32_t generic, specific;
    int err;

    if ((in->type != OWS_PDU_TRAP && in->type != OWS_PDU_INFORM) || l->count < 2 || !l->items)
        return OWS_E_PDU_INVALID;
    if (!oid_is(&l->items[0].name, sysUpTime0, LEN(sysUpTime0)) ||
        l->items[0].value.syntax != OWS_SYN_TIMETICKS ||
        !oid_is(&l->items[1].name, snmpTrapOID0, LEN(snmpTrapOID0)) ||
        l->items[1].value.syntax != OWS_SYN_OID || l->items[1].value.v.oid.len < 2 ||
        !l->items[1].value.v.oid.ids)
        return OWS_E_PDU_INVALID;
    trap = &l->items[1].value.v.oid;
    memset(&s, 0, sizeof s);
    end = l->count;
    if (end > 2 && oid_is(&l->items[end - 1].name, snmpTrapEnterprise0, LEN(snmpTrapEnterprise0)) &&
        l->items[end - 1].value.syntax == OWS_SYN_OID) {
        ent = &l->items[end - 1].value.v.oid;
        s.skip_last_ent = 1;
        end--;
    }
    if (trap->len == LEN(snmpTraps) + 1 && !memcmp(trap->ids, snmpTraps, sizeof snmpTraps) &&
        trap->ids[LEN(snmpTraps)] >= 1 && trap->ids[LEN(snmpTraps)] <= 6) {
        generic = (int32_t)trap->ids[LEN(snmpTraps)] - 1;
        specific = 0;
        if (!ent) {
            ent_buf.ids = (uint32_t *)snmpTraps;
            ent_buf.len = LEN(snmpTraps);
            ent = &ent_buf;
        }
    } else {
        generic = 6;
        specific = (int32_t)trap->ids[trap->len - 1];
        ent_buf.ids = trap->ids;
        ent_buf.len = trap->len - 1;
        if (ent_buf.len > 2 && trap->ids[trap->len - 2] == 0)
            ent_buf.len--;
        ent = &ent_buf;
    }
    s.get = get_v2_to_v1;
    s.in = in;
    for (uint32_t k = 2; k < end; k++)
        if (l->items[k].value.syntax != OWS_SYN_CNTR64)
            s.n++;
    err = pack(&s, ent, out);
    if (err)
        return err;
    out->type = OWS_PDU_V1TRAP;
    out->request_id = 0;
    out->error_status = out->error_index = 0;
    memcpy(out->agent_addr, agent_addr, 4);
    out->generic_trap = generic;
    out->specific_trap = specific;
    out->time_stamp = l->items[0].value.v.u;
    return 0;
}
