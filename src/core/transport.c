/* transport.c - the sockets that are not a session's own manager socket:
 * an entity's listening socket (SnmpListen: the agent role) and the
 * process's trap socket shared by every SnmpRegister registration, with
 * what arrives on them. Everything here runs with the API lock held.
 *
 * Decisions (issue 5):
 * - Listening sockets belong to the session that created the entity and go
 *   with it; freeing a listening entity's handle does not stop listening
 *   (its session's close does, or SnmpListen OFF while the handle lives).
 * - The trap port: the port of the destination entity of the first
 *   registration when the application gave that entity a port (SnmpSetPort,
 *   or "addr:port" in its text), else 162. Unprivileged programs and tests
 *   need a port other than 162, and the destination entity is the only
 *   address SnmpRegister takes that names where traps come from. The port
 *   is chosen when the trap socket opens; later registrations share it.
 *   TL_IN_USE when the port is taken (or privileged).
 * - "The trap socket" is one UDP port on the wildcard address of both
 *   families: an IPv4 socket and, where the host has IPv6, an IPv6 socket
 *   on the same port (IPv6-only, so each family has its own). Both open
 *   with the first registration and close with the last.
 * - Registration filters: the destination entity (the agent sending the
 *   trap) matches the sender's address (not its port); the context matches
 *   the community, an empty one (from SnmpDecodeMsg or SnmpRecvMsg) only
 *   the empty community, never any; the OID is a prefix of snmpTrapOID.0. The source entity
 *   (the registering manager) is accepted but not used for matching: every
 *   trap arrives on the one trap socket.
 */
#include <string.h>
#include "core/alloc.h"
#include "core/context.h"
#include "core/engine.h"
#include "core/entity.h"
#include "core/error.h"
#include "core/msg_codec.h"
#include "core/pdu.h"
#include "core/session.h"
#include "core/trace.h"
#include "core/trap_convert.h"
#include "core/v3_local.h"
#include "core/vbl.h"

#define TRAP_PORT 162

/* ---- Agent role -------------------------------------------------------- */

/* Constant sizes, so that the compiler compares inline: an agent's every
 * response looks up its listening socket through these. */
static int same_host(const struct ows_addr *a, const struct ows_addr *b)
{
    if (a->family != b->family)
        return 0;
    if (a->family == OWS_AF_INET)
        return memcmp(a->bytes, b->bytes, 4) == 0;
    return memcmp(a->bytes, b->bytes, 16) == 0;
}

static int is_wildcard(const struct ows_addr *a)
{
    static const uint8_t zero[16];
    if (a->family == OWS_AF_INET)
        return memcmp(a->bytes, zero, 4) == 0;
    return memcmp(a->bytes, zero, 16) == 0;
}

struct ows_net_sock *ows_net_find_listen(struct ows_net_session *n, const struct ows_addr *addr)
{
    struct ows_net_sock *ns;
    for (ns = n->listens; ns; ns = ns->next_listen)
        if (ns->family == addr->family && ns->local.port == addr->port &&
            (is_wildcard(&ns->local) || same_host(&ns->local, addr)))
            return ns;
    return NULL;
}

