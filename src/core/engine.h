/* engine.h - the network engine's internals, shared by net.c (the I/O
 * thread and its lifecycle), request.c (outstanding requests, timers,
 * sending), queue.c (received messages and their matching) and notify.c
 * (notification delivery). Nothing outside the engine includes this.
 *
 * Design, in one paragraph: one engine per process, started by
 * ows_net_start and joined by ows_net_stop. Its thread waits in the poller
 * on every session socket and on the earliest retransmission deadline.
 * Everything below is guarded by the API lock (state.h), except the
 * engine-thread-private receive buffers and poll snapshot. Sockets are
 * opened lazily by SnmpSendMsg (one per address family per session) and are
 * closed only by the engine thread, between two polls, so a socket that is
 * being polled is never closed under the poller. Callbacks run on the engine
 * thread with no lock held; SnmpClose waits (dropping the lock) while its
 * session's callback is running on another thread.
 *
 * Where the API lock is dropped in the middle of an export, and what keeps
 * that safe (issue 9): a callback runs (notify.c: the notice holds its
 * session); SnmpClose waits for its session's callback (net.c: the release
 * holds the session, other waiters check `closing`); SnmpListen and
 * SnmpRegister wait in ows_net_bind_sock for a port we released (they hold
 * their session and objects, and publish the socket only if the session is
 * still open); SnmpStrToEntity resolves a name (api/entity.c, the same);
 * startup and cleanup start and stop the engine (api/startup.c, under their
 * own mutex). Nothing else waits: SnmpSendMsg binds ephemeral ports only.
 *
 * SNMPv3 (issue 13) is a layer under all this: an SNMPv3 datagram at a
 * listening or trap socket is checked and opened by core/v3_inbound.h as
 * the engine thread decodes it, without the API lock (the local engine,
 * core/v3_local.h, has its own lock and never takes this one), and is
 * answered there with a Report when it fails; what opens carries its
 * security state (ows_rxitem.v3) to the reply that request.c encodes.
 * The manager role's SNMPv3 (core/v3_manager.h) works with the API lock
 * held instead: request.c encodes every try of a request to a database v3
 * entity afresh (discovery first), and an SNMPv3 datagram at a manager
 * socket waits as raw bytes (net.c) until ows_req_v3_received judges it
 * and delivers, resends or ends the request.
 */
#ifndef OWS_CORE_ENGINE_H
#define OWS_CORE_ENGINE_H
#include <stddef.h>
#include <stdint.h>
#include "core/context.h"
#include "core/entity.h"
#include "core/pdu.h"
#include "core/smi.h"
#include "core/spares.h"
#include "platform.h"

struct ows_session;
struct ows_entity;

/* Most received messages waiting in one session's queue. At the bound a
 * further response is dropped (and counted) and its request stays
 * outstanding, so it is retransmitted and may still be answered once the
 * application has drained the queue. Timeout reports are always queued. */
#define OWS_NET_QUEUE_MAX 4096u

/* Sockets the engine has room for from the start. The I/O thread's private
 * copy of the socket list and the poller's array are made this big before
 * ows_net_start returns (the socket list itself starts at this size), so
 * until more sockets than this are open the I/O thread allocates only for
 * datagrams that arrive, never behind the application's back: the unit
 * tests that count live allocations rely on that. */
#define OWS_NET_FIRST_SOCKS 16u

/* The receive buffer the engine asks for on manager and listening sockets:
 * responses to hundreds of outstanding requests (or requests of many
 * managers) may arrive while the engine thread is busy in callbacks, and
 * the systems' defaults (~200 KiB on Linux and under Wine: ~250 small
 * datagrams) dropped them, each drop costing a retransmission timeout. The
 * trap socket keeps the default: what floods it is not ours to pace. */
#define OWS_NET_RCVBUF (2 << 20)

/* Largest datagram we send or receive (the UDP maximum over IPv4). */
#define OWS_NET_MAX_DGRAM 65507u

/* What a socket is for. A SYNC socket is a session's socket that only the
 * thread of a synchronous exchange reads (core/sync.h): the engine thread
 * never polls it, but releases it with its session like any other. */
enum { OWS_SOCK_MANAGER = 0, OWS_SOCK_LISTEN = 1, OWS_SOCK_TRAP = 2, OWS_SOCK_SYNC = 3 };

