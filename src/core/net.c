/* net.c - the network engine: its lifecycle (ows_net_start/ows_net_stop),
 * the I/O thread's loop, the sockets of each session, and the engine's part
 * of the one session release path (ows_net_session_release).
 *
 * See engine.h for the design. The loop, in short: with the API lock held,
 * close released sockets, run due timers, deliver pending callbacks (which
 * drops the lock), then drop the lock and wait in the poller until a socket
 * is readable, the earliest deadline passes or someone wakes us; read and
 * decode a batch of datagrams without the lock, and match them with it.
 */
#include <string.h>
#include "core/alloc.h"
#include "core/engine.h"
#include "core/error.h"
#include "core/msg_codec.h"
#include "core/net.h"
#include "core/session.h"
#include "core/state.h"
#include "core/trace.h"
#include "core/v3_inbound.h"
#include "core/v3_local.h"
#include "core/v3_manager.h"
#include "core/v3_mib.h"

struct ows_engine *ows_eng;
ows_cond ows_net_deliver_cond;
static int deliver_cond_ready;

/* An engine stopped from its own thread (SnmpCleanup inside a callback)
 * cannot join itself; the next start or stop from another thread joins it. */
static ows_thread zombie;
static uint64_t zombie_id;
static int have_zombie;

/* Datagrams read per loop turn before matching them (fairness and latency). */
#define RX_BATCH 64
/* Room for the answer to a GET of the engine's own objects (v3_mib.h):
 * OWS_V3_MIB_MAX_VBS variables of at most ~50 bytes, and the headers. */
#define V3_MIB_REPLY_MAX 2048u

/* Datagrams longer than this, sent from a callback, go out at once instead
 * of joining the batch (OUT_SLOT bytes of copy room each). */
#define OUT_SLOT 1024u
/* Sends from callbacks are batched only in turns that deliver at least
 * OUT_MIN_NOTES notifications, and a batch leaves once it holds OUT_CHUNK
 * datagrams: with few requests in flight, holding a send back until the
 * turn ends only delays the peer (which works in parallel on the other
 * core), and smaller batches keep it busy while later callbacks run. */
#define OUT_MIN_NOTES 4u
#define OUT_CHUNK 8u

struct rx_slot {
    struct ows_net_sock *ns;
    struct ows_addr from;
    ows_msg msg;
    uint8_t *raw;                     /* an SNMPv3 datagram, judged with the lock held */
    size_t raw_len;
};

/* The engine thread's private receive state: used without the lock. */
struct rx_state {
    struct rx_slot *rx;               /* RX_BATCH decoded datagrams */
    /* Blocks to decode into, taken from e->spare_rx while the lock is held. */
    void *mem[RX_BATCH];
    uint32_t nmem;
    uint8_t *buf;                     /* max(nslots, 1) datagrams of OWS_NET_MAX_DGRAM + 1 */
    struct ows_dgram *slots;          /* the batch path's view of buf */
    unsigned nslots;                  /* 0: one datagram per call (WSNMP_BATCH=0) */
    int nb;                           /* decoded so far in this turn */
    unsigned long bad, calls;
    /* rx_read_single: turns in a row that found one datagram, and whether
     * the system lacks a cheap "another datagram waiting?" question. */
    unsigned lone;
    int no_pending;
};

void ows_net_wake(void)
{
    if (ows_eng)
        ows_poller_wake(ows_eng->poller);
}

struct ows_net_session *ows_net_state(struct ows_session *s, int create)
{
    /* A session being released has let go of its state for good. */
    if (!s->net && create && !s->closing) {
        struct ows_net_session *n = ows_calloc(1, sizeof(*n));
        if (n)
            n->owner = s;
        s->net = n;
    }
    return s->net;
}

static void close_dead(struct ows_engine *e);

/* Makes sure released sockets are closed, so that their ports can be bound
 * again at once (SnmpListen/SnmpRegister right after a close). The engine
 * thread closes them between polls; we wait for that (at most ~1 s), or do
 * it ourselves when we are the engine thread. The wait drops the API lock:
 * the engine may even be stopped and freed meanwhile, so `e` is compared
 * with ows_eng before it is read again. */
