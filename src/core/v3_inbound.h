/* v3_inbound.h - SNMPv3 messages that arrive unasked, at an agent's
 * listening socket (requests) or at the trap socket (traps, informs and
 * the discovery that precedes an inform): RFC 3412 7.2's and RFC 3414
 * 3.2's checks against the local engine (v3_local.h), the Reports that
 * answer the ones that fail, and the encoding of the reply (an agent's
 * RESPONSE, an inform's acknowledgement) with the security state the
 * message came with.
 *
 * A layer under the engine: net.c's receive path, transport.c and
 * request.c call it; it calls none of them and sends nothing itself (the
 * caller sends the Reports it encodes). Runs without the API lock.
 */
#ifndef OWS_CORE_V3_INBOUND_H
#define OWS_CORE_V3_INBOUND_H
#include <stddef.h>
#include <stdint.h>
#include "core/smi.h"
#include "core/v3_codec.h"

/* What a reply needs of the message it answers (RFC 3412 7.1 step 3: the
 * same msgID, securityName, securityLevel, contextEngineID, contextName). */
struct ows_v3_in {
    int32_t msg_id;
    int32_t max_size;                       /* msgMaxSize: the reply's bound */
    int level;                              /* OWS_USM_* */
    uint8_t user[OWS_V3_NAME_MAX];
    uint32_t user_len;
    uint8_t context_engine[OWS_USM_ENGINE_ID_MAX];
    uint32_t context_engine_len;
    uint8_t context_name[OWS_V3_NAME_MAX];
    uint32_t context_name_len;
};

/* The largest message we take (UDP over IPv4): our msgMaxSize, and
 * snmpEngineMaxMessageSize. */
#define OWS_V3_MAX_MSG 65507

/* Room for any Report this module encodes. */
#define OWS_V3_REPORT_MAX 512u

/* 1 when buf looks like an SNMPv3 message (a SEQUENCE starting with
 * INTEGER 3): the receive path's cheap choice of decoder. */
int ows_v3_is_msg(const uint8_t *buf, size_t len);

/* Checks and opens one received SNMPv3 message. On success (0): *m holds
 * its scopedPDU decoded as ows_v3_open_scoped_in does, with `head` bytes
 * reserved for the caller at the start of the allocation (in mem when it
 * fits cap), followed by the security state *st points to (the state lives
 * as long as that allocation). On failure: a negative code, the counter of
 * v3_local.h bumped, and, when RFC 3412/3414 want one, a Report for the
 * sender encoded in report[*rep_off .. + *rep_len) (*rep_len 0: none).
 * report needs OWS_V3_REPORT_MAX bytes. */
int ows_v3_in_take(const uint8_t *buf, size_t len, ows_msg *m, size_t head, void *mem,
                   size_t cap, struct ows_v3_in **st, uint8_t *report, size_t *rep_off,
                   size_t *rep_len);

/* Releases the message ows_v3_in_take gave *m, except the caller's block
 * mem (when the message lies in it). */
void ows_v3_in_release(ows_msg *m, const void *mem);

/* Encodes the reply `pdu` (a RESPONSE) to the message received with state
 * st, authoritative engine the local one, into buf[0..cap) at buf + *off,
 * *len bytes. A reply beyond the request's msgMaxSize (or cap) is
 * replaced by RFC 3416's tooBig answer: same request-id, error-status
 * tooBig, error-index 0, no varbinds. OWS_E_USM_PARAMS when the user is no
 * longer configured, OWS_E_TL_PDU_TOO_BIG when even tooBig does not fit,
 * the encoder's other errors. */
int ows_v3_in_encode_reply(const struct ows_v3_in *st, const ows_pdu *pdu, uint8_t *buf,
                           size_t cap, size_t *off, size_t *len);

#endif
