/* request.c - outstanding requests: the per-session request-id hash, the
 * engine's deadline list and heap, retransmission and timeouts, and the send
 * path of SnmpSendMsg. Everything here runs with the API lock held. */
#include <string.h>
#include "core/alloc.h"
#include "core/context.h"
#include "core/engine.h"
#include "core/entity.h"
#include "core/error.h"
#include "core/msg_codec.h"
#include "core/net.h"
#include "core/pdu.h"
#include "core/response_v1.h"
#include "core/session.h"
#include "core/state.h"
#include "core/trace.h"
#include "core/v3_inbound.h"
#include "core/v3_trap.h"
#include "core/v3_manager.h"

/* ---- The request-id hash of one session -------------------------------- */

static uint32_t bucket_of(int32_t id, uint32_t nbuckets)
{
    /* Ids are usually sequential; a multiplicative hash spreads them. */
    return ((uint32_t)id * 2654435761u) >> 7 & (nbuckets - 1);
}

struct ows_req *ows_req_find(struct ows_net_session *n, int32_t id)
{
    struct ows_req *r;
    if (!n->nbuckets)
        return NULL;
    for (r = n->buckets[bucket_of(id, n->nbuckets)]; r; r = r->hnext)
        if (r->id == id)
            return r;
    return NULL;
}

struct ows_req *ows_req_alloc(size_t len)
{
    struct ows_engine *e = ows_eng;
    struct ows_req *r = NULL;
    if (len > OWS_REQ_SPARE_BYTES)
        return ows_malloc(sizeof(*r) + len);
    /* Short requests (nearly all) share one node size, so nodes recycle. */
    if (e)
        r = ows_spares_take(&e->spare_reqs);
    return r ? r : ows_malloc(sizeof(*r) + OWS_REQ_SPARE_BYTES);
}

void ows_req_release(struct ows_req *r)
{
    struct ows_engine *e = ows_eng;
    if (r && r->v3) {
        ows_v3_req_free(r->v3);
        r->v3 = NULL;
    }
    if (r && e && r->len <= OWS_REQ_SPARE_BYTES)
        ows_spares_give(&e->spare_reqs, r);
    else
        ows_free(r);
}

static int grow_buckets(struct ows_net_session *n)
{
    uint32_t nb = n->nbuckets ? n->nbuckets * 2 : 16, i;
    struct ows_req **b = ows_calloc(nb, sizeof(*b));
    if (!b)
        return OWS_E_ALLOC;
    for (i = 0; i < n->nbuckets; i++) {
        struct ows_req *r = n->buckets[i], *next;
        for (; r; r = next) {
            uint32_t k = bucket_of(r->id, nb);
            next = r->hnext;
            r->hnext = b[k];
            b[k] = r;
        }
    }
    ows_free(n->buckets);
    n->buckets = b;
    n->nbuckets = nb;
    return OWS_OK;
}

int ows_req_add(struct ows_net_session *n, struct ows_req *r)
{
    uint32_t k;
    if (n->nreqs >= n->nbuckets) {
        int err = grow_buckets(n);
        /* A full table still works, only slower; only the first must succeed. */
        if (err && !n->nbuckets)
            return err;
    }
    k = bucket_of(r->id, n->nbuckets);
    r->hnext = n->buckets[k];
    n->buckets[k] = r;
    n->nreqs++;
    return OWS_OK;
}

void ows_req_unlink(struct ows_net_session *n, struct ows_req *r)
{
    struct ows_req **pp;
    if (!n->nbuckets)
        return;
    for (pp = &n->buckets[bucket_of(r->id, n->nbuckets)]; *pp; pp = &(*pp)->hnext) {
        if (*pp == r) {
            *pp = r->hnext;
            r->hnext = NULL;
            n->nreqs--;
            return;
        }
    }
}