int ows_net_listen(struct ows_entity *e, int on, int all_addr)
{
    struct ows_session *s = e->hdr.owner;
    struct ows_net_session *n;
    struct ows_net_sock *ns, **pp;
    struct ows_addr where;
    int err;

    if (!s || s->closing)
        return OWS_E_ENTITY_INVALID;
    if (!on) {
        if (!e->listening || !(n = s->net))
            return OWS_E_NOOP;
        for (pp = &n->listens; *pp; pp = &(*pp)->next_listen) {
            if (*pp == e->net) {
                ns = *pp;
                *pp = ns->next_listen;
                ows_net_retire_sock(ns);
                break;
            }
        }
        e->listening = 0;
        e->net = NULL;
        return OWS_OK;
    }
    if (e->listening)
        return OWS_E_NOOP;
    if (e->addr.family != OWS_AF_INET && e->addr.family != OWS_AF_INET6)
        return OWS_E_ENTITY_INVALID;
    /* The SNMPv3 users an agent answers, read afresh (v3_local.h). */
    ows_v3_local_load(NULL);
    where = e->addr;
    if (all_addr) {
        memset(where.bytes, 0, sizeof(where.bytes));
        where.scope_id = 0;
    }
    /* The bind may wait for the engine with the API lock dropped (a port we
     * released a moment ago): the session is held, and closed meanwhile it
     * gets nothing; the caller holds the entity. */
    ows_object_ref(&s->hdr);
    err = ows_net_bind_sock(e->addr.family, OWS_SOCK_LISTEN, &where, &ns);
    if (s->closing) {
        if (!err)
            ows_net_discard_sock(ns);
        err = OWS_E_ENTITY_INVALID;
    } else if (!err && e->listening) {
        /* Another thread made it listen while we waited. */
        ows_net_discard_sock(ns);
        err = OWS_E_NOOP;
    } else if (!err) {
        n = ows_net_state(s, 1);
        err = n ? ows_net_publish_sock(ns, s) : OWS_E_ALLOC;
        if (err)
            ows_net_discard_sock(ns);
    } else if (err != OWS_E_ALLOC && err != OWS_E_TL_RESOURCE_ERROR) {
        /* SnmpListen documents two transport errors: TL_RESOURCE_ERROR when
         * no socket can be created, TL_OTHER when it cannot be bound. */
        err = OWS_E_TL_OTHER;
    }
    ows_object_put(&s->hdr);
    if (err)
        return err;
    ns->version = e->version;
    ns->next_listen = n->listens;
    n->listens = ns;
    e->listening = 1;
    e->net = ns;
    OWS_TRACE("entity %08x listening on port %u", e->hdr.handle, (unsigned)ns->local.port);
    return OWS_OK;
}

/* ---- Registrations ----------------------------------------------------- */

static void reg_free(struct ows_reg *r)
{
    ows_free(r->community.ptr);
    ows_free(r->oid.ids);
    ows_free(r);
}


/* Equal communities; the empty one (a legal community) included. */
static int same_community(const ows_octets *a, const ows_octets *b)
{
    return a->len == b->len && (a->len == 0 || !memcmp(a->ptr, b->ptr, a->len));
}

/* True when registration `a` already selects every trap `b` would: each of
 * its filters is a wildcard or equal to b's, and its OID, if any, is a prefix
 * of b's. Microsoft's "Multiple Trap Registrations": such a registration
 * succeeds but is ineffective, and need not be matched by an OFF. */
static int reg_covers(const struct ows_reg *a, const struct ows_reg *b)
{
    if (a->has_src && (!b->has_src || !same_host(&a->src, &b->src) || a->src.port != b->src.port))
        return 0;
    if (a->has_dst && (!b->has_dst || !same_host(&a->dst, &b->dst) || a->dst.port != b->dst.port))
        return 0;
    if (a->has_community && (!b->has_community || !same_community(&a->community, &b->community)))
        return 0;
    return !a->oid.len || (b->oid.len >= a->oid.len &&
                           !memcmp(a->oid.ids, b->oid.ids, a->oid.len * sizeof(uint32_t)));
}

/* Two registrations are the same when each selects what the other does. */
static int reg_same(const struct ows_reg *a, const struct ows_reg *b)
{
    return reg_covers(a, b) && reg_covers(b, a);
}

/* True when session n already has a registration that selects every trap
 * `key` would (the same one included). */
static int reg_known(const struct ows_net_session *n, const struct ows_reg *key)
{
    const struct ows_reg *r;
    for (r = n->regs; r; r = r->next)
        if (reg_covers(r, key))
            return 1;
    return 0;
}

static void trap_socket_unref(struct ows_engine *e, uint32_t count)
{
    e->nregs -= count;
    if (e->nregs == 0 && e->trap_sock) {
        OWS_TRACE("last registration gone: closing the trap socket");
        ows_net_retire_sock(e->trap_sock);
        e->trap_sock = NULL;
        if (e->trap_sock6)
            ows_net_retire_sock(e->trap_sock6);
        e->trap_sock6 = NULL;
    }
}

/* Opens the trap socket (both families) on the port the rule above picks,
 * for session s. Binding may wait for the engine with the API lock dropped
 * (SnmpRegister right after the last registration went): the sockets are
 * given to the engine only afterwards, and only if s is still open and no
 * other registration opened the trap socket meanwhile. */
