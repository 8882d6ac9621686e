/* vbl.h - variable-binding lists: operations on smi.h's ows_vbl, and the VBL
 * object behind an HSNMP_VBL handle.
 *
 * Ownership (see smi.h): each varbind's name sub-ids and value bytes live
 * either in its `own` allocation or, for a decoded message, in the list's
 * `arena`; `items` is its own allocation when cap > 0 and lies in the arena
 * when cap == 0. Every edit copies what it touches out of the arena, and
 * ows_vbl_clear frees each `own`, the items (when cap > 0) and the arena once.
 * Indices are 1-based, as in the API.
 */
#ifndef OWS_CORE_VBL_H
#define OWS_CORE_VBL_H
#include <stdint.h>
#include "core/smi.h"
#include "core/handle.h"

/* An empty list (no allocation). */
void ows_vbl_init(ows_vbl *l);

/* Frees everything the list holds and leaves it empty (init state). */
void ows_vbl_clear(ows_vbl *l);

/* Validates an application-supplied value: OWS_E_SYNTAX_INVALID for an
 * unknown syntax or a string/OID whose pointer is NULL with a non-zero
 * length; OWS_E_OID_INVALID for an OID value longer than 128 sub-ids.
 * IPADDR must be exactly 4 octets and NSAPADDR at most 255 (SYNTAX_INVALID
 * otherwise): what the wire can carry. */
int ows_value_check(const ows_value *v);

/* OWS_E_OID_INVALID unless 0 < name->len <= 128 with ids present. A varbind
 * name with fewer than two sub-ids is accepted (SnmpSetVb takes it; the wire
 * encoder decides). */
int ows_vbl_name_check(const ows_oid *name);

/* Appends a deep copy of name + value (value NULL = syntax NULL).
 * OWS_E_ALLOC, OWS_E_OID_INVALID, OWS_E_SYNTAX_INVALID. The list is
 * unchanged on failure. */
int ows_vbl_append(ows_vbl *l, const ows_oid *name, const ows_value *value);

/* Replaces entry `index` (1..count): name NULL keeps the name, value NULL
 * sets syntax NULL. OWS_E_INDEX_INVALID, OWS_E_ALLOC, OWS_E_OID_INVALID,
 * OWS_E_SYNTAX_INVALID; unchanged on failure. */
int ows_vbl_set(ows_vbl *l, uint32_t index, const ows_oid *name, const ows_value *value);

/* Removes entry `index`, shifting later entries down. OWS_E_INDEX_INVALID. */
int ows_vbl_delete(ows_vbl *l, uint32_t index);

/* Deep copy of a whole list into `dst` (overwritten, not freed first); the
 * copy has no arena. OWS_E_ALLOC (dst left empty). */
int ows_vbl_copy(ows_vbl *dst, const ows_vbl *src);

/* The same copy in one allocation: the items and every varbind's bytes lie
 * in the copy's arena (cap 0, no `own`), as in a decoded list, so edits work
 * on it unchanged. Not for ows_vbl_replace's src. OWS_E_ALLOC (dst empty). */
int ows_vbl_copy_packed(ows_vbl *dst, const ows_vbl *src);

/* Frees dst's varbinds and items but keeps its arena alive (a PDU's
 * enterprise OID may live there), then moves src's varbinds into dst.
 * src must have no arena (a fresh ows_vbl_copy); it is left empty. */
void ows_vbl_replace(ows_vbl *dst, ows_vbl *src);

/* The object behind an HSNMP_VBL. */
typedef struct ows_vbl_obj {
    ows_object obj;      /* first member */
    ows_vbl vbl;
} ows_vbl_obj;

/* Allocates a VBL object that takes over *moved (left empty; NULL = an
 * empty list) and publishes it under a new handle owned by `owner`.
 * On failure *moved is untouched (still the caller's) and nothing leaks.
 * OWS_E_ALLOC. */
int ows_vbl_obj_new(struct ows_session *owner, ows_vbl *moved, ows_vbl_obj **out);

#endif
