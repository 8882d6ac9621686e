/* handle_get.h - the handle lookup, inline: every export makes a few, and a
 * call per lookup costs about as much as the checks themselves. The checks
 * and errors are those of ows_handle_get (handle.h), which is this function
 * out of line for code off the hot path.
 *
 * Locking: requires the API lock (ows_lock, state.h).
 */
#ifndef OWS_CORE_HANDLE_GET_H
#define OWS_CORE_HANDLE_GET_H
#include <stddef.h>
#include <stdint.h>
#include "core/error.h"
#include "core/handle.h"
#include "core/session.h"

/* The table's layout (handle.c explains the encoding); only handle.c writes it. */
#define OWS_HANDLE_TYPE_BITS 3u
#define OWS_HANDLE_SLOT_BITS 20u
#define OWS_HANDLE_VALUE_MASK 0x2A5A5A50u   /* low 3 bits 0, bit 31 0 */

struct ows_handle_slot {
    ows_object *obj;
    uint32_t gen;
    uint32_t next_free;
};

struct ows_handle_table {
    struct ows_handle_slot *slots;
    uint32_t cap;
    uint32_t free_head, free_tail, free_count;
    size_t live[OWS_T_VBL + 1];
};

extern struct ows_handle_table ows_handle_tab;

/* The type's *_INVALID error; out of line, as failures are rare. */
int ows_handle_invalid(uint32_t type);

/* Always inline: left to itself the compiler keeps one out-of-line copy per
 * file that calls it more than once, which is the call this header avoids. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int ows_handle_lookup(uintptr_t value, uint32_t type, ows_object **out)
{
    uint32_t enc = (uint32_t)value ^ OWS_HANDLE_VALUE_MASK;
    uint32_t slot = (enc >> OWS_HANDLE_TYPE_BITS) & ((1u << OWS_HANDLE_SLOT_BITS) - 1u);
    ows_object *obj;

    /* The tests are ordered so that a valid handle takes as few as possible.
     * A live object's handle always encodes its slot, the slot's current
     * generation and its type (handle.c changes a slot's generation only
     * when it empties it), so one comparison of the whole value with the
     * handle of the object in its slot rejects stale and forged values: a
     * value of 2^31 or more never equals one (handles are below 2^31), nor
     * does a value whose generation has moved on. The type is checked first
     * (it also rejects 0) and the slot is bounded before it is read. */
    *out = NULL;
    if ((enc & ((1u << OWS_HANDLE_TYPE_BITS) - 1u)) != type || slot >= ows_handle_tab.cap)
        return ows_handle_invalid(type);
    obj = ows_handle_tab.slots[slot].obj;
    if (!obj || (uintptr_t)obj->handle != value)
        return ows_handle_invalid(type);
    /* A session being released, and everything it owns, no longer resolves. */
    if (type == OWS_T_SESSION ? ((struct ows_session *)obj)->closing
                              : (obj->owner && obj->owner->closing))
        return ows_handle_invalid(type);
    obj->refs++;
    *out = obj;
    return OWS_OK;
}

#endif