static void flush_dead(struct ows_engine *e)
{
    int tries;
    if (!e->dead)
        return;
    if (e->thread_id == ows_thread_id()) {
        close_dead(e);
        return;
    }
    ows_poller_wake(e->poller);
    for (tries = 0; tries < 20 && ows_eng == e && e->dead; tries++)
        ows_lock_wait(&ows_net_deliver_cond, 50);
}

int ows_net_bind_sock(int family, int role, const struct ows_addr *addr,
                      struct ows_net_sock **out)
{
    struct ows_engine *e = ows_eng;
    struct ows_net_sock *ns;
    struct ows_addr any;
    int err;

    if (!e)
        return OWS_E_TL_NOT_INITIALIZED;
    ns = ows_calloc(1, sizeof(*ns));
    if (!ns)
        return OWS_E_ALLOC;
    ns->family = family;
    ns->role = role;
    err = ows_sock_open(family, &ns->fd);
    if (err) {
        ows_free(ns);
        return err;
    }
    if (role != OWS_SOCK_TRAP)
        ows_sock_set_rcvbuf(ns->fd, OWS_NET_RCVBUF);
    if (!addr) {
        memset(&any, 0, sizeof(any));
        any.family = (uint16_t)family;
        addr = &any;
    }
    err = ows_sock_bind(ns->fd, addr);
    /* Only a chosen port can be held by our own released socket; an
     * ephemeral bind (a manager socket) never waits, so SnmpSendMsg never
     * drops the API lock. */
    if (err == OWS_E_TL_IN_USE && addr->port != 0 && e->dead) {
        flush_dead(e);
        if (ows_eng)
            err = ows_sock_bind(ns->fd, addr);
    }
    if (!err)
        err = ows_sock_local_addr(ns->fd, &ns->local);
    if (err) {
        ows_net_discard_sock(ns);
        return err;
    }
    *out = ns;
    return OWS_OK;
}

void ows_net_discard_sock(struct ows_net_sock *ns)
{
    ows_sock_close(ns->fd);
    ows_free(ns);
}

int ows_net_publish_sock(struct ows_net_sock *ns, struct ows_session *owner)
{
    struct ows_engine *e = ows_eng;

    if (!e)
        return OWS_E_TL_NOT_INITIALIZED;
    if (e->nsocks == e->socks_cap) {
        uint32_t cap = e->socks_cap ? e->socks_cap * 2 : OWS_NET_FIRST_SOCKS;
        struct ows_net_sock **a = ows_realloc(e->socks, cap * sizeof(*a));
        if (!a)
            return OWS_E_ALLOC;
        e->socks = a;
        e->socks_cap = cap;
    }
    ns->s = owner;
    ns->index = e->nsocks;
    e->socks[e->nsocks++] = ns;
    e->socks_gen++;
    ows_poller_wake(e->poller);
    return OWS_OK;
}

int ows_net_socket(struct ows_session *s, int family, int role, struct ows_net_sock **out)
{
    struct ows_net_session *n = s->net;
    struct ows_net_sock *ns;
    int idx = family == OWS_AF_INET6 ? 1 : 0, err;

    if (n->sock[idx]) {
        *out = n->sock[idx];
        return OWS_OK;
    }
    /* An ephemeral port: ows_net_bind_sock does not drop the lock here. */
    err = ows_net_bind_sock(family, role, NULL, &ns);
    if (err)
        return err;
    err = ows_net_publish_sock(ns, s);
    if (err) {
        ows_net_discard_sock(ns);
        return err;
    }
    n->sock[idx] = ns;
    *out = ns;
    return OWS_OK;
}

/* Hands a session's socket to the engine for closing (or closes it now when
 * no engine runs). */