static int trap_socket_open(struct ows_session *s, const struct ows_entity *dst)
{
    struct ows_net_sock *v4 = NULL, *v6 = NULL;
    struct ows_engine *e;
    struct ows_addr where;
    int err, err6;

    /* The SNMPv3 users whose traps and informs we take (v3_local.h). */
    ows_v3_local_load(NULL);
    memset(&where, 0, sizeof(where));
    where.family = OWS_AF_INET;
    where.port = (dst && dst->port_explicit) ? dst->addr.port : TRAP_PORT;
    err = ows_net_bind_sock(OWS_AF_INET, OWS_SOCK_TRAP, &where, &v4);
    err6 = OWS_E_NOOP;
    if (!err && !s->closing) {
        where.family = OWS_AF_INET6;
        err6 = ows_net_bind_sock(OWS_AF_INET6, OWS_SOCK_TRAP, &where, &v6);
        if (err6 == OWS_E_TL_IN_USE || err6 == OWS_E_ALLOC)
            err = err6;
    }
    e = ows_eng;
    /* Closed while we waited (SnmpCleanup included: it closes every
     * session); or another registration opened the trap socket meanwhile,
     * which this one then shares (our bind may have failed for that). */
    if (s->closing || !e || e->trap_sock)
        err = s->closing ? OWS_E_SESSION_INVALID : !e ? OWS_E_TL_NOT_INITIALIZED : OWS_OK;
    else if (!err && (err = ows_net_publish_sock(v4, NULL)) == OWS_OK) {
        e->trap_sock = v4;
        v4 = NULL;
        if (v6 && ows_net_publish_sock(v6, NULL) == OWS_OK) {
            e->trap_sock6 = v6;
            v6 = NULL;
        }
        /* A host without IPv6 still receives IPv4 traps. */
        if (!e->trap_sock6)
            OWS_WARN("no IPv6 trap socket on port %u: %s", (unsigned)where.port,
                     ows_strerror(err6 ? err6 : OWS_E_ALLOC));
        OWS_TRACE("trap socket open on port %u%s", (unsigned)where.port,
                  e->trap_sock6 ? " (IPv4 and IPv6)" : " (IPv4 only)");
    }
    if (v4)
        ows_net_discard_sock(v4);
    if (v6)
        ows_net_discard_sock(v6);
    return err;
}

static void unlink_reg_session(struct ows_engine *e, struct ows_net_session *n)
{
    if (n->reg_prev)
        n->reg_prev->reg_next = n->reg_next;
    else if (e->reg_sessions == n)
        e->reg_sessions = n->reg_next;
    if (n->reg_next)
        n->reg_next->reg_prev = n->reg_prev;
    n->reg_prev = n->reg_next = NULL;
}