void ows_req_free_all(struct ows_net_session *n)
{
    uint32_t i;
    for (i = 0; i < n->nbuckets; i++) {
        struct ows_req *r = n->buckets[i], *next;
        for (; r; r = next) {
            next = r->hnext;
            ows_heap_remove(r);
            ows_req_release(r);
        }
    }
    ows_free(n->buckets);
    n->buckets = NULL;
    n->nbuckets = n->nreqs = 0;
}

/* ---- The deadline heap ------------------------------------------------- */

#define NO_HEAP UINT32_MAX
#define IN_LIST (UINT32_MAX - 1u)

static void heap_set(struct ows_engine *e, uint32_t i, struct ows_req *r)
{
    e->heap[i] = r;
    r->heap_index = i;
}

static void sift_up(struct ows_engine *e, uint32_t i)
{
    struct ows_req *r = e->heap[i];
    while (i > 0) {
        uint32_t p = (i - 1) / 2;
        if (e->heap[p]->deadline_ns <= r->deadline_ns)
            break;
        heap_set(e, i, e->heap[p]);
        i = p;
    }
    heap_set(e, i, r);
}

static void sift_down(struct ows_engine *e, uint32_t i)
{
    struct ows_req *r = e->heap[i];
    for (;;) {
        uint32_t c = 2 * i + 1;
        if (c >= e->heap_n)
            break;
        if (c + 1 < e->heap_n && e->heap[c + 1]->deadline_ns < e->heap[c]->deadline_ns)
            c++;
        if (r->deadline_ns <= e->heap[c]->deadline_ns)
            break;
        heap_set(e, i, e->heap[c]);
        i = c;
    }
    heap_set(e, i, r);
}

/* Room for every outstanding request, listed or heaped: a request that
 * leaves the list for the heap (a retransmission) then always fits. */
static int heap_reserve(struct ows_engine *e)
{
    if (e->heap_n + e->dl_n >= e->heap_cap) {
        uint32_t cap = e->heap_cap ? e->heap_cap * 2 : 64;
        struct ows_req **h = ows_realloc(e->heap, cap * sizeof(*h));
        if (!h)
            return OWS_E_ALLOC;
        e->heap = h;
        e->heap_cap = cap;
    }
    return OWS_OK;
}

void ows_heap_push(struct ows_req *r)
{
    struct ows_engine *e = ows_eng;
    if (!e->dl_tail || e->dl_tail->deadline_ns <= r->deadline_ns) {
        r->heap_index = IN_LIST;
        r->dl_next = NULL;
        r->dl_prev = e->dl_tail;
        if (e->dl_tail)
            e->dl_tail->dl_next = r;
        else
            e->dl_head = r;
        e->dl_tail = r;
        e->dl_n++;
        return;
    }
    /* The caller reserved room with heap_reserve. */
    heap_set(e, e->heap_n++, r);
    sift_up(e, r->heap_index);
}

static void list_remove(struct ows_engine *e, struct ows_req *r)
{
    if (r->dl_prev)
        r->dl_prev->dl_next = r->dl_next;
    else
        e->dl_head = r->dl_next;
    if (r->dl_next)
        r->dl_next->dl_prev = r->dl_prev;
    else
        e->dl_tail = r->dl_prev;
    r->dl_prev = r->dl_next = NULL;
    r->heap_index = NO_HEAP;
    e->dl_n--;
}

void ows_heap_remove(struct ows_req *r)
{
    struct ows_engine *e = ows_eng;
    uint32_t i = r->heap_index;
    if (e && i == IN_LIST) {
        list_remove(e, r);
        return;
    }
    if (!e || i == NO_HEAP || i >= e->heap_n || e->heap[i] != r)
        return;
    r->heap_index = NO_HEAP;
    e->heap_n--;
    if (i == e->heap_n)
        return;
    {
        struct ows_req *moved = e->heap[e->heap_n];
        heap_set(e, i, moved);
        sift_down(e, i);
        sift_up(e, moved->heap_index);
    }
}