static void retire_socket(struct ows_engine *e, struct ows_net_sock *ns)
{
    ns->s = NULL;
    ns->dead = 1;
    if (!e) {
        ows_sock_close(ns->fd);
        ows_free(ns);
        return;
    }
    if (ns->index < e->nsocks && e->socks[ns->index] == ns) {
        struct ows_net_sock *last = e->socks[--e->nsocks];
        e->socks[ns->index] = last;
        last->index = ns->index;
    }
    ns->next_dead = e->dead;
    e->dead = ns;
    e->socks_gen++;
}

void ows_net_retire_sock(struct ows_net_sock *ns)
{
    retire_socket(ows_eng, ns);
    if (ows_eng)
        ows_poller_wake(ows_eng->poller);
}

static void close_dead(struct ows_engine *e)
{
    if (!e->dead)
        return;
    /* A batch may still name a socket about to close. */
    if (e->nout)
        ows_net_flush(e);
    while (e->dead) {
        struct ows_net_sock *ns = e->dead;
        e->dead = ns->next_dead;
        ows_sock_close(ns->fd);
        ows_free(ns);
    }
    /* Someone may wait in flush_dead to bind a port again. */
    ows_cond_broadcast(&ows_net_deliver_cond);
}

void ows_net_session_release(struct ows_session *s)
{
    struct ows_net_session *n = s->net;
    struct ows_engine *e = ows_eng;
    int i;

    if (!n)
        return;
    /* Nothing more is matched to this session once its sockets are gone. */
    for (i = 0; i < 2; i++) {
        if (n->sock[i]) {
            retire_socket(e, n->sock[i]);
            n->sock[i] = NULL;
        }
    }
    ows_transport_release(s, n);
    if (e)
        ows_poller_wake(e->poller);
    ows_req_free_all(n);
    ows_queue_free_all(n);
    /* A callback of this session running on the engine thread must end
     * before SnmpClose returns, unless we are that callback. */
    while ((e = ows_eng) != NULL && e->delivering == s && e->thread_id != ows_thread_id())
        ows_lock_wait(&ows_net_deliver_cond, -1);
    /* The wait dropped the lock: anything queued meanwhile goes too. */
    ows_req_free_all(n);
    ows_queue_free_all(n);
    s->net = NULL;
    ows_free(n);
}

/* Makes the engine thread's private copy of the socket list hold c sockets
 * (a failure leaves it as it was, to be retried). */
static int snapshot_room(ows_sock **fds, struct ows_net_sock ***ents, uint8_t **ready,
                         uint32_t *cap, uint32_t c)
{
    ows_sock *f;
    struct ows_net_sock **en;
    uint8_t *r;

    if (c <= *cap)
        return OWS_OK;
    f = ows_realloc(*fds, c * sizeof(**fds));
    if (!f)
        return OWS_E_ALLOC;
    *fds = f;
    en = ows_realloc(*ents, c * sizeof(**ents));
    if (!en)
        return OWS_E_ALLOC;
    *ents = en;
    r = ows_realloc(*ready, c);
    if (!r)
        return OWS_E_ALLOC;
    *ready = r;
    *cap = c;
    return OWS_OK;
}

/* Rebuilds the engine thread's private copy of the socket list. */
static int snapshot(struct ows_engine *e, ows_sock **fds, struct ows_net_sock ***ents,
                    uint8_t **ready, uint32_t *cap, uint32_t *n)
{
    uint32_t i;
    if (e->nsocks > *cap && snapshot_room(fds, ents, ready, cap, e->socks_cap))
        return OWS_E_ALLOC;
    *n = 0;
    for (i = 0; i < e->nsocks; i++) {
        /* Sockets of synchronous exchanges are read by their caller only. */
        if (e->socks[i]->role == OWS_SOCK_SYNC)
            continue;
        (*fds)[*n] = e->socks[i]->fd;
        (*ents)[*n] = e->socks[i];
        (*n)++;
    }
    return OWS_OK;
}

/* An SNMPv3 message at an agent's or receiver's socket: checked against
 * the local engine (v3_inbound.h); what fails is dropped, and answered with
 * the Report it earns, sent from the socket it came to. A GET of the
 * engine's own objects (v3_mib.h) is answered here, and goes no further. */
