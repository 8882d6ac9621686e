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
#include "core/handle_get.h"
#include "core/session.h"
#include "core/trace.h"

#define TYPE_BITS OWS_HANDLE_TYPE_BITS
#define SLOT_BITS OWS_HANDLE_SLOT_BITS
#define GEN_BITS 8u
#define MAX_SLOTS (1u << SLOT_BITS)
#define SLOT_MASK (MAX_SLOTS - 1u)
#define GEN_MASK ((1u << GEN_BITS) - 1u)
#define TYPE_MASK ((1u << TYPE_BITS) - 1u)
#define VALUE_MASK OWS_HANDLE_VALUE_MASK
#define MIN_FREE 64u
#define FIRST_CAP 128u
#define NO_SLOT 0xFFFFFFFFu

struct ows_handle_table ows_handle_tab = { NULL, 0, NO_SLOT, NO_SLOT, 0, { 0 } };

/* Moves on at each table reset, so handles from before a final cleanup do
 * not resolve after the next startup. */
static uint32_t epoch;

#if defined(__GNUC__)
__attribute__((cold))
#endif
int ows_handle_invalid(uint32_t type)
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
    struct ows_handle_slot *slots = ows_handle_tab.slots;
    uint32_t tail = ows_handle_tab.free_tail;
    slots[i].next_free = NO_SLOT;
    if (tail == NO_SLOT)
        ows_handle_tab.free_head = i;
    else
        slots[tail].next_free = i;
    ows_handle_tab.free_tail = i;
    ows_handle_tab.free_count++;
}

static uint32_t pop_free(void)
{
    uint32_t i = ows_handle_tab.free_head;
    ows_handle_tab.free_head = ows_handle_tab.slots[i].next_free;
    if (ows_handle_tab.free_head == NO_SLOT)
        ows_handle_tab.free_tail = NO_SLOT;
    ows_handle_tab.free_count--;
    return i;
}

/* Out of line: it runs once per doubling, and inlined it would make every
 * ows_handle_new save and restore registers it never needs. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int grow(void)
{
    uint32_t ncap = ows_handle_tab.cap ? ows_handle_tab.cap * 2u : FIRST_CAP, i;
    struct ows_handle_slot *ns;
    if (ncap > MAX_SLOTS)
        ncap = MAX_SLOTS;
    if (ncap <= ows_handle_tab.cap)
        return OWS_E_ALLOC;
    ns = ows_realloc(ows_handle_tab.slots, (size_t)ncap * sizeof(*ns));
    if (!ns)
        return OWS_E_ALLOC;
    ows_handle_tab.slots = ns;
    for (i = ows_handle_tab.cap; i < ncap; i++) {
        ns[i].obj = NULL;
        /* Different starting generations per slot make handle values less
         * predictable for code that guesses them. */
        ns[i].gen = (i * 7u + epoch) & GEN_MASK;
        push_free(i);
    }
    ows_handle_tab.cap = ncap;
    return OWS_OK;
}

/* Takes a free slot (there is one) and publishes obj in it. */
static inline void publish(ows_object *obj, uint32_t type, struct ows_session *owner)
{
    uint32_t i = pop_free();
    struct ows_handle_slot *sl = &ows_handle_tab.slots[i];
    uint32_t gen = sl->gen;
    sl->obj = obj;
    obj->handle = encode(i, gen, type);
    obj->type = type;
    obj->refs = 1;
    obj->holds = 1;
    obj->owner = owner;
    obj->owner_prev = NULL;
    obj->owner_next = NULL;
    if (owner) {
        obj->owner_next = owner->owned;
        if (owner->owned)
            owner->owned->owner_prev = obj;
        owner->owned = obj;
    }
    ows_handle_tab.live[type]++;
}

/* The path that may grow the table, out of line so that the common path
 * (enough free slots) saves and restores no registers. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int new_growing(ows_object *obj, uint32_t type, struct ows_session *owner)
{
    if (ows_handle_tab.cap < MAX_SLOTS) {
        int err = grow();
        /* A failed growth is fatal only when no slot is free at all. */
        if (err && ows_handle_tab.free_count == 0)
            return err;
    }
    if (ows_handle_tab.free_count == 0)
        return OWS_E_ALLOC;
    publish(obj, type, owner);
    return OWS_OK;
}

int ows_handle_new(ows_object *obj, uint32_t type, struct ows_session *owner)
{
    if (!obj || type < OWS_T_SESSION || type > OWS_T_VBL)
        return OWS_E_OTHER;
    if (ows_handle_tab.free_count <= MIN_FREE)
        return new_growing(obj, type, owner);
    publish(obj, type, owner);
    return OWS_OK;
}

int ows_handle_get(uintptr_t value, uint32_t type, ows_object **out)
{
    return ows_handle_lookup(value, type, out);
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
    uint32_t slot;
    struct ows_session *owner;
    if (!obj || obj->handle == 0)
        return;
    slot = ((obj->handle ^ VALUE_MASK) >> TYPE_BITS) & SLOT_MASK;
    if (slot < ows_handle_tab.cap) {
        struct ows_handle_slot *sl = &ows_handle_tab.slots[slot];
        if (sl->obj == obj) {
            sl->obj = NULL;
            sl->gen = (sl->gen + 1u) & GEN_MASK;
            push_free(slot);
        }
    }
    obj->handle = 0;
    owner = obj->owner;
    if (owner) {
        /* Locals: the stores below could alias obj's own fields. */
        ows_object *prev = obj->owner_prev, *next = obj->owner_next;
        if (prev)
            prev->owner_next = next;
        else
            owner->owned = next;
        if (next)
            next->owner_prev = prev;
    }
    obj->owner = NULL;
    obj->owner_prev = obj->owner_next = NULL;
    if (obj->type <= OWS_T_VBL && ows_handle_tab.live[obj->type])
        ows_handle_tab.live[obj->type]--;
    ows_object_put(obj);
}

uintptr_t ows_handle_hold(uint32_t value, uint32_t type)
{
    ows_object *obj;
    if (!value || ows_handle_lookup(value, type, &obj))
        return 0;
    /* The lookup's reference is not kept: the table's stays. */
    obj->refs--;
    obj->holds++;
    return value;
}

void ows_handle_unhold(uintptr_t value, uint32_t type)
{
    ows_object *obj;
    if (value && !ows_handle_lookup(value, type, &obj)) {
        obj->refs--;
        ows_handle_release(obj);
    }
}

void ows_handle_release(ows_object *obj)
{
    if (obj->holds > 1)
        obj->holds--;
    else
        ows_handle_delete(obj);
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
        return ows_handle_tab.live[type];
    for (t = OWS_T_SESSION; t <= OWS_T_VBL; t++)
        n += ows_handle_tab.live[t];
    return n;
}

void ows_handle_table_reset(void)
{
    if (ows_handle_live(0) != 0) {
        OWS_WARN("%lu handles still live; table kept", (unsigned long)ows_handle_live(0));
        return;
    }
    ows_free(ows_handle_tab.slots);
    ows_handle_tab.slots = NULL;
    ows_handle_tab.cap = 0;
    ows_handle_tab.free_head = ows_handle_tab.free_tail = NO_SLOT;
    ows_handle_tab.free_count = 0;
    epoch += 37u;
}
