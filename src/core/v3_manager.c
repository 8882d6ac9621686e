/* v3_manager.c - the manager side of SNMPv3 (see v3_manager.h): remote
 * authoritative engines, the v3 state of outstanding requests, encoding
 * each try, and judging what comes back. Runs with the API lock held. */
#include <string.h>
#include "core/alloc.h"
#include "core/error.h"
#include "core/msg_codec.h"
#include "core/trace.h"
#include "core/usm_user.h"
#include "core/v3_manager.h"
#include "core/v3_target.h"
#include "crypto.h"

#define MAX_SIZE 65507           /* msgMaxSize: the largest UDP datagram */
#define WINDOW_S 150             /* RFC 3414 2.2.3's timeliness window */
#define IDS_PER_REQ 4            /* msgIDs a request answers to (its last tries) */
#define ID_BUCKETS 1024u
#define MAX_PEERS 4096           /* remote engines remembered at most */

/* A remote authoritative engine, known by the address we reach it at
 * (RFC 3414 2.3: snmpEngineID, boots, time, latestReceivedEngineTime). */
struct peer {
    struct peer *next;
    struct ows_addr addr;
    uint8_t engine_id[OWS_USM_ENGINE_ID_MAX];
    uint32_t engine_id_len;          /* 0: not discovered yet */
    int32_t boots, time, latest;     /* time as of synced_ns */
    uint64_t synced_ns;
    int time_auth;                   /* boots/time came from an authenticated message */
    /* Discovery is shared: one request probes (prober), the others to the
     * same address wait in `waiters` and go once the engine is known. */
    struct ows_v3_req *prober;
    struct ows_v3_req *waiters;
};

struct id_node {
    int32_t id;
    int probe;                       /* a discovery probe, not the request */
    int used;
    struct ows_v3_req *vr;
    struct id_node *next;
};

struct ows_v3_req {
    struct ows_v3_target *t;
    struct peer *p;
    void *owner;
    int32_t request_id;
    int retried;                     /* the one resync-and-retry is spent */
    int waiting;                     /* 0, WAITING (p->waiters) or READY (ready) */
    struct ows_v3_req *wait_next;
    uint32_t nids;
    struct id_node ids[IDS_PER_REQ];
};

enum { WAITING = 1, READY = 2 };

static struct peer *peers, *last_peer;
/* Requests whose engine a shared discovery just found: the engine takes
 * them (ows_v3_mgr_take_ready) and sends them at once. */
static struct ows_v3_req *ready;
static uint32_t npeers, live_reqs;
static struct id_node *buckets[ID_BUCKETS];
static int32_t next_msg_id;
static uint64_t next_salt;
static int seeded;

/* Counters for WSNMP_DEBUG=stats. */
static struct {
    unsigned long sent, probes, discovered, shared, resyncs, delivered, failed;
    unsigned long bad, unmatched, mismatch, digest, window, decrypt, scoped, reports;
} st;

static int same_addr(const struct ows_addr *a, const struct ows_addr *b)
{
    return a->family == b->family && a->port == b->port &&
           !memcmp(a->bytes, b->bytes, a->family == OWS_AF_INET ? 4 : 16);
}

static void seed(void)
{
    uint32_t r[3] = { 0, 0, 0 };
    if (seeded)
        return;
    /* Random starts: msgIDs and salts of an earlier run of this process's
     * program must not repeat under the same keys (RFC 3826 3.1.2.1). */
    if (ows_random(r, sizeof r))
        r[0] = (uint32_t)ows_clock_ns(), r[1] = r[0] * 2654435761u, r[2] = r[1] ^ 0x5bd1e995u;
    next_msg_id = (int32_t)(r[0] & 0x3fffffff) + 1;
    next_salt = (uint64_t)r[1] << 32 | r[2];
    seeded = 1;
}

/* ---- Remote engines ------------------------------------------------------ */