/* After r's deadline moved: a listed request goes wherever its new deadline
 * belongs (the heap's room is reserved for it), a heaped one is re-sifted. */
void ows_heap_fix(struct ows_req *r)
{
    struct ows_engine *e = ows_eng;
    if (r->heap_index == IN_LIST) {
        list_remove(e, r);
        ows_heap_push(r);
        return;
    }
    sift_down(e, r->heap_index);
    sift_up(e, r->heap_index);
}

/* The request with the earliest deadline, listed or heaped; NULL if none. */
static struct ows_req *earliest(const struct ows_engine *e)
{
    struct ows_req *h = e->heap_n ? e->heap[0] : NULL, *l = e->dl_head;
    if (!l)
        return h;
    if (!h)
        return l;
    return l->deadline_ns <= h->deadline_ns ? l : h;
}

/* ---- Timers ------------------------------------------------------------ */

/* Reports a request that ended without a reply (its retries spent:
 * OWS_E_TL_TIMEOUT; an SNMPv3 Report: v3_manager.h): queues an item with
 * that error that carries the original message, so SnmpRecvMsg can fill
 * its outputs, and notifies. */
static void end_request(struct ows_req *r, int err)
{
    struct ows_session *s = r->s;
    struct ows_net_session *n = s->net;
    struct ows_rxitem *it = ows_calloc(1, sizeof(*it));

    if (err == OWS_E_TL_TIMEOUT) {
        ows_eng->n_timeouts++;
        OWS_TRACE("session %08x: request %d timed out", s->hdr.handle, r->id);
    }
    if (it) {
        ows_req_tell_asked(it, r);
        it->err = err;
        it->request_id = r->id;
        it->peer = r->to;
        it->local = r->src;
        if (ows_msg_decode(r->bytes, r->len, &it->msg))
            memset(&it->msg, 0, sizeof(it->msg));
        ows_queue_push(n, it);
    }
    ows_notify(s, ows_err_to_api(err), (intptr_t)r->id);
}

/* One buffer for encoding, shared by every sender: the API lock
 * serializes them. */
static uint8_t encode_buf[OWS_NET_MAX_DGRAM + 1];

/* An SNMPv3 request's next try, encoded afresh (new msgID, salt and time)
 * from the SNMPv2c form its node keeps. */
static int v3_encode_next(struct ows_req *r, size_t *off, size_t *len)
{
    ows_msg m;
    int err = ows_msg_decode(r->bytes, r->len, &m);
    if (err)
        return err;
    err = ows_v3_req_encode(r->v3, &m.pdu, encode_buf, sizeof(encode_buf), off, len);
    ows_msg_free(&m);
    if (!err && *len > OWS_NET_MAX_DGRAM)
        err = OWS_E_TL_PDU_TOO_BIG;
    return err;
}

/* Sends r again now: v1/v2c as encoded, v3 re-encoded. */
static int resend(struct ows_req *r)
{
    size_t off, len;
    int err;
    if (!r->v3)
        return ows_net_sendto(r->sock->fd, r->bytes, r->len, &r->to);
    err = v3_encode_next(r, &off, &len);
    /* Zero bytes: the request waits behind another's discovery. */
    return err || !len ? err : ows_net_sendto(r->sock->fd, encode_buf + off, len, &r->to);
}

uint64_t ows_req_run_timers(uint64_t now)
{
    struct ows_engine *e = ows_eng;
    struct ows_req *r;
    while ((r = earliest(e)) != NULL && r->deadline_ns <= now) {
        if (r->retries_left && ows_state.retransmit_mode) {
            int err;
            r->retries_left--;
            r->deadline_ns += r->timeout_ns;
            if (r->deadline_ns <= now)
                r->deadline_ns = now + r->timeout_ns;
            ows_heap_fix(r);
            err = resend(r);
            e->n_retrans++;
            if (err)
                OWS_WARN("retransmission of request %d failed: %s", r->id, ows_strerror(err));
            continue;
        }
        ows_heap_remove(r);
        ows_req_unlink(r->s->net, r);
        end_request(r, OWS_E_TL_TIMEOUT);
        ows_req_release(r);
    }
    r = earliest(e);
    return r ? r->deadline_ns : UINT64_MAX;
}

