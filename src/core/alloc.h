/* alloc.h - the one allocator the library uses.
 *
 * Every allocation goes through here so that tests can make the Nth one fail
 * and prove each ALLOC_ERROR path (curl's "torture" idea).
 */
#ifndef OWS_CORE_ALLOC_H
#define OWS_CORE_ALLOC_H
#include <stddef.h>

void *ows_malloc(size_t n);
void *ows_calloc(size_t count, size_t size); /* checks count*size overflow */
void *ows_realloc(void *p, size_t n);        /* on failure p is untouched */
void ows_free(void *p);

/* Returns arr, an array of *cap elements of elem bytes, made to hold at least
 * need of them: it grows to twice its capacity, or to need when that is more,
 * and *cap follows. NULL when memory or the size runs out; arr and *cap are
 * then as they were. */
void *ows_grow(void *arr, size_t *cap, size_t need, size_t elem);

/* Test hooks. ows_alloc_fail_after(k): the next k allocations succeed and
 * every one after them fails, until ows_alloc_fail_after(-1) switches it off.
 * ows_alloc_count() counts successful allocations since start-up. */
void ows_alloc_fail_after(long k);
unsigned long ows_alloc_count(void);
/* Added (core): allocations not yet freed (successful allocs minus frees of
 * non-NULL pointers); a test compares it before and after a call to prove
 * nothing leaked. */
long ows_alloc_live(void);

#endif