static int rx_take_v3(struct ows_net_sock *ns, struct rx_slot *slot, const uint8_t *p,
                      size_t len, void *mem, const struct ows_v3_in **v3)
{
    uint8_t report[OWS_V3_REPORT_MAX];
    struct ows_v3_in *st;
    size_t off, rlen;
    int err = ows_v3_in_take(p, len, &slot->msg, OWS_RX_HEAD, mem, OWS_RX_BLOCK, &st, report,
                             &off, &rlen);
    if (rlen)
        (void)ows_sock_sendto(ns->fd, report + off, rlen, &slot->from);
    if (!err && ns->role == OWS_SOCK_LISTEN) {
        uint8_t reply[V3_MIB_REPLY_MAX];
        int ours = ows_v3_mib_answer(&slot->msg.pdu, st, reply, sizeof reply, &off, &rlen);
        if (ours) {
            if (ours > 0)
                (void)ows_sock_sendto(ns->fd, reply + off, rlen, &slot->from);
            ows_v3_in_release(&slot->msg, mem);
            return OWS_E_NOOP;
        }
    }
    *v3 = st;
    return err;
}

/* Decodes one received datagram (its sender already in rx[nb].from) into
 * a recycled block when it fits. */
static void rx_take(struct rx_state *st, struct ows_net_sock *ns, const uint8_t *p, size_t len)
{
    struct rx_slot *slot = &st->rx[st->nb];
    struct ows_rxitem *head;
    const struct ows_v3_in *v3 = NULL;
    void *mem;
    if (!st->nmem && (st->mem[0] = ows_malloc(OWS_RX_BLOCK)) != NULL)
        st->nmem = 1;
    mem = st->nmem ? st->mem[st->nmem - 1] : NULL;
    if (ns->role != OWS_SOCK_MANAGER && ns->role != OWS_SOCK_SYNC && ows_v3_is_msg(p, len)) {
        /* Failures are counted in v3_local.h's counters, not as malformed. */
        if (rx_take_v3(ns, slot, p, len, mem, &v3))
            return;
    } else if (ows_msg_decode_in(p, len, &slot->msg, OWS_RX_HEAD, mem, OWS_RX_BLOCK)) {
        /* An SNMPv3 answer to our request (v3_manager.h) is judged with
         * the API lock held (the remote engines, the requests' keys): a
         * copy of its bytes waits for it. */
        if (ns->role == OWS_SOCK_MANAGER && ows_v3_is_msg(p, len) &&
            (slot->raw = ows_malloc(len)) != NULL) {
            memcpy(slot->raw, p, len);
            slot->raw_len = len;
            slot->ns = ns;
            st->nb++;
            return;
        }
        st->bad++;
        return;
    }
    /* Whether the item heads a recyclable block (rxitem.c). */
    head = slot->msg.pdu.vbl.arena;
    head->v3 = v3;
    head->spare = st->nmem && (void *)head == st->mem[st->nmem - 1];
    if (head->spare)
        st->nmem--;
    slot->ns = ns;
    st->nb++;
}

/* Reads what fd holds, one datagram per system call, until it is drained or
 * the turn's batch is full (the path WSNMP_BATCH=0 keeps, and the one of
 * systems without batch calls). */
static void rx_read_single(struct rx_state *st, ows_sock fd, struct ows_net_sock *ns)
{
    int n = 0, first = st->nb;
    while (st->nb < RX_BATCH) {
        size_t got;
        int err;
        /* After the first datagram, ask once whether another waits, where
         * the system answers that more cheaply than a receive that finds
         * nothing (Winsock's FIONREAD: under Wine one server request, a
         * receive two). While turns keep finding one datagram (a light
         * load) the question is skipped, all but every 8th turn: the
         * poller's next wait answers it at the same price, since a socket
         * still holding a datagram is reported ready again at once. */
        if (n++ == 1 && !st->no_pending) {
            int more;
            if (st->lone % 8 != 0)
                break;
            more = ows_sock_pending(fd);
            if (more == 0)
                break;
            /* POSIX: the receive calls report an empty socket themselves. */
            st->no_pending = more < 0;
        }
        err = ows_sock_recvfrom(fd, st->buf, OWS_NET_MAX_DGRAM + 1, &got,
                                &st->rx[st->nb].from);
        st->calls++;
        if (err == OWS_E_NOOP)
            break;
        if (err) {
            st->bad++;
            if (err == OWS_E_TL_PDU_TOO_BIG)
                continue;
            break;
        }
        rx_take(st, ns, st->buf, got);
    }
    st->lone = st->nb - first == 1 ? st->lone + 1 : 0;
}

