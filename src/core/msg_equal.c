/* msg_equal.c - field-by-field comparison of two messages. */
#include <string.h>
#include "core/msg_codec.h"

static int oid_eq(const ows_oid *a, const ows_oid *b)
{
    return a->len == b->len && (!a->len || !memcmp(a->ids, b->ids, a->len * sizeof(uint32_t)));
}

static int str_eq(const ows_octets *a, const ows_octets *b)
{
    return a->len == b->len && (!a->len || !memcmp(a->ptr, b->ptr, a->len));
}

static int value_eq(const ows_value *a, const ows_value *b)
{
    if (a->syntax != b->syntax)
        return 0;
    switch (a->syntax) {
    case OWS_SYN_INT:
        return a->v.i == b->v.i;
    case OWS_SYN_CNTR32: case OWS_SYN_GAUGE32: case OWS_SYN_TIMETICKS: case OWS_SYN_UINT32:
        return a->v.u == b->v.u;
    case OWS_SYN_CNTR64:
        return a->v.u64 == b->v.u64;
    case OWS_SYN_OCTETS: case OWS_SYN_BITS: case OWS_SYN_IPADDR:
    case OWS_SYN_OPAQUE: case OWS_SYN_NSAPADDR:
        return str_eq(&a->v.str, &b->v.str);
    case OWS_SYN_OID:
        return oid_eq(&a->v.oid, &b->v.oid);
    default:
        return 1;   /* NULL and the exceptions carry nothing */
    }
}

int ows_msg_equal(const ows_msg *a, const ows_msg *b)
{
    const ows_pdu *p = &a->pdu, *q = &b->pdu;
    if (a->version != b->version || !str_eq(&a->community, &b->community))
        return 0;
    if (p->type != q->type || p->vbl.count != q->vbl.count)
        return 0;
    if (p->type == OWS_PDU_V1TRAP) {
        if (!oid_eq(&p->enterprise, &q->enterprise) ||
            memcmp(p->agent_addr, q->agent_addr, 4) ||
            p->generic_trap != q->generic_trap || p->specific_trap != q->specific_trap ||
            p->time_stamp != q->time_stamp)
            return 0;
    } else if (p->request_id != q->request_id || p->error_status != q->error_status ||
               p->error_index != q->error_index) {
        return 0;
    }
    for (uint32_t i = 0; i < p->vbl.count; i++) {
        if (!oid_eq(&p->vbl.items[i].name, &q->vbl.items[i].name) ||
            !value_eq(&p->vbl.items[i].value, &q->vbl.items[i].value))
            return 0;
    }
    return 1;
}