int ows_net_register(struct ows_session *s, const struct ows_entity *src,
                     const struct ows_entity *dst, const struct ows_context *ctx,
                     const ows_oid *oid, int on)
{
    struct ows_engine *e = ows_eng;
    struct ows_net_session *n;
    struct ows_reg key, *r, **pp;
    int err;

    if (!e)
        return OWS_E_TL_NOT_INITIALIZED;
    if (s->closing)
        return OWS_E_SESSION_INVALID;
    memset(&key, 0, sizeof(key));
    if (src) {
        key.has_src = 1;
        key.src = src->addr;
    }
    if (dst) {
        key.has_dst = 1;
        key.dst = dst->addr;
    }
    if (ctx) {
        key.has_community = 1;
        key.community = ctx->community;
    }
    if (oid)
        key.oid = *oid;
    n = ows_net_state(s, 1);
    if (!n)
        return OWS_E_ALLOC;
    for (pp = &n->regs; *pp; pp = &(*pp)->next)
        if (reg_same(*pp, &key))
            break;
    if (!on) {
        if (!*pp)
            return OWS_E_NOOP;
        r = *pp;
        *pp = r->next;
        reg_free(r);
        if (!n->regs)
            unlink_reg_session(e, n);
        trap_socket_unref(e, 1);
        return OWS_OK;
    }
    /* Repeating a registration is harmless; a redundant one succeeds and
     * is not stored. */
    if (reg_known(n, &key))
        return OWS_OK;

    if (!e->trap_sock) {
        /* May drop the API lock: the caller holds s and the filter's
         * objects; n and e are looked up again once it returns. */
        err = trap_socket_open(s, dst);
        /* SnmpRegister documents TL_IN_USE (the trap port is taken) and
         * TL_NOT_AVAILABLE (the network subsystem failed: no socket). */
        if (err == OWS_E_TL_RESOURCE_ERROR || err == OWS_E_TL_NOT_SUPPORTED)
            err = OWS_E_TL_NOT_AVAILABLE;
        else if (err && err != OWS_E_ALLOC && err != OWS_E_TL_IN_USE &&
                 err != OWS_E_TL_NOT_INITIALIZED && err != OWS_E_SESSION_INVALID)
            err = OWS_E_OTHER;
        if (err)
            return err;
        e = ows_eng;
        n = s->net;
        /* Another thread of this session may have registered it meanwhile. */
        if (reg_known(n, &key))
            return OWS_OK;
    }
    r = ows_calloc(1, sizeof(*r));
    if (!r)
        goto nomem;
    *r = key;
    r->community.ptr = NULL;
    r->oid.ids = NULL;
    if (key.community.len) {
        r->community.ptr = ows_malloc(key.community.len);
        if (!r->community.ptr)
            goto nomem;
        memcpy(r->community.ptr, key.community.ptr, key.community.len);
    }
    if (key.oid.len) {
        r->oid.ids = ows_malloc(key.oid.len * sizeof(uint32_t));
        if (!r->oid.ids)
            goto nomem;
        memcpy(r->oid.ids, key.oid.ids, key.oid.len * sizeof(uint32_t));
    }
    if (!n->regs) {
        n->reg_prev = NULL;
        n->reg_next = e->reg_sessions;
        if (e->reg_sessions)
            e->reg_sessions->reg_prev = n;
        e->reg_sessions = n;
    }
    r->next = n->regs;
    n->regs = r;
    e->nregs++;
    return OWS_OK;
nomem:
    if (r)
        reg_free(r);
    /* The socket may have just been opened for this registration. */
    e->nregs++;
    trap_socket_unref(e, 1);
    return OWS_E_ALLOC;
}

void ows_transport_release(struct ows_session *s, struct ows_net_session *n)
{
    struct ows_engine *e = ows_eng;
    uint32_t count = 0;
    (void)s;
    while (n->listens) {
        struct ows_net_sock *ns = n->listens;
        n->listens = ns->next_listen;
        ows_net_retire_sock(ns);
    }
    while (n->regs) {
        struct ows_reg *r = n->regs;
        n->regs = r->next;
        reg_free(r);
        count++;
    }
    if (count && e) {
        unlink_reg_session(e, n);
        trap_socket_unref(e, count);
    }
}

/* ---- What arrives ------------------------------------------------------ */

static const uint32_t trapoid0[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };

/* Request ids for received SNMPv1 traps, which carry none on the wire.
 * Guarded by the API lock, like everything on the receive path. */
static int32_t v1_trap_ids;

/* Rewrites a decoded SNMPv1 Trap-PDU into SNMPv2 form (RFC 3584 3.1, the
 * codec's trap_convert.c). Microsoft's "Assigning Request Identifiers": the
 * implementation gives such a trap a non-zero request id. */
static int v1_to_v2(ows_pdu *p)
{
    ows_pdu out;
    int err = ows_trap_v1_to_v2(p, &out);
    if (err)
        return err;
    ows_pdu_free(p);   /* the old list, its arena and the enterprise OID in it */
    *p = out;
    v1_trap_ids = v1_trap_ids == INT32_MAX ? 1 : v1_trap_ids + 1;
    p->request_id = v1_trap_ids;
    return OWS_OK;
}

/* The value of snmpTrapOID.0 in an SNMPv2 notification, or NULL. */
static const ows_oid *trap_oid(const ows_pdu *p)
{
    uint32_t i;
    for (i = 0; i < p->vbl.count && i < 3; i++) {
        const ows_varbind *vb = &p->vbl.items[i];
        if (vb->name.len == 11 && !memcmp(vb->name.ids, trapoid0, sizeof(trapoid0)) &&
            vb->value.syntax == OWS_SYN_OID)
            return &vb->value.v.oid;
    }
    return NULL;
}