/* The same with up to nslots datagrams per system call (recvmmsg); a call
 * that returns fewer than it asked for has drained the socket, so no call
 * is spent learning that it is empty. */
static void rx_read_batch(struct rx_state *st, ows_sock fd, struct ows_net_sock *ns)
{
    while (st->nb < RX_BATCH) {
        unsigned want = RX_BATCH - (unsigned)st->nb, k;
        int got;
        if (want > st->nslots)
            want = st->nslots;
        got = ows_sock_recv_batch(fd, st->slots, want);
        st->calls++;
        if (got <= 0) {
            if (got < 0)
                st->bad++;
            break;
        }
        for (k = 0; k < (unsigned)got; k++) {
            if (st->slots[k].err) {
                st->bad++;
                continue;
            }
            st->rx[st->nb].from = st->slots[k].addr;
            rx_take(st, ns, st->slots[k].buf, st->slots[k].len);
        }
        if ((unsigned)got < want)
            break;
    }
}

/* Datagrams per batch call, or 0 for one datagram per call: on systems
 * without batch calls, and with WSNMP_BATCH=0 (the path before batching,
 * kept for measuring one against the other). */
static unsigned batch_size(void)
{
    const char *v = ows_plat_getenv("WSNMP_BATCH");
    unsigned n = (v && !strcmp(v, "0")) ? 0 : ows_sock_batch_max();
    return n < 2 ? 0 : n;
}

/* Makes the receive buffers. */
static int rx_init(struct rx_state *st)
{
    unsigned n = batch_size(), i;
    memset(st, 0, sizeof(*st));
    st->rx = ows_calloc(RX_BATCH, sizeof(*st->rx));
    /* Full-size slots: any datagram may be the largest. Only the bytes that
     * arrive are touched, so most of this is never made resident. */
    st->buf = ows_malloc((size_t)(n ? n : 1) * (OWS_NET_MAX_DGRAM + 1));
    st->slots = n ? ows_calloc(n, sizeof(*st->slots)) : NULL;
    if (!st->rx || !st->buf || (n && !st->slots)) {
        ows_free(st->rx);
        ows_free(st->buf);
        ows_free(st->slots);
        memset(st, 0, sizeof(*st));
        return OWS_E_ALLOC;
    }
    for (i = 0; i < n; i++) {
        st->slots[i].buf = st->buf + (size_t)i * (OWS_NET_MAX_DGRAM + 1);
        st->slots[i].cap = OWS_NET_MAX_DGRAM + 1;
    }
    st->nslots = n;
    return OWS_OK;
}

static void rx_free(struct rx_state *st)
{
    ows_free(st->rx);
    ows_free(st->buf);
    ows_free(st->slots);
    while (st->nmem)
        ows_free(st->mem[--st->nmem]);
}

/* ---- Sending in batches -------------------------------------------------- */

/* The datagrams callbacks send while the engine delivers (SnmpSendMsg of
 * the next request, an agent's response) wait in e->out and leave in one
 * system call (sendmmsg) once the callbacks of this turn are done, instead
 * of one call each. Callers hold the API lock. */
