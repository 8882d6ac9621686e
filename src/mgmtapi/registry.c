/* registry.c - the table of open mgmtapi sessions. A session value is
 * (generation << 16 | slot): never a pointer, so SnmpMgrClose and the other
 * exports can reject garbage, stale and double-closed values without reading
 * memory they do not own. A freed slot goes to the back of the free list,
 * and its generation moves on, so a stale value does not name a new session
 * until the slot has been reused 32767 times. */
#include <stdlib.h>
#include "mgmtapi/mgmt.h"

#define SLOT_MAX 0xFFFFu
#define GEN_MAX 0x7FFFu

struct slot {
    struct ows_mgr *m;
    uint32_t gen;                 /* 1..GEN_MAX */
    uint32_t next_free;           /* index + 1 of the next free slot, 0: none */
};

static ows_mutex reg_lock = OWS_MUTEX_INIT;
static struct slot *slots;
static uint32_t nslots, cap;
static uint32_t free_head, free_tail;    /* index + 1; 0: empty */

static int grow(void)
{
    uint32_t ncap = cap ? cap * 2 : 64;
    struct slot *n;
    if (ncap > SLOT_MAX)
        ncap = SLOT_MAX;
    if (ncap <= cap)
        return 0;
    n = realloc(slots, ncap * sizeof(*n));
    if (!n)
        return 0;
    slots = n;
    cap = ncap;
    return 1;
}

void *ows_mgr_publish(struct ows_mgr *m)
{
    uint32_t i;
    void *v = NULL;
    ows_mutex_lock(&reg_lock);
    if (free_head) {
        i = free_head - 1;
        free_head = slots[i].next_free;
        if (!free_head)
            free_tail = 0;
    } else if (nslots < cap || grow()) {
        i = nslots++;
        slots[i].gen = 0;
    } else {
        ows_mutex_unlock(&reg_lock);
        return NULL;
    }
    slots[i].gen = slots[i].gen % GEN_MAX + 1;
    slots[i].m = m;
    slots[i].next_free = 0;
    m->refs = 1;
    v = (void *)(uintptr_t)((slots[i].gen << 16) | i);
    ows_mutex_unlock(&reg_lock);
    return v;
}

/* The slot a value names while it is live, or NULL. Lock held. */
static struct slot *lookup(void *value)
{
    uintptr_t v = (uintptr_t)value;
    uint32_t i = (uint32_t)(v & 0xFFFFu), gen = (uint32_t)(v >> 16);
    if (v > 0x7FFFFFFFu || gen == 0 || i >= nslots)
        return NULL;
    if (slots[i].gen != gen || !slots[i].m)
        return NULL;
    return &slots[i];
}

struct ows_mgr *ows_mgr_get(void *value)
{
    struct slot *s;
    struct ows_mgr *m = NULL;
    ows_mutex_lock(&reg_lock);
    s = lookup(value);
    if (s) {
        m = s->m;
        m->refs++;
    }
    ows_mutex_unlock(&reg_lock);
    return m;
}

void ows_mgr_put(struct ows_mgr *m)
{
    uint32_t left;
    ows_mutex_lock(&reg_lock);
    left = --m->refs;
    ows_mutex_unlock(&reg_lock);
    if (!left)
        ows_mgr_destroy(m);
}

struct ows_mgr *ows_mgr_unpublish(void *value)
{
    struct slot *s;
    struct ows_mgr *m = NULL;
    ows_mutex_lock(&reg_lock);
    s = lookup(value);
    if (s) {
        uint32_t i = (uint32_t)(s - slots);
        m = s->m;
        m->closing = 1;
        s->m = NULL;
        if (free_tail)
            slots[free_tail - 1].next_free = i + 1;
        else
            free_head = i + 1;
        free_tail = i + 1;
    }
    ows_mutex_unlock(&reg_lock);
    return m;
}
