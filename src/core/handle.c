/* handle.c - the one handle table (see handle.h).
 *
 * A handle value is ((generation << 23) | (slot << 3) | type) XOR a fixed
 * mask. The type tag catches a PDU handle passed where a VBL is expected; the
 * generation catches stale handles; the mask makes small garbage integers
 * (1, 2, 0x10, ...) decode to absurd slots instead of live objects. Because
 * the mask's low three bits are 0 and every type tag is non-zero, no handle is
 * ever 0, and with 31 significant bits none reaches 2^31.
 *
 * Free slots form a FIFO queue that always keeps at least MIN_FREE entries
 * (the table grows instead), so a slot freed now is handed out again only
 * after MIN_FREE other allocations, and then with the next generation.
 * The 8-bit generation wraps after 256 reuses of one slot, which needs at
 * least 256 * MIN_FREE allocations in between: a stale handle that old can
 * resolve again; that is the price of 32-bit handle values.
 */
#include "core/alloc.h"
#include "core/error.h"
#include "core/handle.h"
#include "core/session.h"
#include "core/trace.h"

#define TYPE_BITS 3u
#define SLOT_BITS 20u
#define GEN_BITS 8u
#define MAX_SLOTS (1u << SLOT_BITS)
#define SLOT_MASK (MAX_SLOTS - 1u)
#define GEN_MASK ((1u << GEN_BITS) - 1u)
#define TYPE_MASK ((1u << TYPE_BITS) - 1u)
#define VALUE_MASK 0x2A5A5A50u     /* low 3 bits 0, bit 31 0 */
#define MIN_FREE 64u
#define FIRST_CAP 128u
#define NO_SLOT 0xFFFFFFFFu

struct slot {
    ows_object *obj;
    uint32_t gen;
    uint32_t next_free;
};

static struct {
    struct slot *slots;
    uint32_t cap;
    uint32_t free_head, free_tail, free_count;
    size_t live[OWS_T_VBL + 1];
} tab = { NULL, 0, NO_SLOT, NO_SLOT, 0, { 0 } };

/* Moves on at each table reset, so handles from before a final cleanup do
 * not resolve after the next startup. */
static uint32_t epoch;

static int invalid_err(uint32_t type)
{
    switch (type) {
    case OWS_T_SESSION: return OWS_E_SESSION_INVALID;
    case OWS_T_ENTITY: return OWS_E_ENTITY_INVALID;
    case OWS_T_CONTEXT: return OWS_E_CONTEXT_INVALID;
    case OWS_T_PDU: return OWS_E_PDU_INVALID;
    case OWS_T_VBL: return OWS_E_VBL_INVALID;
    default: return OWS_E_OTHER;
    }
}

static uint32_t encode(uint32_t slot, uint32_t gen, uint32_t type)
{
    return ((gen << (SLOT_BITS + TYPE_BITS)) | (slot << TYPE_BITS) | type) ^ VALUE_MASK;
}

static void push_free(uint32_t i)
{
    tab.slots[i].next_free = NO_SLOT;
    if (tab.free_tail == NO_SLOT)
        tab.free_head = i;
    else
        tab.slots[tab.free_tail].next_free = i;
    tab.free_tail = i;
    tab.free_count++;
}

static uint32_t pop_free(void)
{
    uint32_t i = tab.free_head;
    tab.free_head = tab.slots[i].next_free;
    if (tab.free_head == NO_SLOT)
        tab.free_tail = NO_SLOT;
    tab.free_count--;
    return i;
}

/* Out of line: it runs once per doubling, and inlined it would make every
 * ows_handle_new save and restore registers it never needs. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int grow(void)
{
    uint32_t ncap = tab.cap ? tab.cap * 2u : FIRST_CAP, i;
    struct slot *ns;
    if (ncap > MAX_SLOTS)
        ncap = MAX_SLOTS;
    if (ncap <= tab.cap)
        return OWS_E_ALLOC;
    ns = ows_realloc(tab.slots, (size_t)ncap * sizeof(*ns));
    if (!ns)
        return OWS_E_ALLOC;
    tab.slots = ns;
    for (i = tab.cap; i < ncap; i++) {
        ns[i].obj = NULL;
        /* Different starting generations per slot make handle values less
         * predictable for code that guesses them. */
        ns[i].gen = (i * 7u + epoch) & GEN_MASK;
        push_free(i);
    }
    tab.cap = ncap;
    return OWS_OK;
}

