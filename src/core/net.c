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

struct rx_slot {
    struct ows_net_sock *ns;
    struct ows_addr from;
    ows_msg msg;
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

static void engine_free(struct ows_engine *e);

static void engine_main(void *arg)
{
    struct ows_engine *e = arg;
    ows_sock *fds = NULL;
    struct ows_net_sock **ents = NULL;
    uint8_t *ready = NULL, *buf = ows_malloc(OWS_NET_MAX_DGRAM + 1);
    struct rx_slot *rx = ows_calloc(RX_BATCH, sizeof(*rx));
    /* Blocks to decode into, taken from e->spare_rx while the lock is held
     * (the decoding runs without it). */
    void *mem[RX_BATCH];
    uint32_t nmem = 0;
    uint32_t cap = 0, nfds = 0, gen = 0;
    int have_snap = 0, detached;

    /* Room for the first sockets now, before ows_net_start returns, so that
     * the first sockets an application opens make this thread allocate
     * nothing behind its back (if this fails, the loop retries). */
    (void)snapshot_room(&fds, &ents, &ready, &cap, OWS_NET_FIRST_SOCKS);
    ows_lock();
    e->thread_id = ows_thread_id();
    /* ows_net_start waits for this: the buffers above are made by then. */
    e->started = 1;
    ows_cond_broadcast(&ows_net_deliver_cond);
    while (!e->stop) {
        uint64_t now, next;
        long timeout_ms;
        int rc, nb = 0;
        unsigned long bad = 0;
        uint32_t i;

        if (!buf || !rx) {
            /* Cannot work without buffers: wait for stop, retrying the allocation. */
            ows_unlock();
            ows_sleep_ms(50);
            if (!buf) buf = ows_malloc(OWS_NET_MAX_DGRAM + 1);
            if (!rx) rx = ows_calloc(RX_BATCH, sizeof(*rx));
            ows_lock();
            continue;
        }
        close_dead(e);
        while (nmem < RX_BATCH && (mem[nmem] = ows_spares_take(&e->spare_rx)) != NULL)
            nmem++;
        now = ows_clock_ns();
        next = ows_req_run_timers(now);
        if (e->nnotes) {
            ows_notify_deliver(e);
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
        }
        if (next == UINT64_MAX)
            timeout_ms = -1;
        else
            timeout_ms = (long)((next - now + 999999u) / 1000000u);
        e->sleep_until = next;
        ows_unlock();

        rc = ows_poller_wait(e->poller, fds, nfds, ready, timeout_ms, NULL);
        /* Sockets are closed only by this thread, so every fd in the snapshot
         * is still open here even if its session has gone. */
        for (i = 0; rc > 0 && i < nfds && nb < RX_BATCH; i++) {
            if (!ready[i])
                continue;
            while (nb < RX_BATCH) {
                size_t got;
                int err = ows_sock_recvfrom(fds[i], buf, OWS_NET_MAX_DGRAM + 1, &got,
                                            &rx[nb].from);
                if (err == OWS_E_NOOP)
                    break;
                if (err) {
                    bad++;
                    if (err == OWS_E_TL_PDU_TOO_BIG)
                        continue;
                    break;
                }
                if (!nmem && (mem[0] = ows_malloc(OWS_RX_BLOCK)) != NULL)
                    nmem = 1;
                if (ows_msg_decode_in(buf, got, &rx[nb].msg, OWS_RX_HEAD,
                                      nmem ? mem[nmem - 1] : NULL, OWS_RX_BLOCK)) {
                    bad++;
                    continue;
                }
                /* Whether the item heads a recyclable block (rxitem.c). */
                {
                    struct ows_rxitem *head = rx[nb].msg.pdu.vbl.arena;
                    head->spare = nmem && (void *)head == mem[nmem - 1];
                    if (head->spare)
                        nmem--;
                }
                rx[nb].ns = ents[i];
                nb++;
            }
        }
        ows_lock();
        e->sleep_until = 0;
        if (bad) {
            e->n_malformed += bad;
            OWS_TRACE("dropped %lu malformed datagrams (%lu so far)", bad, e->n_malformed);
        }
        for (i = 0; i < (uint32_t)nb; i++) {
            /* Once stopped, the sessions are gone and ows_eng may already
             * be another engine: drop what was read. */
            if (e->stop)
                ows_msg_free(&rx[i].msg);
            else if (rx[i].ns->role == OWS_SOCK_MANAGER)
                ows_queue_received(rx[i].ns, &rx[i].from, &rx[i].msg);
            else
                ows_transport_received(rx[i].ns, &rx[i].from, &rx[i].msg);
        }
    }
    /* Stopping: every session is gone; close what is left. */
    ows_notify_discard(e);
    detached = e->thread_id == 0;   /* set by a stop from this very thread */
    OWS_TRACE("engine stops: sent %lu, retransmitted %lu, timeouts %lu, received %lu, "
              "unmatched %lu, malformed %lu, foreign %lu, queue full %lu",
              e->n_sent, e->n_retrans, e->n_timeouts, e->n_received, e->n_unmatched,
              e->n_malformed, e->n_foreign, e->n_queue_full);
    ows_unlock();
    ows_free(fds);
    ows_free(ents);
    ows_free(ready);
    ows_free(buf);
    ows_free(rx);
    while (nmem)
        ows_free(mem[--nmem]);
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
    if (!self) {
        ows_thread_join(e->thread);
        engine_free(e);
    }
}
