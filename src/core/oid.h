/* oid.h - object identifiers: dotted-text parsing and formatting, comparison
 * and copying. Pure functions on smi.h's ows_oid; no lock needed.
 */
#ifndef OWS_CORE_OID_H
#define OWS_CORE_OID_H
#include <stddef.h>
#include <stdint.h>
#include "core/smi.h"

/* Parses "1.3.6.1.2.1" (decimal sub-ids separated by single dots) into ids[],
 * which must hold OWS_MAX_OID_LEN entries; *len receives the count.
 * OWS_E_OID_INVALID for NULL, empty parts, signs, spaces or any other
 * character, a sub-id above 2^32-1, fewer than 2 or more than 128 sub-ids,
 * and text longer than OWS_MAX_OID_STR characters. */
int ows_oid_parse(const char *text, uint32_t *ids, uint32_t *len);

/* Writes the dotted form of `oid` and a NUL into buf[0..size). *written gets
 * the bytes written including the NUL. OWS_E_SIZE_INVALID when size is 0,
 * OWS_E_OID_INVALID for a malformed oid (see ows_oid_check),
 * OWS_E_OUTPUT_TRUNCATED when it does not fit (buf then holds nothing useful
 * but is NUL-terminated). An empty OID formats as "". */
int ows_oid_format(const ows_oid *oid, char *buf, size_t size, size_t *written);

/* OWS_E_OID_INVALID when len > OWS_MAX_OID_LEN or (len > 0 and ids == NULL). */
int ows_oid_check(const ows_oid *oid);

/* SnmpOidCompare semantics: compares at most maxlen sub-ids (0 = all).
 * *result < 0, 0, > 0. Equal only when maxlen sub-ids were compared, or the
 * two lengths are equal; otherwise the shorter (a strict prefix) is less.
 * OWS_E_SIZE_INVALID when maxlen > OWS_MAX_OID_LEN; OWS_E_OID_INVALID for a
 * malformed operand. */
int ows_oid_compare(const ows_oid *a, const ows_oid *b, uint32_t maxlen, int *result);

/* Deep copy into a fresh ows_malloc'd array (NULL for an empty OID), which
 * the caller frees with ows_free. OWS_E_ALLOC, OWS_E_OID_INVALID. */
int ows_oid_dup(ows_oid *dst, const ows_oid *src);

#endif