/* One UDP socket: a session's manager socket, an entity's listening socket
 * (owned by the session that created the entity) or the process's trap
 * socket (owned by nobody). Freed only by the engine thread. */
struct ows_net_sock {
    ows_sock fd;
    int family;                       /* OWS_AF_INET or OWS_AF_INET6 */
    int role;                         /* OWS_SOCK_* */
    int dead;                         /* retired: drop what it still receives */
    uint32_t version;                 /* LISTEN: the entity's SNMP version */
    struct ows_addr local;            /* where it is bound */
    struct ows_session *s;            /* owner (NULL for the trap socket or once released) */
    struct ows_net_sock *next_listen; /* in the owner's list of listening sockets */
    uint32_t index;                   /* in eng->socks while live */
    struct ows_net_sock *next_dead;   /* in eng->dead once released */
};

/* SnmpRecvMsg's outputs, in its order: the reply's source entity (the
 * request's destination), its destination entity (the request's source)
 * and its context. */
enum { OWS_REPLY_SRC = 0, OWS_REPLY_DST = 1, OWS_REPLY_CTX = 2 };

struct ows_v3_req;

/* An outstanding request: what to retransmit and when. */
struct ows_req {
    int32_t id;
    uint32_t heap_index;              /* in eng->heap, or IN_LIST (request.c) */
    struct ows_req *dl_prev, *dl_next;    /* in eng's deadline list */
    uint64_t deadline_ns;
    uint64_t timeout_ns;
    uint32_t retries_left;
    struct ows_session *s;
    struct ows_net_sock *sock;
    struct ows_req *hnext;            /* in the session's id hash chain */
    struct ows_addr to;               /* the destination entity's address */
    struct ows_addr src;              /* the source entity's address (family 0: none) */
    /* The request's own handles, as SnmpRecvMsg gives them back with its
     * reply or timeout report (OWS_REPLY_*): destination entity, source
     * entity (0: none given), context. Values, not references: whatever the
     * application freed meanwhile no longer resolves and is made afresh. */
    uint32_t asked[3];
    /* SNMPv3 (core/v3_manager.h): each try is encoded afresh from `bytes`,
     * which then hold the PDU as an SNMPv2c message; NULL for v1/v2c. */
    struct ows_v3_req *v3;
    size_t len;
    uint8_t bytes[];                  /* the encoded message */
};

/* What the SNMPv2 form of a received SNMPv1 Trap-PDU (RFC 3584 3.1, made by
 * transport.c) does not keep of its header: the agent-addr, the specific
 * code of a generic trap and a generic code outside 0..5. WinSNMP hands out
 * the SNMPv2 form only; mgmtapi presents the SNMPv1 fields as sent
 * (ows_rxitem_v1_trap). The enterprise stays in the SNMPv2 form (its last
 * varbind, snmpTrapEnterprise.0) and the time-stamp too (sysUpTime.0): they
 * are here for completeness. */
struct ows_v1_trap_hdr {
    uint8_t agent_addr[4];
    int32_t generic_trap, specific_trap;
    uint32_t time_stamp;
};

/* A received message (or a transport error report) waiting for SnmpRecvMsg.
 * Its allocation also holds the four objects SnmpRecvMsg hands out, so
 * receiving creates no further allocation (rxitem.c): the item stays alive,
 * off the queue, until ows_rxitem_free has been called and the last of
 * those objects is freed. Producers allocate it zeroed, or set `objects`,
 * `released`, `asked` and `has_v1` themselves. */
struct ows_rxitem {
    struct ows_rxitem *next;
    int err;                          /* 0, or the OWS_E_TL_* code to report */
    int32_t request_id;
    uint8_t *own_community;           /* when msg.community is not in the arena */
    struct ows_addr peer;             /* who sent it (the agent) */
    struct ows_addr local;            /* our side */
    ows_msg msg;                      /* decoded; zeroed when unavailable */
    /* A reply's or timeout report's request handles (ows_req.asked); 0 for
     * what arrived unasked. */
    uint32_t asked[3];
    uint32_t objects;                 /* of the four below, how many are live */
    int released;                     /* ows_rxitem_free was called */
    int spare;                        /* the item heads an OWS_RX_BLOCK (engine's spares) */
    int has_v1;                       /* a converted SNMPv1 Trap-PDU: v1 is its header */
    struct ows_v1_trap_hdr v1;
    /* A received SNMPv3 message's security state (in the same allocation,
     * v3_inbound.h), for the reply; NULL for SNMPv1/v2c. Set by the
     * engine as it decodes (net.c), like `spare`. */
    const struct ows_v3_in *v3;
    struct ows_entity src_ent, dst_ent;
    struct ows_context ctx;
    ows_pdu_obj pdu_obj;
};

