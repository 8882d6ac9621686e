/* pdu.h - operations on smi.h's ows_pdu and the PDU object behind an
 * HSNMP_PDU handle. A PDU owns its varbind list (a deep copy of what the
 * application gave, or a decoded list moved in with its arena).
 *
 * The v1 Trap-PDU's enterprise OID (enterprise.ids), when not NULL, lies in
 * vbl.arena: the decoder puts it there, ows_pdu_copy allocates the copy's
 * arena for it, and nobody frees it separately.
 */
#ifndef OWS_CORE_PDU_H
#define OWS_CORE_PDU_H
#include <stdint.h>
#include "core/smi.h"
#include "core/handle.h"
#include "core/error.h"

/* All zero, an empty list. */
void ows_pdu_init(ows_pdu *p);

/* Frees the list (and its arena) and leaves the PDU in init state. */
void ows_pdu_free(ows_pdu *p);

/* Deep copy (dst overwritten). OWS_E_ALLOC (dst left in init state). */
int ows_pdu_copy(ows_pdu *dst, const ows_pdu *src);

/* True for the types an application may create or set: GET, GETNEXT,
 * RESPONSE, SET, GETBULK, INFORM, TRAP (not V1TRAP). */
int ows_pdu_type_settable(int32_t type);

/* OWS_E_PDU_INVALID unless the PDU is one the library puts on the wire (for
 * SnmpSendMsg and SnmpEncodeMsg alike): a type it sends, V1TRAP included,
 * and error status and index zero except in a Response and a GetBulk (where
 * they carry non-repeaters and max-repetitions). Inline: every send checks. */
static inline int ows_pdu_check_out(const ows_pdu *pdu)
{
    switch (pdu->type) {
    case OWS_PDU_GET: case OWS_PDU_GETNEXT: case OWS_PDU_SET: case OWS_PDU_GETBULK:
    case OWS_PDU_INFORM: case OWS_PDU_TRAP: case OWS_PDU_RESPONSE: case OWS_PDU_V1TRAP:
        break;
    default:
        return OWS_E_PDU_INVALID;
    }
    if ((pdu->error_status || pdu->error_index) &&
        pdu->type != OWS_PDU_RESPONSE && pdu->type != OWS_PDU_GETBULK)
        return OWS_E_PDU_INVALID;
    return OWS_OK;
}

/* The object behind an HSNMP_PDU. */
typedef struct ows_pdu_obj {
    ows_object obj;      /* first member */
    ows_pdu pdu;
} ows_pdu_obj;

/* Wraps an already-built PDU (moved in, not copied: *moved is left in init
 * state on success) into a new PDU object under a new handle owned by
 * `owner`. For SnmpCreatePdu, SnmpDuplicatePdu, SnmpDecodeMsg and
 * SnmpRecvMsg. On failure (OWS_E_ALLOC) *moved is untouched and still the
 * caller's to free. Requires the API lock. */
int ows_pdu_obj_new(struct ows_session *owner, ows_pdu *moved, ows_pdu_obj **out);

/* A PDU object built in storage the caller owns (a received message, see
 * engine.h). On success the PDU moves in except its arena, which stays in
 * *moved (with an empty list) for the storage's owner to free last: the
 * object's list has no arena of its own (edits copy out of it as usual) and
 * `destroy` frees the list, then releases the storage. Nothing is
 * allocated; on failure *moved is unchanged. */
int ows_pdu_obj_init_in(ows_pdu_obj *p, void (*destroy)(ows_object *),
                        struct ows_session *owner, ows_pdu *moved);

#endif