static int reg_matches(const struct ows_reg *r, const struct ows_addr *from,
                       const ows_octets *community, const ows_oid *toid)
{
    if (r->has_dst && !same_host(&r->dst, from))
        return 0;
    if (r->has_community && !same_community(&r->community, community))
        return 0;
    if (r->oid.len) {
        if (!toid || toid->len < r->oid.len ||
            memcmp(toid->ids, r->oid.ids, r->oid.len * sizeof(uint32_t)))
            return 0;
    }
    return 1;
}

/* Queues one message to a session and notifies it; on failure frees it.
 * copy: the session gets a copy and m stays the caller's. headed: m is as
 * the engine decoded it, its arena opening with room for the queue item
 * (OWS_RX_HEAD), so the item needs no allocation and the community stays
 * where it was decoded (an agent's requests: ows_queue_received does the
 * same for responses). v1: the header of the SNMPv1 Trap-PDU m was
 * converted from, or NULL. */
static void deliver(struct ows_session *s, const struct ows_addr *from,
                    const struct ows_addr *local, ows_msg *m, int copy, int headed,
                    const struct ows_v1_trap_hdr *v1)
{
    struct ows_engine *e = ows_eng;
    struct ows_net_session *n = s->net;
    struct ows_rxitem *it;

    if (!n || s->closing || n->qlen >= OWS_NET_QUEUE_MAX) {
        e->n_traps_dropped++;
        OWS_WARN("session %08x: message dropped (queue full or closing; %lu dropped)",
                 s->hdr.handle, e->n_traps_dropped);
        if (!copy)
            ows_pdu_free(&m->pdu);
        return;
    }
    if (!copy && headed && (it = ows_rxitem_in_head(m)) != NULL)
        goto queue;
    it = ows_calloc(1, sizeof(*it));
    if (it && m->community.len) {
        it->own_community = ows_malloc(m->community.len);
        if (it->own_community)
            memcpy(it->own_community, m->community.ptr, m->community.len);
    }
    if (!it || (m->community.len && !it->own_community) ||
        (copy && ows_pdu_copy(&it->msg.pdu, &m->pdu))) {
        if (it)
            ows_free(it->own_community);
        ows_free(it);
        e->n_traps_dropped++;
        if (!copy)
            ows_pdu_free(&m->pdu);
        return;
    }
    if (!copy)
        it->msg.pdu = m->pdu;
    it->msg.version = m->version;
    it->msg.community.len = m->community.len;
    it->msg.community.ptr = it->own_community;
queue:
    it->request_id = m->pdu.request_id;
    if (v1) {
        it->has_v1 = 1;
        it->v1 = *v1;
    }
    it->peer = *from;
    it->local = *local;
    ows_queue_push(n, it);
    ows_notify(s, 0, (intptr_t)it->request_id);
}