/* The engine's per-session state, behind session->net. */
/* One SnmpRegister filter; a field with has_* == 0 is a wildcard. */
struct ows_reg {
    struct ows_reg *next;
    int has_src, has_dst, has_community;
    struct ows_addr src, dst;
    ows_octets community;             /* has_community: may be empty (len 0) */
    ows_oid oid;                      /* len 0: any notification */
};

struct ows_net_session {
    struct ows_session *owner;
    struct ows_net_session *reg_prev, *reg_next;   /* sessions with registrations */
    struct ows_net_sock *sock[2];     /* [0] IPv4, [1] IPv6; NULL until needed */
    struct ows_net_sock *listens;     /* listening sockets of its entities */
    struct ows_reg *regs;             /* trap registrations */
    struct ows_req **buckets;         /* request id hash (power-of-two size) */
    uint32_t nbuckets, nreqs;
    struct ows_rxitem *qhead, *qtail;
    uint32_t qlen;
};

/* A notification waiting for delivery by the engine thread. */
struct ows_notice {
    struct ows_session *s;            /* holds a reference */
    uintptr_t wparam;
    intptr_t lparam;
};

struct ows_engine {
    ows_thread thread;
    uint64_t thread_id;               /* the engine thread's id, once running */
    ows_poller *poller;
    ows_cond cond;                    /* broadcast when a delivery ends */
    int stop;
    int started;                      /* the thread has made its buffers */
    int sock_started;

    struct ows_net_sock **socks;      /* live sockets */
    uint32_t nsocks, socks_cap;
    uint32_t socks_gen;               /* bumped on every change */
    struct ows_net_sock *dead;        /* released, waiting to be closed */
    struct ows_net_sock *trap_sock;   /* the process's trap socket, while registered */
    struct ows_net_sock *trap_sock6;  /* its IPv6 twin on the same port (NULL without IPv6) */
    uint32_t nregs;                   /* registrations of all sessions */
    struct ows_net_session *reg_sessions;          /* sessions with registrations */

    /* Outstanding requests wait in one of two places. Most requests of a
     * process share a timeout, so they arrive in deadline order: those go to
     * the back of a list, which gives them up in O(1). Only a request whose
     * deadline is earlier than the list's last one goes into the min-heap.
     * heap_cap covers both, so the heap never has to grow mid-operation. */
    struct ows_req **heap;            /* min-heap on deadline_ns */
    uint32_t heap_n, heap_cap;
    struct ows_req *dl_head, *dl_tail;    /* deadline list, earliest first */
    uint32_t dl_n;
    uint64_t sleep_until;             /* deadline of the current wait (UINT64_MAX: none) */

    /* Recycled blocks (spares.h): request nodes holding up to
     * OWS_REQ_SPARE_BYTES encoded bytes, and OWS_RX_BLOCK-byte blocks that
     * received messages are decoded into. */
    struct ows_spares spare_reqs, spare_rx;

    /* Datagrams that callbacks on the engine thread sent, waiting to leave
     * in one batch (net.c); NULL/0 where batches are off or unavailable. */
    struct ows_dgram *out;
    uint8_t *out_buf;
    unsigned nout, out_max;
    ows_sock out_fd;                  /* the socket of every datagram in out */
    int deferring;                    /* the engine thread is delivering */

    struct ows_notice *notes;
    uint32_t nnotes, notes_cap;
    struct ows_session *delivering;   /* whose callback runs now, or NULL */

    /* Counters, shown in the debug trace (WSNMP_DEBUG=stats) when the engine stops. */
    unsigned long n_sent, n_retrans, n_timeouts, n_received;
    unsigned long n_unmatched, n_malformed, n_queue_full, n_foreign;
    unsigned long n_traps, n_traps_dropped, n_requests;
    unsigned long n_polls, n_read;    /* waits in the poller, datagrams read */
    unsigned long n_rx_calls, n_tx_calls, n_send_failed;   /* socket calls; failed batched sends */
};

