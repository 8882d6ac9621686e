/* trap_convert.h - SNMPv1 Trap-PDU <-> SNMPv2 TRAP form (RFC 3584 3.1, 3.2).
 *
 * v1 -> v2 (3.1): sysUpTime.0 = time-stamp, snmpTrapOID.0 = snmpTraps.(generic+1)
 * for a generic trap or enterprise.0.specific for an enterprise-specific one,
 * then the Trap-PDU's varbinds, then snmpTrapEnterprise.0 = enterprise.
 *
 * v2 -> v1 (3.2): time-stamp = sysUpTime.0; for a standard trap
 * (snmpTraps.1-6) generic = last sub-id - 1, specific 0, enterprise =
 * snmpTrapEnterprise.0 when present, else snmpTraps; otherwise generic 6,
 * specific = last sub-id, enterprise = the trap OID without its last sub-id
 * (and without a 0 before it). The varbinds are the TRAP's minus sysUpTime.0,
 * snmpTrapOID.0, a trailing snmpTrapEnterprise.0 (it went into the enterprise
 * field) and any Counter64 (v1 cannot carry it).
 *
 * The result owns ONE allocation, in out->vbl.arena (items inside, cap 0),
 * holding every copied name and value and the enterprise OID, like a decoded
 * message; free it with ows_pdu_free (pdu.h) or ows_free(out->vbl.arena).
 * The input is only read.
 */
#ifndef OWS_CORE_TRAP_CONVERT_H
#define OWS_CORE_TRAP_CONVERT_H
#include <stdint.h>
#include "core/smi.h"
#include "core/error.h"

/* OWS_E_PDU_INVALID if `in` is not a V1TRAP; OWS_E_ALLOC. */
int ows_trap_v1_to_v2(const ows_pdu *in, ows_pdu *out);

/* OWS_E_PDU_INVALID if `in` is not a TRAP (or INFORM) whose first two
 * varbinds are sysUpTime.0 (TimeTicks) and snmpTrapOID.0 (an OID);
 * OWS_E_ALLOC. agent_addr is the sender's IPv4 address (0.0.0.0 if unknown). */
int ows_trap_v2_to_v1(const ows_pdu *in, const uint8_t agent_addr[4], ows_pdu *out);

#endif
