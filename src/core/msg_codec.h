/* msg_codec.h - SNMPv1/v2c community messages to and from BER.
 *
 * Message = SEQUENCE { version INTEGER (0 v1, 1 v2c), community OCTET STRING,
 * PDU }, for all eight PDU types of smi.h; GETBULK carries non-repeaters and
 * max-repetitions in error_status/error_index; the SNMPv1 Trap-PDU carries
 * enterprise, agent-addr, generic-trap, specific-trap and time-stamp.
 */
#ifndef OWS_CORE_MSG_CODEC_H
#define OWS_CORE_MSG_CODEC_H
#include <stddef.h>
#include <stdint.h>
#include "core/smi.h"
#include "core/error.h"

/* Most varbinds a decoded message may carry (BER_LIMIT beyond). */
#define OWS_MSG_MAX_VARBINDS 8192

/* Longest message the decoders accept (bigger inputs are refused before any
 * size arithmetic could overflow). */
#define OWS_MSG_MAX_LEN (16u * 1024 * 1024)

/* Encodes `m` backwards into buf[0..cap): the message ends at buf + cap and
 * starts at buf + *off, *len bytes long (*off + *len == cap). Never allocates.
 * Errors: OWS_E_BUFFER_SMALL (nothing usable written), OWS_E_PDU_INVALID (bad
 * version, PDU type or a type not carried by the version), OWS_E_SYNTAX_INVALID
 * (unknown syntax, a v2-only syntax in v1, or a string/OID with a NULL
 * pointer and a non-zero length), OWS_E_OID_INVALID (an OID BER cannot carry:
 * fewer than 2 or more than 128 sub-ids, bad first pair). */
int ows_msg_encode(const ows_msg *m, uint8_t *buf, size_t cap, size_t *off, size_t *len);

/* Decodes exactly buf[0..len) (trailing bytes are an error) into *m with ONE
 * allocation holding the varbinds, every name and value, the community and
 * the enterprise OID; it is m->pdu.vbl.arena (items in it, cap 0) and
 * ows_msg_free releases it. No allocation at all when there is nothing to hold.
 * On failure *m is zeroed and nothing is allocated.
 * Errors: OWS_E_ALLOC and the OWS_E_BER_* codes of error.h. */
int ows_msg_decode(const uint8_t *buf, size_t len, ows_msg *m);

/* The same with `head` bytes (rounded up to 8) reserved for the caller at
 * the start of that one allocation, which then always exists: the network
 * engine keeps a received message's queue item there (engine.h), so a
 * message costs one allocation, not two. m->pdu.vbl.arena is the start of
 * the allocation (the head); the decoded data follow it. */
int ows_msg_decode_ex(const uint8_t *buf, size_t len, ows_msg *m, size_t head);

/* The same, using `mem` (cap bytes, 8-byte aligned, NULL for none) as that
 * allocation when the message fits, so that a caller can recycle blocks:
 * then m->pdu.vbl.arena == mem. Otherwise it allocates as above; either way
 * `mem` is never freed here, nor on failure. */
int ows_msg_decode_in(const uint8_t *buf, size_t len, ows_msg *m, size_t head, void *mem,
                      size_t cap);

/* Tests only: non-zero makes the decoder (encoder) skip its quick pass for
 * plain community messages (msg_decode.c, msg_encode.c), so that both passes
 * can be compared. */
extern int ows_msg_decode_general_only;
extern int ows_msg_encode_general_only;

/* An SNMPv3 scopedPDU (RFC 3412 6: SEQUENCE { contextEngineID, contextName,
 * PDU }) the same way, for core/v3_codec.h: *m gets version OWS_SNMPV3, the
 * contextName in m->community and the PDU (as in SNMPv2c); *engine_id points
 * at the contextEngineID's bytes inside buf. Up to pad_max bytes may follow
 * the scopedPDU (the padding of a DES-decrypted one); more is
 * OWS_E_BER_TRAILING. ows_msg_free releases it. */
int ows_scoped_decode_in(const uint8_t *buf, size_t len, size_t pad_max, ows_msg *m,
                         size_t head, void *mem, size_t cap, const uint8_t **engine_id,
                         size_t *engine_id_len);

/* Writes a PDU (RFC 3416's PDUs, or the v1 Trap-PDU) backwards with `w`,
 * checking that `version` carries its type (SNMPv3 carries SNMPv2c's): the
 * part of ows_msg_encode that SNMPv3's scopedPDU shares. */
struct ows_berw;
int ows_pdu_encode(struct ows_berw *w, const ows_pdu *pdu, int32_t version);

/* Releases what ows_msg_decode allocated and zeroes *m. */
void ows_msg_free(ows_msg *m);

/* Field-by-field equality of two messages (tests and the fuzzer): 1 if equal. */
int ows_msg_equal(const ows_msg *a, const ows_msg *b);

#endif