static struct peer *peer_of(const struct ows_addr *to)
{
    struct peer *p;
    if (last_peer && same_addr(&last_peer->addr, to))
        return last_peer;
    for (p = peers; p; p = p->next)
        if (same_addr(&p->addr, to))
            return last_peer = p;
    if (npeers >= MAX_PEERS)
        return NULL;
    p = ows_calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->addr = *to;
    p->next = peers;
    peers = p;
    npeers++;
    return last_peer = p;
}

/* The engine's time now, by our clock since the last update. */
static int32_t time_estimate(const struct peer *p)
{
    uint64_t t = (uint64_t)p->time + (ows_clock_ns() - p->synced_ns) / 1000000000u;
    return t > INT32_MAX ? INT32_MAX : (int32_t)t;
}

static void set_time(struct peer *p, int32_t boots, int32_t time, int auth)
{
    p->boots = boots;
    p->time = p->latest = time;
    p->synced_ns = ows_clock_ns();
    p->time_auth = auth;
}

/* RFC 3414 3.2 step 7.b for a non-authoritative receiver, on an
 * authenticated message from the engine: updates the notion of its time,
 * then says whether the message lies outside the window (1). Values learnt
 * from unauthenticated Reports (discovery) give way to the first
 * authenticated ones. */
static int outside_window(struct peer *p, int32_t boots, int32_t time)
{
    if (!p->time_auth || boots > p->boots || (boots == p->boots && time > p->latest)) {
        set_time(p, boots, time, 1);
        return boots == INT32_MAX;
    }
    return boots == INT32_MAX || boots < p->boots ||
           (boots == p->boots && time < time_estimate(p) - WINDOW_S);
}

/* ---- Requests and their msgIDs ------------------------------------------- */

static uint32_t bucket_of(int32_t id)
{
    return ((uint32_t)id * 2654435761u) >> 10 & (ID_BUCKETS - 1);
}

static void id_unlink(struct id_node *n)
{
    struct id_node **pp;
    if (!n->used)
        return;
    for (pp = &buckets[bucket_of(n->id)]; *pp; pp = &(*pp)->next)
        if (*pp == n) {
            *pp = n->next;
            break;
        }
    n->used = 0;
}

static struct id_node *id_find(int32_t id)
{
    struct id_node *n;
    for (n = buckets[bucket_of(id)]; n; n = n->next)
        if (n->id == id)
            return n;
    return NULL;
}

/* A new msgID for vr's next try; the oldest of its last IDS_PER_REQ goes. */
static int32_t id_take(struct ows_v3_req *vr, int probe)
{
    struct id_node *n = &vr->ids[vr->nids++ % IDS_PER_REQ];
    int32_t id;
    id_unlink(n);
    do {
        id = next_msg_id;
        next_msg_id = next_msg_id == INT32_MAX ? 1 : next_msg_id + 1;
    } while (id_find(id));
    n->id = id;
    n->probe = probe;
    n->vr = vr;
    n->used = 1;
    n->next = buckets[bucket_of(id)];
    buckets[bucket_of(id)] = n;
    return id;
}

/* Removes vr from the singly linked list at *head (short lists: the
 * requests that started while one discovery was outstanding). */
static void unlist(struct ows_v3_req **head, struct ows_v3_req *vr)
{
    for (; *head; head = &(*head)->wait_next)
        if (*head == vr) {
            *head = vr->wait_next;
            break;
        }
    vr->wait_next = NULL;
    vr->waiting = 0;
}

/* The engine of p is known: its waiters are ready to go. */
static void release_waiters(struct peer *p)
{
    while (p->waiters) {
        struct ows_v3_req *w = p->waiters;
        p->waiters = w->wait_next;
        w->wait_next = ready;
        w->waiting = READY;
        ready = w;
    }
}

void *ows_v3_mgr_take_ready(void)
{
    struct ows_v3_req *vr = ready;
    if (!vr)
        return NULL;
    ready = vr->wait_next;
    vr->wait_next = NULL;
    vr->waiting = 0;
    return vr->owner;
}