void ows_transport_received(struct ows_net_sock *ns, const struct ows_addr *from, ows_msg *m)
{
    struct ows_engine *e = ows_eng;
    int32_t t = m->pdu.type;
    /* A v1 trap's community, kept out of the arena v1_to_v2 frees: on the
     * stack when short, else on the heap, never cut short. */
    uint8_t com_small[256], *com = com_small;
    /* A v1 trap's header, which its SNMPv2 form does not all keep. */
    struct ows_v1_trap_hdr v1, *has_v1 = NULL;

    if (ns->dead)
        goto drop;
    if (ns->role == OWS_SOCK_LISTEN) {
        if (t == OWS_PDU_RESPONSE) {
            /* The reply to an INFORM or request the agent sent from here. */
            ows_queue_received(ns, from, m);
            return;
        }
        if (t != OWS_PDU_GET && t != OWS_PDU_GETNEXT && t != OWS_PDU_GETBULK &&
            t != OWS_PDU_SET) {
            e->n_foreign++;
            goto drop;
        }
        if (!ns->s || ns->s->closing)
            goto drop;
        e->n_requests++;
        deliver(ns->s, from, &ns->local, m, 0, 1, NULL);
        return;
    }

    /* The trap socket. */
    if (t != OWS_PDU_TRAP && t != OWS_PDU_V1TRAP && t != OWS_PDU_INFORM) {
        e->n_foreign++;
        goto drop;
    }
    e->n_traps++;
    if (t == OWS_PDU_INFORM) {
        /* Acknowledge: a RESPONSE with the same request id and varbinds. */
        ows_msg ack = *m;
        int err;
        const struct ows_v3_in *v3 = ows_msg_v3_state(m);
        ack.pdu.type = OWS_PDU_RESPONSE;
        ack.pdu.error_status = ack.pdu.error_index = 0;
        err = v3 ? ows_net_send_v3_reply(ns->fd, v3, &ack.pdu, from)
                 : ows_net_send_msg(ns->fd, &ack, from);
        if (err)
            OWS_WARN("INFORM %d: acknowledgement failed: %s", m->pdu.request_id,
                     ows_strerror(err));
    }
    if (t == OWS_PDU_V1TRAP) {
        size_t clen = m->community.len;
        if (clen > sizeof(com_small) && (com = ows_malloc(clen)) == NULL) {
            com = com_small;
            e->n_traps_dropped++;
            OWS_WARN("v1 trap dropped: no memory for its %lu-byte community", (unsigned long)clen);
            goto drop;
        }
        memcpy(com, m->community.ptr, clen);
        memcpy(v1.agent_addr, m->pdu.agent_addr, 4);
        v1.generic_trap = m->pdu.generic_trap;
        v1.specific_trap = m->pdu.specific_trap;
        v1.time_stamp = m->pdu.time_stamp;
        has_v1 = &v1;
        if (v1_to_v2(&m->pdu)) {
            e->n_traps_dropped++;
            goto drop;
        }
        m->community.ptr = com;
        m->community.len = (uint32_t)clen;
    }
    {
        struct ows_net_session *n;
        const ows_oid *toid = trap_oid(&m->pdu);
        struct ows_session *targets[64];
        size_t nt = 0, i;
        /* Collect the matching sessions first (at most 64 receive one trap). */
        for (n = e->reg_sessions; n && nt < 64; n = n->reg_next) {
            struct ows_reg *r;
            for (r = n->regs; r; r = r->next)
                if (reg_matches(r, from, &m->community, toid))
                    break;
            if (r)
                targets[nt++] = n->owner;
        }
        if (nt == 0) {
            e->n_unmatched++;
            goto drop;
        }
        for (i = 0; i < nt; i++)
            deliver(targets[i], from, &ns->local, m, i + 1 < nt, !has_v1, has_v1);
        if (com != com_small)
            ows_free(com);
        return;
    }
drop:
    if (com != com_small)
        ows_free(com);
    ows_pdu_free(&m->pdu);
    memset(m, 0, sizeof(*m));
}

/* ---- Sending a notification to an SNMPv1 entity ------------------------ */

/* The agent-addr of SNMPv1 traps converted from SNMPv2 traps (see
 * SnmpSetAgentAddress/SnmpConveyAgentAddress in api/agent.c). Process-wide;
 * guarded by the API lock. */
static uint8_t agent_addr[4];
static int convey_agent_addr = 1;

static const uint32_t trapaddr0[] = { 1, 3, 6, 1, 6, 3, 18, 1, 3, 0 };

int ows_net_set_agent_address(const char *text)
{
    struct ows_addr a;
    int err;
    if (!text || !*text) {
        memset(agent_addr, 0, sizeof(agent_addr));
        return OWS_OK;
    }
    err = ows_resolve(text, OWS_AF_INET, &a);
    if (err)
        return err;
    memcpy(agent_addr, a.bytes, 4);
    return OWS_OK;
}

void ows_net_convey_agent_address(int on)
{
    convey_agent_addr = on;
}

int ows_net_trap_for_v1(const ows_pdu *v2, ows_pdu *v1)
{
    uint8_t addr[4] = { 0, 0, 0, 0 };
    uint32_t i;
    if (convey_agent_addr) {
        memcpy(addr, agent_addr, 4);
        for (i = 0; i < v2->vbl.count; i++) {
            const ows_varbind *vb = &v2->vbl.items[i];
            if (vb->name.len == 10 && !memcmp(vb->name.ids, trapaddr0, sizeof(trapaddr0)) &&
                vb->value.syntax == OWS_SYN_IPADDR && vb->value.v.str.len == 4) {
                memcpy(addr, vb->value.v.str.ptr, 4);
                break;
            }
        }
    }
    return ows_trap_v2_to_v1(v2, addr, v1);
}
