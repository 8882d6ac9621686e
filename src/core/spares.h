/* spares.h - a bounded stack of equal-size blocks kept for reuse.
 *
 * The engine's hot path allocates and frees two blocks per request (the
 * outstanding request, the received message) in bursts as large as the
 * number of requests in flight; the C library's per-thread caches are
 * smaller than that, so each block would go through the general allocator.
 * Blocks of one standard size are kept here instead, at most
 * OWS_SPARES_MAX of them, and freed when the engine stops. Every block comes
 * from ows_malloc and goes back through ows_free. Not thread-safe: the
 * owner's lock guards it.
 */
#ifndef OWS_CORE_SPARES_H
#define OWS_CORE_SPARES_H
#include <stdint.h>

#define OWS_SPARES_MAX 64u

struct ows_spares {
    void *head;          /* the first word of a spare block links to the next */
    uint32_t n;
};

/* A spare block, or NULL when there is none. */
void *ows_spares_take(struct ows_spares *sp);
/* Keeps p for reuse, or frees it when OWS_SPARES_MAX are kept already. */
void ows_spares_give(struct ows_spares *sp, void *p);
/* Frees every spare block. */
void ows_spares_drain(struct ows_spares *sp);

#endif