int ows_v3_req_new(struct ows_v3_target *t, const struct ows_addr *to, int32_t request_id,
                   void *owner, struct ows_v3_req **out)
{
    struct ows_v3_req *vr;
    struct peer *p;

    *out = NULL;
    seed();
    p = peer_of(to);
    if (!p)
        return OWS_E_ALLOC;
    vr = ows_calloc(1, sizeof *vr);
    if (!vr)
        return OWS_E_ALLOC;
    ows_v3_target_hold(t);
    vr->t = t;
    vr->p = p;
    vr->owner = owner;
    vr->request_id = request_id;
    live_reqs++;
    *out = vr;
    return OWS_OK;
}

void ows_v3_req_free(struct ows_v3_req *vr)
{
    uint32_t i;
    if (!vr)
        return;
    for (i = 0; i < IDS_PER_REQ; i++)
        id_unlink(&vr->ids[i]);
    if (vr->waiting == WAITING)
        unlist(&vr->p->waiters, vr);
    else if (vr->waiting == READY)
        unlist(&ready, vr);
    /* The waiters of a prober that ends probe on their own next try. */
    if (vr->p->prober == vr)
        vr->p->prober = NULL;
    ows_v3_target_put(vr->t);
    ows_free(vr);
    live_reqs--;
}

int ows_v3_req_encode(struct ows_v3_req *vr, const ows_pdu *pdu, uint8_t *buf, size_t cap,
                      size_t *off, size_t *len)
{
    struct ows_v3_target *t = vr->t;
    struct peer *p = vr->p;
    const ows_v3_keys *keys = NULL;
    ows_v3_head h;
    ows_v3_usm u;
    ows_v3_scoped sc;
    ows_pdu probe;
    int err;

    memset(&u, 0, sizeof u);
    memset(&sc, 0, sizeof sc);
    h.max_size = MAX_SIZE;
    h.flags = OWS_V3_FLAG_REPORTABLE;
    h.security_model = OWS_V3_MODEL_USM;
    if (!p->engine_id_len && p->prober && p->prober != vr) {
        /* Another request's probe is out: wait for it, send nothing. */
        if (!vr->waiting) {
            vr->wait_next = p->waiters;
            p->waiters = vr;
            vr->waiting = WAITING;
            st.shared++;
        }
        *off = *len = 0;
        return OWS_OK;
    }
    if (!p->engine_id_len) {
        /* RFC 3414 4: noAuthNoPriv, empty engine ID and user, no varbinds.
         * A waiter whose prober ended takes its place. */
        if (vr->waiting == WAITING)
            unlist(&p->waiters, vr);
        p->prober = vr;
        memset(&probe, 0, sizeof probe);
        probe.type = OWS_PDU_GET;
        probe.request_id = pdu->request_id;
        sc.pdu = &probe;
        h.msg_id = id_take(vr, 1);
        err = ows_v3_encode(&h, &u, &sc, NULL, buf, cap, off, len);
        if (!err)
            st.probes++;
        return err;
    }
    if (t->user.level != OWS_USM_NOAUTH) {
        err = ows_v3_target_keys(t, p->engine_id, p->engine_id_len, &keys);
        if (err)
            return err;
        h.flags |= ows_usm_level_flags(t->user.level);
        u.engine_boots = p->boots;
        u.engine_time = time_estimate(p);
    }
    memcpy(u.engine_id, p->engine_id, p->engine_id_len);
    u.engine_id_len = p->engine_id_len;
    memcpy(u.user, t->user.name, t->user.name_len);
    u.user_len = t->user.name_len;
    if (h.flags & OWS_V3_FLAG_PRIV) {
        /* A 64-bit counter from a random start: never repeats under a key. */
        uint64_t salt = next_salt++;
        for (int i = 0; i < OWS_USM_SALT_LEN; i++)
            u.priv[i] = (uint8_t)(salt >> (56 - 8 * i));
        u.priv_len = OWS_USM_SALT_LEN;
    }
    if (t->context_engine_len) {
        sc.context_engine_id = t->context_engine;
        sc.context_engine_id_len = t->context_engine_len;
    } else {
        sc.context_engine_id = p->engine_id;
        sc.context_engine_id_len = p->engine_id_len;
    }
    sc.context_name = t->context;
    sc.context_name_len = t->context_len;
    sc.pdu = pdu;
    h.msg_id = id_take(vr, 0);
    err = ows_v3_encode(&h, &u, &sc, keys, buf, cap, off, len);
    if (!err)
        st.sent++;
    return err;
}