/* The running engine, or NULL (before startup, after cleanup). */
extern struct ows_engine *ows_eng;
/* Broadcast whenever a callback delivery ends (never destroyed). */
extern ows_cond ows_net_deliver_cond;

struct ows_context;

/* The export layer's entry points (API lock held). */
int ows_net_send(struct ows_session *s, struct ows_entity *src,
                 struct ows_entity *dst, struct ows_context *ctx, ows_pdu *pdu);
int ows_net_cancel(struct ows_session *s, int32_t id);

/* net.c */
struct ows_net_session *ows_net_state(struct ows_session *s, int create);
/* The session's socket of that family, opened on an ephemeral port with
 * `role` (OWS_SOCK_MANAGER or OWS_SOCK_SYNC) if it has none yet; an existing
 * one is returned whatever its role. */
int ows_net_socket(struct ows_session *s, int family, int role, struct ows_net_sock **out);
void ows_net_wake(void);
/* Sends one encoded datagram from fd: at once, or, from a callback on the
 * engine thread, into the batch the engine sends when its callbacks are
 * done (a failure then is counted and the request retransmitted). */
int ows_net_sendto(ows_sock fd, const void *buf, size_t len, const struct ows_addr *to);
/* Sends the waiting batch. */
void ows_net_flush(struct ows_engine *e);

/* request.c */
struct ows_req *ows_req_find(struct ows_net_session *n, int32_t id);
int ows_req_add(struct ows_net_session *n, struct ows_req *r);
void ows_req_unlink(struct ows_net_session *n, struct ows_req *r);
void ows_req_free_all(struct ows_net_session *n);
void ows_heap_push(struct ows_req *r);
void ows_heap_remove(struct ows_req *r);
void ows_heap_fix(struct ows_req *r);
/* Runs due timers; returns the next deadline (UINT64_MAX: none). */
uint64_t ows_req_run_timers(uint64_t now);

/* net.c: a socket's life. ows_net_bind_sock opens and binds a socket of a
 * role (addr NULL: the family's wildcard, ephemeral port) without giving it
 * to the engine yet. Binding a chosen port that our own released socket
 * still holds waits for the engine to close that one, WITH THE API LOCK
 * DROPPED: the caller must hold a reference on what it touches afterwards
 * and check that its session is not closing before it publishes the socket
 * (ows_net_publish_sock, never waits) or gives it up (ows_net_discard_sock).
 * A published socket goes with ows_net_retire_sock. */
int ows_net_bind_sock(int family, int role, const struct ows_addr *addr,
                      struct ows_net_sock **out);
int ows_net_publish_sock(struct ows_net_sock *ns, struct ows_session *owner);
void ows_net_discard_sock(struct ows_net_sock *ns);
void ows_net_retire_sock(struct ows_net_sock *ns);

/* transport.c: the agent role and trap registrations (issue 5). */
struct ows_entity;
int ows_net_listen(struct ows_entity *e, int on, int all_addr);
int ows_net_register(struct ows_session *s, const struct ows_entity *src,
                     const struct ows_entity *dst, const struct ows_context *ctx,
                     const ows_oid *oid, int on);
/* SNMPv2 TRAP -> SNMPv1 Trap-PDU for sending (RFC 3584 3.2, via the
 * codec's trap_convert.h) with the agent-addr chosen as api/agent.c says.
 * Free the result with ows_pdu_free. */
int ows_net_trap_for_v1(const ows_pdu *v2, ows_pdu *v1);
/* The agent-addr of converted traps (api/agent.c). */
int ows_net_set_agent_address(const char *text);
void ows_net_convey_agent_address(int on);
/* Releases a session's listening sockets and registrations. */
void ows_transport_release(struct ows_session *s, struct ows_net_session *n);
/* The listening socket of session s bound where `addr` says, or NULL. */
struct ows_net_sock *ows_net_find_listen(struct ows_net_session *n, const struct ows_addr *addr);
/* A datagram on a listening or trap socket (takes ownership of *m). */
void ows_transport_received(struct ows_net_sock *ns, const struct ows_addr *from, ows_msg *m);

