/* v3_trap.h - SNMPv3 notifications we send unconfirmed (an SNMPv2-Trap-PDU
 * to a database v3 entity, SnmpSendMsg): the local engine is their
 * authoritative engine (RFC 3414 1.5.1), so nothing is discovered first;
 * the receiver holds the entity's user localised to our engine ID (net-
 * snmp's snmptrapd: createUser -e <our engine ID>, which the database's
 * @engine line fixes). A layer under request.c, like v3_inbound.h.
 */
#ifndef OWS_CORE_V3_TRAP_H
#define OWS_CORE_V3_TRAP_H
#include <stddef.h>
#include <stdint.h>
#include "core/smi.h"

/* Encodes `pdu` (a TRAP) for database v3 entity `entity` into buf[0..cap)
 * at buf + *off, *len bytes: msgID fresh, not reportable, the line's level,
 * our engine ID, boots and time, contextEngineID the line's contextengine
 * (else ours), contextName the line's context= (default empty: the
 * application's context is a community, which an unchanged SNMPv2c program
 * keeps passing, and no contextName). OWS_E_ENTITY_UNKNOWN when the line
 * is gone or bad, the encoder's errors otherwise. */
int ows_v3_encode_trap(const char *entity, const ows_pdu *pdu, uint8_t *buf, size_t cap,
                       size_t *off, size_t *len);

#endif