/* ---- Sending ----------------------------------------------------------- */

static int expects_response(int32_t type)
{
    return type == OWS_PDU_GET || type == OWS_PDU_GETNEXT || type == OWS_PDU_SET ||
           type == OWS_PDU_GETBULK || type == OWS_PDU_INFORM;
}

int ows_net_send(struct ows_session *s, struct ows_entity *src,
                 struct ows_entity *dst, struct ows_context *ctx, ows_pdu *pdu)
{
    struct ows_engine *e = ows_eng;
    struct ows_net_session *n;
    struct ows_net_sock *ns;
    struct ows_req *r = NULL, *old;
    ows_msg m;
    size_t off, len;
    int err, fam;
    int converted = 0;   /* m.pdu is a converted trap we must free */
    int v3_request = 0;  /* an SNMPv3 request of the manager role */

    if (!e)
        return OWS_E_TL_NOT_INITIALIZED;
    err = ows_pdu_check_out(pdu);
    if (err)
        return err;
    if (dst->addr.family != OWS_AF_INET && dst->addr.family != OWS_AF_INET6)
        return OWS_E_ENTITY_INVALID;

    memset(&m, 0, sizeof(m));
    m.version = (int32_t)dst->version;
    m.community = ctx->community;
    m.pdu = *pdu;   /* shallow: the encoder only reads */
    if (dst->version == OWS_SNMPV1) {
        if (pdu->type == OWS_PDU_GETBULK) {
            /* RFC 3584 section 4.1.1: a GetBulk to a v1 agent goes as GetNext. */
            m.pdu.type = OWS_PDU_GETNEXT;
            m.pdu.error_status = m.pdu.error_index = 0;
        } else if (pdu->type == OWS_PDU_INFORM) {
            return OWS_E_OPERATION_INVALID;
        } else if (pdu->type == OWS_PDU_TRAP) {
            /* RFC 3584 section 3.2: an SNMPv2 trap goes to v1 as a Trap-PDU. */
            err = ows_net_trap_for_v1(pdu, &m.pdu);
            if (err)
                return err;
            converted = 1;
        } else if (pdu->type == OWS_PDU_RESPONSE) {
            /* An agent's SNMPv2-style answer to an SNMPv1 request (RFC 3584 4.4). */
            err = ows_response_for_v1(pdu, &m.pdu, &converted);
            if (err)
                return err;
        }
    } else if (pdu->type == OWS_PDU_V1TRAP) {
        return OWS_E_OPERATION_INVALID;
    } else if (dst->version == OWS_SNMPV3 && dst->v3 && expects_response(pdu->type)) {
        /* The manager role (core/v3_manager.h): the node keeps the PDU as
         * SNMPv2c; each try is an SNMPv3 message encoded from it. */
        v3_request = 1;
        m.version = OWS_SNMPV2C;
    }
    if (pdu->request_id == 0 && m.pdu.type != OWS_PDU_V1TRAP) {
        pdu->request_id = ows_session_new_request_id(s);
        m.pdu.request_id = pdu->request_id;
    }

    if (dst->version == OWS_SNMPV3 && !v3_request) {
        /* The agent role's answer to an SNMPv3 request: the request's
         * security state comes with its sender's entity (entity.h). A trap
         * to a database v3 entity goes out with our engine authoritative. */
        if (dst->v3_in && m.pdu.type == OWS_PDU_RESPONSE)
            err = ows_v3_in_encode_reply(dst->v3_in, &m.pdu, encode_buf, sizeof(encode_buf),
                                         &off, &len);
        else if (dst->from_db && m.pdu.type == OWS_PDU_TRAP)
            err = ows_v3_encode_trap(dst->name, &m.pdu, encode_buf, sizeof(encode_buf), &off,
                                     &len);
        else
            return OWS_E_OPERATION_INVALID;
    } else {
        err = ows_msg_encode(&m, encode_buf, sizeof(encode_buf), &off, &len);
    }
    if (converted)
        ows_pdu_free(&m.pdu);
    if (err)
        return err;
    if (len > OWS_NET_MAX_DGRAM)
        return OWS_E_TL_PDU_TOO_BIG;