/* ---- Receiving ----------------------------------------------------------- */

/* Report varbinds (RFC 3414 usmStats, RFC 3412 snmpMPDStats, RFC 3413
 * snmpUnavailableContexts/snmpUnknownContexts). */
enum { REP_OTHER, REP_UNKNOWN_ENGINE, REP_NOT_IN_TIME };

static const char *report_name(const ows_msg *m, int *kind)
{
    static const uint32_t usm[] = { 1, 3, 6, 1, 6, 3, 15, 1, 1 };
    static const uint32_t mpd[] = { 1, 3, 6, 1, 6, 3, 11, 2, 1 };
    static const uint32_t tgt[] = { 1, 3, 6, 1, 6, 3, 12, 1 };
    static const char *const usm_names[] = { "?", "usmStatsUnsupportedSecLevels",
        "usmStatsNotInTimeWindows", "usmStatsUnknownUserNames", "usmStatsUnknownEngineIDs",
        "usmStatsWrongDigests", "usmStatsDecryptionErrors" };
    static const char *const mpd_names[] = { "?", "snmpUnknownSecurityModels",
        "snmpInvalidMsgs", "snmpUnknownPDUHandlers" };
    const ows_oid *o;
    *kind = REP_OTHER;
    if (!m->pdu.vbl.count)
        return "a Report without varbinds";
    o = &m->pdu.vbl.items[0].name;
    if (o->len >= 10 && !memcmp(o->ids, usm, sizeof usm) && o->ids[9] >= 1 && o->ids[9] <= 6) {
        *kind = o->ids[9] == 4 ? REP_UNKNOWN_ENGINE : o->ids[9] == 2 ? REP_NOT_IN_TIME
                                                                     : REP_OTHER;
        return usm_names[o->ids[9]];
    }
    if (o->len >= 10 && !memcmp(o->ids, mpd, sizeof mpd) && o->ids[9] >= 1 && o->ids[9] <= 3)
        return mpd_names[o->ids[9]];
    if (o->len >= 9 && !memcmp(o->ids, tgt, sizeof tgt) && (o->ids[8] == 4 || o->ids[8] == 5))
        return o->ids[8] == 4 ? "snmpUnavailableContexts" : "snmpUnknownContexts";
    return "an unknown Report";
}

/* A Report for request vr (RFC 3412 7.2.11, RFC 3414 3.2): discovery and
 * one resync-and-retry where the RFC allows, else the request's end. */
