/* descriptor.h - the registry of output descriptors handed to applications.
 *
 * Every smiOCTETS.ptr / smiOID.ptr the library gives an application (SnmpGetVb,
 * SnmpOidCopy, SnmpStrToOid, SnmpContextToStr, SnmpEncodeMsg) is allocated
 * here and remembered in a hash set, so that SnmpFreeDescriptor can refuse a
 * pointer it did not hand out (double free, stack, foreign heap) without ever
 * touching the heap with it. Real applications do both.
 *
 * Locking: every function here requires the API lock (ows_lock, state.h).
 */
#ifndef OWS_CORE_DESCRIPTOR_H
#define OWS_CORE_DESCRIPTOR_H
#include <stddef.h>
#include <stdint.h>
#include "core/smi.h"

/* Allocates n bytes (at least one, so even an empty descriptor has a unique,
 * freeable pointer) and registers them. NULL when out of memory. */
void *ows_desc_alloc(size_t n);

/* Fills *out with a registered copy of bytes[0..len). An empty string still
 * gets a registered pointer so that the application may free it.
 * OWS_E_ALLOC; *out is untouched on failure. */
int ows_desc_octets(ows_octets *out, const void *bytes, uint32_t len);

/* Fills *out with a registered copy of ids[0..len). OWS_E_ALLOC. */
int ows_desc_oid(ows_oid *out, const uint32_t *ids, uint32_t len);

/* SnmpFreeDescriptor's core: frees a registered pointer.
 * OWS_E_SYNTAX_INVALID when `syntax` is not a string or OID syntax (OCTETS,
 * BITS, OPAQUE, IPADDR, NSAPADDR, OID); the two kinds may be mixed up by the
 * caller, the pointer alone decides. OWS_E_OPERATION_INVALID for NULL or any
 * pointer not currently registered (nothing is freed). */
int ows_desc_free(uint32_t syntax, void *ptr);

/* Frees a registered pointer on an internal error path (e.g. an export that
 * allocated its output and then failed). Unknown pointers are ignored. */
void ows_desc_discard(void *ptr);

/* True when ptr is currently registered. */
int ows_desc_registered(const void *ptr);

/* Number of live descriptors (tests and the debug trace). */
size_t ows_desc_live(void);

/* Final cleanup: frees every descriptor still registered and the set. */
void ows_desc_reset(void);

#endif