static int out_init(struct ows_engine *e)
{
    unsigned n = batch_size(), i;
    if (!n)
        return OWS_OK;    /* every send goes out at once */
    e->out = ows_calloc(n, sizeof(*e->out));
    e->out_buf = ows_malloc((size_t)n * OUT_SLOT);
    if (!e->out || !e->out_buf) {
        ows_free(e->out);
        ows_free(e->out_buf);
        e->out = NULL;
        e->out_buf = NULL;
        return OWS_E_ALLOC;
    }
    for (i = 0; i < n; i++)
        e->out[i].buf = e->out_buf + (size_t)i * OUT_SLOT;
    e->out_max = n < OUT_CHUNK ? n : OUT_CHUNK;
    return OWS_OK;
}

void ows_net_flush(struct ows_engine *e)
{
    unsigned i = 0;
    while (i < e->nout) {
        int err, k = ows_sock_send_batch(e->out_fd, e->out + i, e->nout - i, &err);
        e->n_tx_calls++;
        i += (unsigned)(k > 0 ? k : 0);
        if (i < e->nout) {
            /* e->out[i] failed; a request among the batch is retransmitted
             * when its time comes. */
            e->n_send_failed++;
            OWS_WARN("a datagram of a batch could not be sent: %s", ows_strerror(err));
            i++;
        }
    }
    e->nout = 0;
}

int ows_net_sendto(ows_sock fd, const void *buf, size_t len, const struct ows_addr *to)
{
    struct ows_engine *e = ows_eng;
    if (e && e->deferring && len <= OUT_SLOT && e->thread_id == ows_thread_id()) {
        struct ows_dgram *d;
        if (e->nout && e->out_fd != fd)
            ows_net_flush(e);
        d = &e->out[e->nout++];
        memcpy(d->buf, buf, len);
        d->len = len;
        d->addr = *to;
        e->out_fd = fd;
        if (e->nout >= e->out_max)
            ows_net_flush(e);
        return OWS_OK;
    }
    if (e) {
        /* Keep the order of what this thread sent. */
        if (e->nout && e->thread_id == ows_thread_id())
            ows_net_flush(e);
        e->n_tx_calls++;
    }
    return ows_sock_sendto(fd, buf, len, to);
}

static void engine_free(struct ows_engine *e);