    n = ows_net_state(s, 1);
    if (!n)
        return OWS_E_ALLOC;
    fam = dst->addr.family;
    /* An agent answers from its listening socket: the manager expects the
     * reply from the address it asked. */
    ns = src ? ows_net_find_listen(n, &src->addr) : NULL;
    if (!ns || ns->family != fam) {
        err = ows_net_socket(s, fam, OWS_SOCK_MANAGER, &ns);
        if (err)
            return err;
    }

    if (expects_response(m.pdu.type)) {
        uint32_t tcs = ows_entity_timeout_cs(dst);
        r = ows_req_alloc(len);
        if (!r)
            return OWS_E_ALLOC;
        /* Each field is set once, here: zeroing the node first would write
         * most of them twice on every request. */
        r->id = m.pdu.request_id;
        r->heap_index = NO_HEAP;
        r->deadline_ns = 0;
        r->hnext = NULL;
        r->dl_prev = r->dl_next = NULL;
        r->timeout_ns = (uint64_t)(tcs ? tcs : 1) * 10000000ull;
        /* The mode in force at SnmpSendMsg decides: a request sent while it
         * is OFF is never retransmitted, even once it is ON again ("Turning
         * Retransmission On and Off"). Turning it OFF later still stops the
         * retries of what is outstanding (ows_req_run_timers). */
        r->retries_left = ows_state.retransmit_mode ? ows_entity_retries(dst) : 0;
        r->s = s;
        r->sock = ns;
        /* The reply comes back with these handles (SnmpRecvMsg), so that
         * programs can match it to what they asked. */
        r->asked[OWS_REPLY_SRC] = dst->hdr.handle;
        r->asked[OWS_REPLY_DST] = src ? src->hdr.handle : 0;
        r->asked[OWS_REPLY_CTX] = ctx->hdr.handle;
        r->to = dst->addr;
        if (src && src->addr.family == fam)
            r->src = src->addr;
        else
            r->src = ns->local;
        r->len = len;
        memcpy(r->bytes, encode_buf + off, len);
        r->v3 = NULL;
        if (v3_request) {
            err = ows_v3_req_new(dst->v3, &dst->addr, r->id, r, &r->v3);
            if (!err)
                err = ows_v3_req_encode(r->v3, &m.pdu, encode_buf, sizeof(encode_buf), &off,
                                        &len);
            if (!err && len > OWS_NET_MAX_DGRAM)
                err = OWS_E_TL_PDU_TOO_BIG;
            if (err) {
                ows_req_release(r);
                return err;
            }
        }
        if ((err = heap_reserve(e)) != 0) {
            ows_req_release(r);
            return err;
        }
        /* A request id already outstanding in this session is replaced: the
         * newer request takes over its id, the older one is forgotten. */
        if ((old = ows_req_find(n, r->id)) != NULL) {
            ows_heap_remove(old);
            ows_req_unlink(n, old);
            ows_req_release(old);
        }
        if ((err = ows_req_add(n, r)) != 0) {
            ows_req_release(r);
            return err;
        }
        r->deadline_ns = ows_clock_ns() + r->timeout_ns;
        ows_heap_push(r);
    }

