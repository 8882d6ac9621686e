/* response_v1.h - an SNMPv2 Response-PDU made fit for an SNMPv1 manager
 * (RFC 3584 section 4.4).
 *
 * An agent written on the API answers in SNMPv2 terms (exception values,
 * SNMPv2 error codes); the library sends each response in the version of
 * the request, so a response to an SNMPv1 request is translated here:
 * - an exception value (noSuchObject, noSuchInstance, endOfMibView) or a
 *   Counter64 in varbind i makes the response noSuchName with index i (the
 *   first such varbind), and such values travel as NULL;
 * - SNMPv2 error codes map to SNMPv1 ones: wrongValue, wrongEncoding,
 *   wrongType, wrongLength, inconsistentValue -> badValue; noAccess,
 *   notWritable, noCreation, inconsistentName, authorizationError ->
 *   noSuchName; resourceUnavailable, commitFailed, undoFailed -> genErr.
 */
#ifndef OWS_CORE_RESPONSE_V1_H
#define OWS_CORE_RESPONSE_V1_H
#include "core/smi.h"
#include "core/error.h"

/* When `in` needs no translation, *converted is 0 and `out` is untouched
 * (send `in`). Otherwise *out is a translated deep copy (free it with
 * ows_pdu_free) and *converted is 1. OWS_E_ALLOC. */
int ows_response_for_v1(const ows_pdu *in, ows_pdu *out, int *converted);

#endif