static int on_report(struct ows_v3_req *vr, int probe, const ows_v3_msg *m, const ows_msg *pdu,
                     int *err)
{
    struct peer *p = vr->p;
    int kind, authed = (m->head.flags & OWS_V3_FLAG_AUTH) != 0;
    const char *name = report_name(pdu, &kind);

    st.reports++;
    if (kind == REP_UNKNOWN_ENGINE && m->usm.engine_id_len) {
        int changed = p->engine_id_len != m->usm.engine_id_len ||
                      memcmp(p->engine_id, m->usm.engine_id, m->usm.engine_id_len);
        /* A late answer to another request's probe does not replace a
         * time that an authenticated message confirmed. */
        if (changed || (probe && !p->time_auth)) {
            memcpy(p->engine_id, m->usm.engine_id, m->usm.engine_id_len);
            p->engine_id_len = m->usm.engine_id_len;
            /* An estimate until an authenticated message confirms it. */
            set_time(p, m->usm.engine_boots, m->usm.engine_time, 0);
        }
        if (probe) {
            st.discovered++;
            if (p->prober == vr)
                p->prober = NULL;
            release_waiters(p);
            OWS_TRACE("v3: discovered the engine of request %d (%u octets, boots %d)",
                      vr->request_id, (unsigned)p->engine_id_len, (int)p->boots);
            return OWS_V3_RESEND;
        }
    }
    if (kind == REP_NOT_IN_TIME && authed && !probe) {
        /* Authenticated: the engine's own boots/time (RFC 3414 3.2 7.b). */
        set_time(p, m->usm.engine_boots, m->usm.engine_time, 1);
    }
    if ((kind == REP_UNKNOWN_ENGINE || (kind == REP_NOT_IN_TIME && authed)) && !probe &&
        !vr->retried) {
        vr->retried = 1;
        st.resyncs++;
        OWS_TRACE("v3: request %d: %s, resynchronised, sent again", vr->request_id, name);
        return OWS_V3_RESEND;
    }
    st.failed++;
    OWS_TRACE("v3: request %d ends: the agent reported %s", vr->request_id, name);
    *err = OWS_E_TL_UNDELIVERABLE;
    return OWS_V3_FAIL;
}

#define DROP(counter, ...) do { st.counter++; OWS_TRACE(__VA_ARGS__); goto drop; } while (0)

