/* descriptor.c - the registry of output descriptors (an open-addressing hash
 * set of pointers with linear probing and backward-shift deletion). */
#include <string.h>
#include "core/descriptor.h"
#include "core/alloc.h"
#include "core/error.h"

static void **slots;     /* NULL = empty */
static size_t nslots;    /* a power of two, or 0 before the first use */
static size_t nlive;

static size_t slot_of(const void *p, size_t mask)
{
    uint64_t h = (uint64_t)(uintptr_t)p;

    /* Heap pointers share their low bits; mix them (a 64-bit finalizer). */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return (size_t)h & mask;
}

/* Index of p's slot, or SIZE_MAX when p is not registered. */
static size_t find(const void *p)
{
    size_t mask, i;

    if (!nslots || !p)
        return SIZE_MAX;
    mask = nslots - 1;
    for (i = slot_of(p, mask); slots[i]; i = (i + 1) & mask)
        if (slots[i] == p)
            return i;
    return SIZE_MAX;
}

static void insert_nogrow(void **tab, size_t size, void *p)
{
    size_t mask = size - 1, i = slot_of(p, mask);

    while (tab[i])
        i = (i + 1) & mask;
    tab[i] = p;
}

/* Keeps the load at or below one half. */
static int reserve_one(void)
{
    size_t size, i;
    void **tab;

    if ((nlive + 1) * 2 <= nslots)
        return OWS_OK;
    size = nslots ? nslots * 2 : 64;
    tab = ows_calloc(size, sizeof(void *));
    if (!tab)
        return OWS_E_ALLOC;
    for (i = 0; i < nslots; i++)
        if (slots[i])
            insert_nogrow(tab, size, slots[i]);
    ows_free(slots);
    slots = tab;
    nslots = size;
    return OWS_OK;
}

/* Removes slot i and shifts later members of its probe run back, so lookups
 * never need tombstones. */
static void remove_at(size_t i)
{
    size_t mask = nslots - 1, j = i;

    slots[i] = NULL;
    for (;;) {
        size_t home;

        j = (j + 1) & mask;
        if (!slots[j])
            break;
        home = slot_of(slots[j], mask);
        /* Move slots[j] into the hole when the hole lies cyclically in
         * [home, j), i.e. its probe passed through the hole. */
        if (((j - home) & mask) >= ((j - i) & mask)) {
            slots[i] = slots[j];
            slots[j] = NULL;
            i = j;
        }
    }
    nlive--;
}

void *ows_desc_alloc(size_t n)
{
    void *p;

    if (reserve_one())
        return NULL;
    p = ows_malloc(n ? n : 1);
    if (!p)
        return NULL;
    insert_nogrow(slots, nslots, p);
    nlive++;
    return p;
}

int ows_desc_octets(ows_octets *out, const void *bytes, uint32_t len)
{
    uint8_t *p = ows_desc_alloc(len);

    if (!p)
        return OWS_E_ALLOC;
    if (len)
        memcpy(p, bytes, len);
    out->len = len;
    out->ptr = p;
    return OWS_OK;
}

int ows_desc_oid(ows_oid *out, const uint32_t *ids, uint32_t len)
{
    uint32_t *p = ows_desc_alloc((size_t)len * sizeof(uint32_t));

    if (!p)
        return OWS_E_ALLOC;
    if (len)
        memcpy(p, ids, (size_t)len * sizeof(uint32_t));
    out->len = len;
    out->ids = p;
    return OWS_OK;
}

static int is_descriptor_syntax(uint32_t syntax)
{
    switch (syntax) {
    case OWS_SYN_OCTETS: case OWS_SYN_BITS: case OWS_SYN_OPAQUE:
    case OWS_SYN_IPADDR: case OWS_SYN_NSAPADDR: case OWS_SYN_OID:
        return 1;
    default:
        return 0;
    }
}

int ows_desc_free(uint32_t syntax, void *ptr)
{
    size_t i;

    if (!is_descriptor_syntax(syntax))
        return OWS_E_SYNTAX_INVALID;
    /* The pointer alone decides: applications pass OCTETS for an OID and the
     * other way round, and both kinds live in the same set. */
    i = find(ptr);
    if (i == SIZE_MAX)
        return OWS_E_OPERATION_INVALID;
    remove_at(i);
    ows_free(ptr);
    return OWS_OK;
}

void ows_desc_discard(void *ptr)
{
    size_t i = find(ptr);

    if (i != SIZE_MAX) {
        remove_at(i);
        ows_free(ptr);
    }
}

int ows_desc_registered(const void *ptr)
{
    return find(ptr) != SIZE_MAX;
}

size_t ows_desc_live(void)
{
    return nlive;
}

void ows_desc_reset(void)
{
    size_t i;

    for (i = 0; i < nslots; i++)
        ows_free(slots[i]);
    ows_free(slots);
    slots = NULL;
    nslots = 0;
    nlive = 0;
}
