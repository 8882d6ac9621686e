/* v3_mib.h - the local SNMPv3 engine's own objects, answered by the library
 * itself: snmpEngine (SNMP-FRAMEWORK-MIB, 1.3.6.1.6.3.10.2.1: engineID,
 * boots, time, maxMessageSize), snmpMPDStats (SNMP-MPD-MIB,
 * 1.3.6.1.6.3.11.2.1.1-3) and usmStats (SNMP-USER-BASED-SM-MIB,
 * 1.3.6.1.6.3.15.1.1.1-6). A WinSNMP agent program has no way to read
 * these values (the API has no call for them), so an SNMPv3 GET whose
 * variables all lie in these subtrees is answered here and never reaches
 * the application (README, Decisions).
 *
 * A layer beside v3_inbound.h: net.c's receive path calls it; it sends
 * nothing itself. Runs without the API lock.
 */
#ifndef OWS_CORE_V3_MIB_H
#define OWS_CORE_V3_MIB_H
#include <stddef.h>
#include <stdint.h>
#include "core/smi.h"
#include "core/v3_inbound.h"

/* The most variables of one GET answered here; a longer GET goes to the
 * application. */
#define OWS_V3_MIB_MAX_VBS 32

/* When pdu (received with security state st) is a GET of these objects
 * only: 1, with its RESPONSE encoded in buf[0..cap) at buf + *off, *len
 * bytes (as ows_v3_in_encode_reply does; tooBig when beyond cap). 0 when
 * the request is the application's; a negative code when it is ours but
 * could not be encoded (then nothing is to be sent). */
int ows_v3_mib_answer(const ows_pdu *pdu, const struct ows_v3_in *st, uint8_t *buf,
                      size_t cap, size_t *off, size_t *len);

#endif
