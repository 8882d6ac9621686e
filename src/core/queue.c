/* queue.c - each session's queue of received messages and transport error
 * reports, and the matching of a received datagram to its session and
 * outstanding request. Everything here runs with the API lock held. */
#include <string.h>
#include "core/alloc.h"
#include "core/engine.h"
#include "core/msg_codec.h"
#include "core/pdu.h"
#include "core/session.h"
#include "core/trace.h"

void ows_queue_push(struct ows_net_session *n, struct ows_rxitem *it)
{
    it->next = NULL;
    if (n->qtail)
        n->qtail->next = it;
    else
        n->qhead = it;
    n->qtail = it;
    n->qlen++;
}

struct ows_rxitem *ows_queue_pop(struct ows_net_session *n)
{
    struct ows_rxitem *it = n->qhead;
    if (!it)
        return NULL;
    n->qhead = it->next;
    if (!n->qhead)
        n->qtail = NULL;
    n->qlen--;
    it->next = NULL;
    return it;
}

/* Puts an item back at the head (SnmpRecvMsg could not hand it out). */
void ows_queue_unpop(struct ows_net_session *n, struct ows_rxitem *it)
{
    it->next = n->qhead;
    n->qhead = it;
    if (!n->qtail)
        n->qtail = it;
    n->qlen++;
}

size_t ows_queue_purge_id(struct ows_net_session *n, int32_t id)
{
    struct ows_rxitem **pp = &n->qhead, *it;
    size_t purged = 0;
    n->qtail = NULL;
    while ((it = *pp) != NULL) {
        if (it->request_id == id) {
            *pp = it->next;
            n->qlen--;
            ows_rxitem_free(it);
            purged++;
        } else {
            n->qtail = it;
            pp = &it->next;
        }
    }
    return purged;
}

void ows_queue_free_all(struct ows_net_session *n)
{
    struct ows_rxitem *it;
    while ((it = ows_queue_pop(n)) != NULL)
        ows_rxitem_free(it);
}

static int same_addr(const struct ows_addr *a, const struct ows_addr *b)
{
    if (a->family != b->family || a->port != b->port)
        return 0;
    /* Constant sizes, so that the compiler compares inline. */
    if (a->family == OWS_AF_INET)
        return memcmp(a->bytes, b->bytes, 4) == 0;
    return memcmp(a->bytes, b->bytes, 16) == 0;
}

struct ows_rxitem *ows_rxitem_in_head(ows_msg *m)
{
    /* The engine decoded m with room for its item in the arena's head
     * (OWS_RX_HEAD): no allocation here. Not zeroed: the objects' storage
     * is initialised when they are made; `spare` was set by the engine. */
    struct ows_rxitem *it = m->pdu.vbl.arena;
    if (!it)
        return NULL;
    it->next = NULL;
    it->err = 0;
    it->own_community = NULL;
    it->objects = 0;
    it->released = 0;
    it->has_v1 = 0;
    it->asked[0] = it->asked[1] = it->asked[2] = 0;
    it->msg = *m;
    /* The item owns the message now. Clearing the arena pointer is enough
     * for m to free nothing; the engine decodes its next datagram over m,
     * which starts by clearing it. */
    m->pdu.vbl.arena = NULL;
    return it;
}

void ows_queue_received(struct ows_net_sock *ns, const struct ows_addr *from, ows_msg *m)
{
    struct ows_engine *e = ows_eng;
    struct ows_session *s = ns->s;
    struct ows_net_session *n;
    struct ows_rxitem *it;
    struct ows_req *r;

    if (!s || s->closing || !(n = s->net)) {
        /* The session let go of this socket after the datagram arrived. */
        e->n_unmatched++;
        goto drop;
    }
    if (m->pdu.type != OWS_PDU_RESPONSE) {
        /* Requests and traps to a manager socket are not ours to answer. */
        e->n_foreign++;
        OWS_TRACE("session %08x: dropped a PDU of type %#x", s->hdr.handle,
                  (unsigned)m->pdu.type);
        goto drop;
    }
    r = ows_req_find(n, m->pdu.request_id);
    if (!r || !same_addr(&r->to, from)) {
        /* Late, duplicate, cancelled or from someone we did not ask. */
        e->n_unmatched++;
        OWS_TRACE("session %08x: unmatched response %d (%lu so far)", s->hdr.handle,
                  m->pdu.request_id, e->n_unmatched);
        goto drop;
    }
    if (n->qlen >= OWS_NET_QUEUE_MAX) {
        e->n_queue_full++;
        OWS_WARN("session %08x: receive queue full (%u), response %d dropped; "
                 "the request stays outstanding", s->hdr.handle, n->qlen, r->id);
        goto drop;
    }
    it = ows_rxitem_in_head(m);
    if (!it)
        goto drop;
    it->request_id = r->id;
    it->peer = *from;
    it->local = r->src;
    ows_req_tell_asked(it, r);
    ows_heap_remove(r);
    ows_req_unlink(n, r);
    ows_req_release(r);
    e->n_received++;
    ows_queue_push(n, it);
    ows_notify(s, 0, (intptr_t)it->request_id);
    return;
drop:
    ows_msg_free(m);
}