static void engine_main(void *arg)
{
    struct ows_engine *e = arg;
    ows_sock *fds = NULL;
    struct ows_net_sock **ents = NULL;
    uint8_t *ready = NULL;
    struct rx_state st;
    uint32_t cap = 0, nfds = 0, gen = 0;
    int have_snap = 0, detached, have_rx;

    have_rx = rx_init(&st) == OWS_OK;
    /* Room for the first sockets now, before ows_net_start returns, so that
     * the first sockets an application opens make this thread allocate
     * nothing behind its back (if this fails, the loop retries). */
    (void)snapshot_room(&fds, &ents, &ready, &cap, OWS_NET_FIRST_SOCKS);
    ows_lock();
    /* Without its batch buffers the engine sends one datagram per call. */
    out_init(e);
    e->thread_id = ows_thread_id();
    /* ows_net_start waits for this: the buffers above are made by then. */
    e->started = 1;
    ows_cond_broadcast(&ows_net_deliver_cond);
    while (!e->stop) {
        uint64_t now, next;
        long timeout_ms;
        int rc;
        uint32_t i;

        if (!have_rx) {
            /* Cannot work without buffers: wait for stop, retrying the allocation. */
            ows_unlock();
            ows_sleep_ms(50);
            have_rx = rx_init(&st) == OWS_OK;
            ows_lock();
            continue;
        }
        close_dead(e);
        while (st.nmem < RX_BATCH && (st.mem[st.nmem] = ows_spares_take(&e->spare_rx)) != NULL)
            st.nmem++;
        now = ows_clock_ns();
        next = ows_req_run_timers(now);
        if (e->nnotes) {
            /* What the callbacks send leaves in batches (OUT_CHUNK). */
            e->deferring = e->out != NULL && e->nnotes >= OUT_MIN_NOTES;
            ows_notify_deliver(e);
            e->deferring = 0;
            if (e->nout)
                ows_net_flush(e);
            continue;
        }
        if (!have_snap || gen != e->socks_gen) {
            if (snapshot(e, &fds, &ents, &ready, &cap, &nfds)) {
                ows_unlock();
                ows_sleep_ms(10);
                ows_lock();
                continue;
            }
            gen = e->socks_gen;
            have_snap = 1;
            ows_poller_changed(e->poller);
        }
        if (next == UINT64_MAX)
            timeout_ms = -1;
        else
            timeout_ms = (long)((next - now + 999999u) / 1000000u);
        e->sleep_until = next;
        ows_unlock();

        rc = ows_poller_wait(e->poller, fds, nfds, ready, timeout_ms, NULL);
        st.nb = 0;
        st.bad = st.calls = 0;
        /* Sockets are closed only by this thread, so every fd in the snapshot
         * is still open here even if its session has gone. */
        for (i = 0; rc > 0 && i < nfds && st.nb < RX_BATCH; i++) {
            if (!ready[i])
                continue;
            if (st.nslots)
                rx_read_batch(&st, fds[i], ents[i]);
            else
                rx_read_single(&st, fds[i], ents[i]);
        }
        ows_lock();
        e->sleep_until = 0;
        e->n_polls++;
        e->n_rx_calls += st.calls;
        e->n_read += (unsigned long)st.nb;
        if (st.bad) {
            e->n_malformed += st.bad;
            OWS_TRACE("dropped %lu malformed datagrams (%lu so far)", st.bad, e->n_malformed);
        }
        for (i = 0; i < (uint32_t)st.nb; i++) {
            struct rx_slot *r = &st.rx[i];
            /* Once stopped, the sessions are gone and ows_eng may already
             * be another engine: drop what was read. */
            if (r->raw) {
                /* Only manager sockets keep raw SNMPv3 (rx_take). */
                if (!e->stop)
                    ows_req_v3_received(r->ns, &r->from, r->raw, r->raw_len);
                ows_free(r->raw);
                r->raw = NULL;
            } else if (e->stop)
                ows_msg_free(&r->msg);
            else if (r->ns->role == OWS_SOCK_MANAGER)
                ows_queue_received(r->ns, &r->from, &r->msg);
            else
                ows_transport_received(r->ns, &r->from, &r->msg);
        }
    }
    /* Stopping: every session is gone; what callbacks sent last goes out
     * before the sockets close. */
    if (e->nout)
        ows_net_flush(e);
    ows_notify_discard(e);
    detached = e->thread_id == 0;   /* set by a stop from this very thread */
    if (ows_v3_stat(OWS_V3S_UNKNOWN_ENGINES) || ows_v3_stat(OWS_V3S_PARSE_ERRS) ||
        ows_v3_stat(OWS_V3S_INVALID_MSGS) || ows_v3_stat(OWS_V3S_UNKNOWN_USERS))
        OWS_STATS("SNMPv3 in: unknown security models %u, invalid %u, unknown PDU handlers %u, "
              "parse errors %u, usmStats unsupported levels %u, not in time window %u, "
              "unknown users %u, unknown engine IDs %u, wrong digests %u, decryption "
              "errors %u", ows_v3_stat(OWS_V3S_UNKNOWN_MODELS),
              ows_v3_stat(OWS_V3S_INVALID_MSGS), ows_v3_stat(OWS_V3S_UNKNOWN_PDU_HANDLERS),
              ows_v3_stat(OWS_V3S_PARSE_ERRS), ows_v3_stat(OWS_V3S_UNSUPPORTED_LEVELS),
              ows_v3_stat(OWS_V3S_NOT_IN_TIME), ows_v3_stat(OWS_V3S_UNKNOWN_USERS),
              ows_v3_stat(OWS_V3S_UNKNOWN_ENGINES), ows_v3_stat(OWS_V3S_WRONG_DIGESTS),
              ows_v3_stat(OWS_V3S_DECRYPTION_ERRORS));
    OWS_STATS("engine stops: sent %lu, retransmitted %lu, timeouts %lu, received %lu, "
              "unmatched %lu, malformed %lu, foreign %lu, queue full %lu, "
              "polls %lu, datagrams read %lu, receive calls %lu, send calls %lu, "
              "send failures %lu",
              e->n_sent, e->n_retrans, e->n_timeouts, e->n_received, e->n_unmatched,
              e->n_malformed, e->n_foreign, e->n_queue_full, e->n_polls, e->n_read,
              e->n_rx_calls, e->n_tx_calls, e->n_send_failed);
    ows_v3_mgr_shutdown();
    ows_unlock();
    ows_free(fds);
    ows_free(ents);
    ows_free(ready);
    if (have_rx)
        rx_free(&st);
    if (detached)
        engine_free(e);
}