    /* An SNMPv3 request behind another's discovery has nothing to send yet. */
    err = len ? ows_net_sendto(ns->fd, encode_buf + off, len, &dst->addr) : OWS_OK;
    if (err) {
        OWS_TRACE("sendto failed: %s", ows_strerror(err));
        if (r) {
            ows_heap_remove(r);
            ows_req_unlink(n, r);
            ows_req_release(r);
        }
        return err;
    }
    if (len)
        e->n_sent++;
    if (r && r->deadline_ns < e->sleep_until) {
        /* The engine sleeps past this deadline: make it recompute. */
        e->sleep_until = r->deadline_ns;
        ows_net_wake();
    }
    return OWS_OK;
}

void ows_req_v3_received(struct ows_net_sock *ns, const struct ows_addr *from,
                         const uint8_t *buf, size_t len)
{
    struct ows_req *r;
    void *owner;
    ows_msg m;
    int err, verdict;

    verdict = ows_v3_mgr_receive(buf, len, from, OWS_RX_HEAD, &owner, &m, &err);
    /* Requests that waited behind a discovery this message completed go
     * now, each with a full timeout for this try. */
    while ((r = ows_v3_mgr_take_ready()) != NULL) {
        int e2;
        r->deadline_ns = ows_clock_ns() + r->timeout_ns;
        ows_heap_fix(r);
        if ((e2 = resend(r)) != 0)
            OWS_WARN("request %d could not be sent: %s", r->id, ows_strerror(e2));
    }
    if (verdict == OWS_V3_DROP)
        return;    /* counted and traced by the v3 manager */
    r = owner;
    if (r->sock != ns || !ns->s || ns->s->closing) {
        /* A msgID of another session's request, on this session's socket. */
        ows_eng->n_unmatched++;
        ows_msg_free(&m);
        return;
    }
    if (verdict == OWS_V3_DELIVER) {
        /* Its own allocation, not one of the engine's recycled blocks, and
         * no inbound security state: a reply goes to the request's entity. */
        struct ows_rxitem *head = m.pdu.vbl.arena;
        head->spare = 0;
        head->v3 = NULL;
        ows_queue_received(ns, from, &m);
    } else if (verdict == OWS_V3_RESEND) {
        /* Discovery or a resync: the request goes at once, with a full
         * timeout for this try. */
        r->deadline_ns = ows_clock_ns() + r->timeout_ns;
        ows_heap_fix(r);
        if ((err = resend(r)) != 0)
            OWS_WARN("request %d could not be sent again: %s", r->id, ows_strerror(err));
    } else {
        ows_heap_remove(r);
        ows_req_unlink(r->s->net, r);
        end_request(r, err);
        ows_req_release(r);
    }
}

int ows_net_send_msg(ows_sock fd, const ows_msg *m, const struct ows_addr *to)
{
    size_t off, len;
    int err = ows_msg_encode(m, encode_buf, sizeof(encode_buf), &off, &len);
    if (err)
        return err;
    if (len > OWS_NET_MAX_DGRAM)
        return OWS_E_TL_PDU_TOO_BIG;
    return ows_net_sendto(fd, encode_buf + off, len, to);
}

int ows_net_send_v3_reply(ows_sock fd, const struct ows_v3_in *v3, const ows_pdu *pdu,
                          const struct ows_addr *to)
{
    size_t off, len;
    int err = ows_v3_in_encode_reply(v3, pdu, encode_buf, sizeof(encode_buf), &off, &len);
    if (err)
        return err;
    return ows_net_sendto(fd, encode_buf + off, len, to);
}

int ows_net_cancel(struct ows_session *s, int32_t id)
{
    struct ows_net_session *n = s->net;
    struct ows_req *r;
    size_t purged;
    if (!n)
        return OWS_E_PDU_INVALID;
    r = ows_req_find(n, id);
    if (r) {
        ows_heap_remove(r);
        ows_req_unlink(n, r);
        ows_req_release(r);
    }
    /* A reply or timeout report already queued is not delivered either. */
    purged = ows_queue_purge_id(n, id);
    return (r || purged) ? OWS_OK : OWS_E_PDU_INVALID;
}