int ows_handle_new(ows_object *obj, uint32_t type, struct ows_session *owner)
{
    uint32_t i;
    if (!obj || type < OWS_T_SESSION || type > OWS_T_VBL)
        return OWS_E_OTHER;
    if (tab.free_count <= MIN_FREE && tab.cap < MAX_SLOTS) {
        int err = grow();
        /* A failed growth is fatal only when no slot is free at all. */
        if (err && tab.free_count == 0)
            return err;
    }
    if (tab.free_count == 0)
        return OWS_E_ALLOC;
    i = pop_free();
    tab.slots[i].obj = obj;
    obj->handle = encode(i, tab.slots[i].gen, type);
    obj->type = type;
    obj->refs = 1;
    obj->owner = owner;
    obj->owner_prev = NULL;
    obj->owner_next = NULL;
    if (owner) {
        obj->owner_next = owner->owned;
        if (owner->owned)
            owner->owned->owner_prev = obj;
        owner->owned = obj;
    }
    tab.live[type]++;
    return OWS_OK;
}

int ows_handle_get(uintptr_t value, uint32_t type, ows_object **out)
{
    uint32_t enc = (uint32_t)value ^ VALUE_MASK;
    uint32_t slot = (enc >> TYPE_BITS) & SLOT_MASK;
    const struct slot *sl;
    ows_object *obj;

    /* Every export makes a few of these: the tests are ordered so that a
     * valid handle takes as few as possible. A value of 2^31 or more, 0 (its
     * type bits are 0) or a type outside the table's fails one of the first
     * three; an object whose handle equals the value has that type. */
    *out = NULL;
    if ((value >> 31) != 0 || (enc & TYPE_MASK) != type || slot >= tab.cap)
        return invalid_err(type);
    sl = &tab.slots[slot];
    obj = sl->obj;
    if (sl->gen != enc >> (SLOT_BITS + TYPE_BITS) || !obj || obj->handle != (uint32_t)value)
        return invalid_err(type);
    /* A session being released, and everything it owns, no longer resolves. */
    if (type == OWS_T_SESSION ? ((struct ows_session *)obj)->closing
                              : (obj->owner && obj->owner->closing))
        return invalid_err(type);
    obj->refs++;
    *out = obj;
    return OWS_OK;
}

void ows_object_ref(ows_object *obj)
{
    obj->refs++;
}

void ows_object_put_last(ows_object *obj)
{
    if (!obj)
        return;
    if (obj->refs == 0) {
        OWS_WARN("object %p put with no reference", (void *)obj);
        return;
    }
    if (--obj->refs == 0 && obj->destroy)
        obj->destroy(obj);
}

void ows_handle_delete(ows_object *obj)
{
    uint32_t enc, slot;
    struct ows_session *owner;
    if (!obj || obj->handle == 0)
        return;
    enc = obj->handle ^ VALUE_MASK;
    slot = (enc >> TYPE_BITS) & SLOT_MASK;
    if (slot < tab.cap && tab.slots[slot].obj == obj) {
        tab.slots[slot].obj = NULL;
        tab.slots[slot].gen = (tab.slots[slot].gen + 1u) & GEN_MASK;
        push_free(slot);
    }
    obj->handle = 0;
    owner = obj->owner;
    if (owner) {
        if (obj->owner_prev)
            obj->owner_prev->owner_next = obj->owner_next;
        else
            owner->owned = obj->owner_next;
        if (obj->owner_next)
            obj->owner_next->owner_prev = obj->owner_prev;
    }
    obj->owner = NULL;
    obj->owner_prev = obj->owner_next = NULL;
    if (obj->type <= OWS_T_VBL && tab.live[obj->type])
        tab.live[obj->type]--;
    ows_object_put(obj);
}

void ows_handle_delete_owned(struct ows_session *owner)
{
    if (!owner)
        return;
    while (owner->owned)
        ows_handle_delete(owner->owned);
}

size_t ows_handle_live(uint32_t type)
{
    size_t n = 0, t;
    if (type >= OWS_T_SESSION && type <= OWS_T_VBL)
        return tab.live[type];
    for (t = OWS_T_SESSION; t <= OWS_T_VBL; t++)
        n += tab.live[t];
    return n;
}

void ows_handle_table_reset(void)
{
    if (ows_handle_live(0) != 0) {
        OWS_WARN("%lu handles still live; table kept", (unsigned long)ows_handle_live(0));
        return;
    }
    ows_free(tab.slots);
    tab.slots = NULL;
    tab.cap = 0;
    tab.free_head = tab.free_tail = NO_SLOT;
    tab.free_count = 0;
    epoch += 37u;
}