static void engine_free(struct ows_engine *e)
{
    uint32_t i;
    close_dead(e);
    /* The trap socket (and anything a failed release left) goes here. */
    for (i = 0; i < e->nsocks; i++) {
        ows_sock_close(e->socks[i]->fd);
        ows_free(e->socks[i]);
    }
    ows_free(e->socks);
    ows_free(e->heap);
    ows_free(e->notes);
    ows_free(e->out);
    ows_free(e->out_buf);
    ows_spares_drain(&e->spare_reqs);
    ows_spares_drain(&e->spare_rx);
    ows_poller_free(e->poller);
    if (e->sock_started)
        ows_sock_cleanup();
    ows_free(e);
}

/* Joins an engine thread left by a stop from inside its own callback. Called
 * with the API lock held; drops it for the join, since that thread takes the
 * lock on its way out. */
static void join_zombie(void)
{
    if (have_zombie && zombie_id != ows_thread_id()) {
        ows_thread t = zombie;
        have_zombie = 0;
        ows_unlock();
        ows_thread_join(t);
        ows_lock();
    }
}

int ows_net_start(void)
{
    struct ows_engine *e;
    int err;

    ows_lock();
    if (!deliver_cond_ready) {
        err = ows_cond_init(&ows_net_deliver_cond);
        if (err) {
            ows_unlock();
            return err;
        }
        deliver_cond_ready = 1;
    }
    join_zombie();
    if (ows_eng) {
        ows_unlock();
        return OWS_OK;
    }
    ows_unlock();

    e = ows_calloc(1, sizeof(*e));
    if (!e)
        return OWS_E_ALLOC;
    e->sleep_until = UINT64_MAX;
    err = ows_sock_startup();
    if (err) {
        ows_free(e);
        return err;
    }
    e->sock_started = 1;
    err = ows_poller_new(&e->poller, OWS_NET_FIRST_SOCKS);
    if (err) {
        engine_free(e);
        return err;
    }
    ows_lock();
    ows_eng = e;
    ows_unlock();
    err = ows_thread_create(&e->thread, engine_main, e);
    if (err) {
        ows_lock();
        ows_eng = NULL;
        ows_unlock();
        engine_free(e);
        return err;
    }
    /* The thread's own start-up (its buffers, the start record it frees)
     * is over when startup returns, so nothing allocates or frees behind
     * the application's back afterwards. */
    ows_lock();
    while (ows_eng == e && !e->started)
        ows_lock_wait(&ows_net_deliver_cond, 50);
    ows_unlock();
    return OWS_OK;
}

void ows_net_stop(void)
{
    struct ows_engine *e;
    int self;

    ows_lock();
    join_zombie();
    e = ows_eng;
    if (!e) {
        ows_unlock();
        return;
    }
    ows_eng = NULL;
    e->stop = 1;
    self = e->thread_id == ows_thread_id();
    if (self) {
        /* Inside a callback: the thread frees the engine when the callback
         * returns; a later start or stop joins it. */
        e->thread_id = 0;
        zombie = e->thread;
        zombie_id = ows_thread_id();
        have_zombie = 1;
    }
    ows_poller_wake(e->poller);
    ows_unlock();
    /* The local SNMPv3 users' keys go with the engine (the next SnmpListen
     * or SnmpRegister reads them again). */
    ows_v3_local_clear();
    if (!self) {
        ows_thread_join(e->thread);
        engine_free(e);
    }
}