/* request.c: encodes m and sends it from fd (INFORM acknowledgements,
 * responses of the agent role). */
int ows_net_send_msg(ows_sock fd, const ows_msg *m, const struct ows_addr *to);
/* request.c: the same for the reply to an SNMPv3 message received with
 * security state v3 (an INFORM's acknowledgement). */
struct ows_v3_in;
int ows_net_send_v3_reply(ows_sock fd, const struct ows_v3_in *v3, const ows_pdu *pdu,
                          const struct ows_addr *to);
/* The SNMPv3 security state of a message the engine decoded (the head of
 * its arena), or NULL. */
static inline const struct ows_v3_in *ows_msg_v3_state(const ows_msg *m)
{
    const struct ows_rxitem *head = m->pdu.vbl.arena;
    return m->version == OWS_SNMPV3 && head ? head->v3 : NULL;
}

/* queue.c */
void ows_queue_push(struct ows_net_session *n, struct ows_rxitem *it);
struct ows_rxitem *ows_queue_pop(struct ows_net_session *n);
void ows_queue_unpop(struct ows_net_session *n, struct ows_rxitem *it);
size_t ows_queue_purge_id(struct ows_net_session *n, int32_t id);
void ows_queue_free_all(struct ows_net_session *n);
void ows_rxitem_free(struct ows_rxitem *it);
/* rxitem.c: SnmpRecvMsg's objects, built inside the item (want_*: which;
 * out: their handle values, 0 for those not made). On failure nothing is
 * left behind and the item is unchanged. */
int ows_rxitem_objects(struct ows_session *s, struct ows_rxitem *it, int want_src,
                       int want_dst, int want_ctx, int want_pdu, uintptr_t out[4]);
/* rxitem.c: the SNMPv1 header of the received trap whose PDU handle (as
 * SnmpRecvMsg gave it) is `pdu`, while that handle lives. 1 and *out filled
 * for an SNMPv1 Trap-PDU, else 0 (an SNMPv2 trap, another message, a PDU
 * not received, a stale handle). */
int ows_rxitem_v1_trap(uintptr_t pdu, struct ows_v1_trap_hdr *out);
/* Matches one received, decoded datagram; takes ownership of *m, which the
 * engine decoded with ows_msg_decode_ex(..., OWS_RX_HEAD): the head of its
 * arena becomes the queue item. */
#define OWS_RX_HEAD sizeof(struct ows_rxitem)
/* The recycled block a received message is decoded into when it fits (the
 * usual response: the item and a few hundred bytes of varbinds). */
#define OWS_RX_BLOCK 1024u
/* Encoded bytes a recycled request node holds; longer requests get a node
 * of their own size. */
#define OWS_REQ_SPARE_BYTES 480u
/* request.c: a request node for `len` encoded bytes, and its release. */
struct ows_req *ows_req_alloc(size_t len);
void ows_req_release(struct ows_req *r);
/* Gives r's handles to the item that reports its outcome (inline: once per
 * reply). */
static inline void ows_req_tell_asked(struct ows_rxitem *it, const struct ows_req *r)
{
    it->asked[0] = r->asked[0];
    it->asked[1] = r->asked[1];
    it->asked[2] = r->asked[2];
}
void ows_queue_received(struct ows_net_sock *ns, const struct ows_addr *from, ows_msg *m);
/* request.c: an SNMPv3 datagram received on a manager socket: judged by
 * the v3 manager (core/v3_manager.h), then delivered, sent again or ended. */
void ows_req_v3_received(struct ows_net_sock *ns, const struct ows_addr *from,
                         const uint8_t *buf, size_t len);
/* queue.c: the queue item in the head of m's arena (m as the engine decoded
 * it), with m moved in; NULL when m has no arena. The caller sets
 * request_id, peer, local and, for a reply, the asked handles. */
struct ows_rxitem *ows_rxitem_in_head(ows_msg *m);

/* notify.c */
/* Notifies s now (window: PostMessage) or later from the engine thread
 * (callback); polling sessions get nothing. */
void ows_notify(struct ows_session *s, uintptr_t wparam, intptr_t lparam);
/* Delivers pending callback notifications; drops and retakes the lock. */
void ows_notify_deliver(struct ows_engine *e);
/* Drops pending notices (engine stop). */
void ows_notify_discard(struct ows_engine *e);

#endif
