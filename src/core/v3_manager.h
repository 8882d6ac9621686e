/* v3_manager.h - the manager side of SNMPv3 (RFC 3412, RFC 3414): what an
 * entity made from a v3 database entry carries (its "target": the user,
 * its password-derived keys and the scoped-PDU options), the remote
 * authoritative engines we learnt (engine ID, boots, time), and the v3
 * state of each outstanding request (the msgIDs it used, its one
 * resync-and-retry).
 *
 * A layer below the engine: net.c and request.c call in here to encode the
 * next datagram of a request and to judge a received v3 message; this
 * module never calls back into them. It returns a verdict instead
 * (OWS_V3_DELIVER, RESEND, FAIL, DROP) and the engine acts on it.
 *
 * Flow of one request (RFC 3414 4): while the engine at the destination
 * address is unknown, every try of the request sends a discovery probe
 * (noAuthNoPriv, reportable, empty engine ID and user, empty GET); the
 * usmStatsUnknownEngineIDs Report fills the engine in (RESEND: the request
 * goes out at once). Discovery is shared per address: while one request's
 * probe is out, the others to that address send nothing (their tries
 * encode to zero bytes) and wait; the Report that discovers the engine
 * makes them ready (ows_v3_mgr_take_ready) and they go at once. If the
 * probing request ends first, the next waiter to try probes. Each try is re-encoded: new msgID, new salt, the
 * current estimate of the engine's time. A usmStatsNotInTimeWindows Report
 * (authenticated) or usmStatsUnknownEngineIDs Report for a real request
 * updates the engine's time or ID and earns ONE retry (RFC 3414 3.2 steps
 * 3 and 7); any other Report, or a second one, ends the request (FAIL,
 * with OWS_E_TL_UNDELIVERABLE). Messages that fail a check are dropped and
 * counted (ows_v3_mgr_stats).
 *
 * Locking: everything but ows_v3_target_new requires the API lock.
 */
#ifndef OWS_CORE_V3_MANAGER_H
#define OWS_CORE_V3_MANAGER_H
#include <stddef.h>
#include <stdint.h>
#include "core/smi.h"
#include "platform.h"

struct ows_v3_entry;
struct ows_v3_target;
struct ows_v3_req;

/* Makes a target from a validated database entry: derives the user's Ku
 * (about a megabyte of hashing per password, so without the API lock).
 * One reference, released with ows_v3_target_put. */
int ows_v3_target_new(const struct ows_v3_entry *e, struct ows_v3_target **out);
void ows_v3_target_hold(struct ows_v3_target *t);
/* Drops a reference; the last one wipes the secrets and frees. */
void ows_v3_target_put(struct ows_v3_target *t);

/* The v3 state of an outstanding request to `to` with target t, request id
 * `request_id`; `owner` is handed back by ows_v3_mgr_receive (the engine's
 * request). Holds a reference on t. */
int ows_v3_req_new(struct ows_v3_target *t, const struct ows_addr *to, int32_t request_id,
                   void *owner, struct ows_v3_req **out);
void ows_v3_req_free(struct ows_v3_req *vr);

/* Encodes the request's next datagram into buf[0..cap) (at buf + *off,
 * *len bytes): a discovery probe while the engine is unknown, else the
 * request carrying `pdu` with a fresh msgID, salt and time. *len is 0
 * (nothing to send) while another request's discovery probe is out. */
int ows_v3_req_encode(struct ows_v3_req *vr, const ows_pdu *pdu, uint8_t *buf, size_t cap,
                      size_t *off, size_t *len);

enum ows_v3_verdict {
    OWS_V3_DROP,     /* nothing to do (counted, traced) */
    OWS_V3_DELIVER,  /* *out holds the Response for the request *owner */
    OWS_V3_RESEND,   /* send the request *owner again now, re-encoded */
    OWS_V3_FAIL      /* end the request *owner with the error *err */
};

/* Judges one datagram received from `from` on a manager socket: envelope,
 * msgID -> request, user, engine ID, digest, timeliness, decryption, the
 * scopedPDU. For DELIVER, *out is decoded with `head` bytes reserved at
 * the start of its allocation (engine.h's OWS_RX_HEAD) and belongs to the
 * caller. */
int ows_v3_mgr_receive(const uint8_t *buf, size_t len, const struct ows_addr *from,
                       size_t head, void **owner, ows_msg *out, int *err);

/* After ows_v3_mgr_receive: the owner of a request that waited behind a
 * discovery that has now found its engine (send it now), or NULL when
 * none is left. Call until NULL. */
void *ows_v3_mgr_take_ready(void);

/* Prints the counters (WSNMP_DEBUG=stats) and forgets the remote engines;
 * called when the engine stops, after every request has gone. */
void ows_v3_mgr_shutdown(void);

#endif