int ows_v3_mgr_receive(const uint8_t *buf, size_t len, const struct ows_addr *from,
                       size_t head, void **owner, ows_msg *out, int *err)
{
    ows_v3_msg m;
    struct id_node *n;
    struct ows_v3_req *vr;
    struct ows_v3_target *t;
    struct peer *p;
    const ows_v3_keys *keys = NULL;
    uint8_t ceid[OWS_USM_ENGINE_ID_MAX];
    uint32_t ceid_len = 0;
    int level, want, e, verdict;

    memset(out, 0, sizeof *out);
    *owner = NULL;
    *err = 0;
    if ((e = ows_v3_decode(buf, len, &m)) != 0)
        DROP(bad, "v3: dropped a malformed message (%s)", ows_strerror(e));
    if (m.head.security_model != OWS_V3_MODEL_USM)
        DROP(bad, "v3: dropped a message of security model %d", (int)m.head.security_model);
    n = id_find(m.head.msg_id);
    if (!n || !same_addr(&n->vr->p->addr, from))
        DROP(unmatched, "v3: dropped a message with an unknown msgID %d", (int)m.head.msg_id);
    vr = n->vr;
    t = vr->t;
    p = vr->p;
    level = ows_usm_flags_level(m.head.flags);
    if (level != OWS_USM_NOAUTH) {
        /* Authenticated: our user at the engine we asked, with its keys. */
        if (n->probe || level > t->user.level || m.usm.user_len != t->user.name_len ||
            memcmp(m.usm.user, t->user.name, m.usm.user_len) || !p->engine_id_len ||
            m.usm.engine_id_len != p->engine_id_len ||
            memcmp(m.usm.engine_id, p->engine_id, p->engine_id_len))
            DROP(mismatch, "v3: dropped an authenticated message of another user or engine "
                 "(msgID %d)", (int)m.head.msg_id);
        if ((e = ows_v3_target_keys(t, p->engine_id, p->engine_id_len, &keys)) != 0)
            DROP(digest, "v3: no keys for a message (%s)", ows_strerror(e));
        if (m.usm.auth_len != ows_usm_auth_mac_len(keys->auth) ||
            (keys->keyed
                 ? ows_usm_auth_check_keyed(keys->auth, keys->keyed, buf, len, m.usm.auth_at)
                 : ows_usm_auth_check(keys->auth, keys->auth_key, buf, len, m.usm.auth_at)))
            DROP(digest, "v3: dropped a message with a wrong digest (msgID %d)",
                 (int)m.head.msg_id);
    }
    e = ows_v3_open_scoped_in(&m, keys, NULL, 0, out, head, NULL, 0, ceid, &ceid_len);
    if (e == OWS_E_USM_DECRYPT || (e && m.encrypted))
        DROP(decrypt, "v3: dropped a message that does not decrypt (msgID %d)",
             (int)m.head.msg_id);
    if (e)
        DROP(scoped, "v3: dropped a malformed scopedPDU (%s)", ows_strerror(e));
    if (out->pdu.type == OWS_PDU_REPORT) {
        int kind;
        report_name(out, &kind);
        /* RFC 3414 3.2 step 7 sends this one authenticated: an
         * unauthenticated one would let anybody end our requests. */
        if (kind == REP_NOT_IN_TIME && level == OWS_USM_NOAUTH)
            DROP(mismatch, "v3: dropped an unauthenticated usmStatsNotInTimeWindows Report");
        /* An authenticated Report other than the time's own is timely too. */
        if (level != OWS_USM_NOAUTH && kind != REP_NOT_IN_TIME &&
            outside_window(p, m.usm.engine_boots, m.usm.engine_time))
            DROP(window, "v3: dropped a Report outside the time window");
        verdict = on_report(vr, n->probe, &m, out, err);
        ows_msg_free(out);
        *owner = vr->owner;
        return verdict;
    }
    want = t->user.level;
    if (out->pdu.type != OWS_PDU_RESPONSE || n->probe || level != want ||
        out->pdu.request_id != vr->request_id || m.usm.user_len != t->user.name_len ||
        memcmp(m.usm.user, t->user.name, m.usm.user_len))
        DROP(mismatch, "v3: dropped a message that does not answer request %d (msgID %d)",
             vr->request_id, (int)m.head.msg_id);
    /* RFC 3412 7.2.12: the scope must be the request's. */
    {
        const uint8_t *ce = t->context_engine_len ? t->context_engine : p->engine_id;
        uint32_t ce_len = t->context_engine_len ? t->context_engine_len : p->engine_id_len;
        if (ceid_len != ce_len || memcmp(ceid, ce, ce_len) ||
            out->community.len != t->context_len ||
            (t->context_len && memcmp(out->community.ptr, t->context, t->context_len)))
            DROP(mismatch, "v3: dropped a Response of another context (msgID %d)",
                 (int)m.head.msg_id);
    }
    if (level != OWS_USM_NOAUTH && outside_window(p, m.usm.engine_boots, m.usm.engine_time))
        DROP(window, "v3: dropped a Response outside the time window (msgID %d)",
             (int)m.head.msg_id);
    st.delivered++;
    *owner = vr->owner;
    return OWS_V3_DELIVER;
drop:
    ows_msg_free(out);
    return OWS_V3_DROP;
}

void ows_v3_mgr_shutdown(void)
{
    if (st.sent || st.probes || st.bad || st.unmatched)
        OWS_STATS("v3 manager: sent %lu, discovery probes %lu, engines discovered %lu, "
                  "requests behind another's discovery %lu, resyncs %lu, responses %lu, reports %lu, requests failed by a report %lu; "
                  "dropped: malformed %lu, unmatched %lu, wrong user/engine/level %lu, "
                  "wrong digest %lu, outside the time window %lu, undecryptable %lu, "
                  "bad scopedPDU %lu",
                  st.sent, st.probes, st.discovered, st.shared, st.resyncs, st.delivered, st.reports,
                  st.failed, st.bad, st.unmatched, st.mismatch, st.digest, st.window,
                  st.decrypt, st.scoped);
    memset(&st, 0, sizeof st);
    /* Requests hold pointers to the engines; all are gone at a stop. */
    if (live_reqs)
        return;
    while (peers) {
        struct peer *p = peers;
        peers = p->next;
        ows_free(p);
    }
    last_peer = NULL;
    npeers = 0;
}
