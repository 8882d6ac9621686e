/* alloc.c - the library's only allocator, with a fail-injection hook.
 *
 * Counters are atomics so tests and the engine's I/O thread can allocate at
 * the same time without the API lock. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include "core/alloc.h"

/* Allocations still allowed before injected failures start; -1 = never fail. */
static atomic_long fail_budget = -1;
static atomic_ulong alloc_count;
static atomic_long alloc_live;

/* Decides whether this allocation must fail, consuming one unit of budget. */
static int should_fail(void)
{
    long b = atomic_load(&fail_budget);
    while (b >= 0) {
        if (b == 0)
            return 1;
        if (atomic_compare_exchange_weak(&fail_budget, &b, b - 1))
            return 0;
    }
    return 0;
}

void *ows_malloc(size_t n)
{
    void *p;
    if (should_fail())
        return NULL;
    p = malloc(n ? n : 1);
    if (p) {
        atomic_fetch_add(&alloc_count, 1);
        atomic_fetch_add(&alloc_live, 1);
    }
    return p;
}

void *ows_calloc(size_t count, size_t size)
{
    void *p;
    if (size && count > SIZE_MAX / size)
        return NULL;
    if (should_fail())
        return NULL;
    p = calloc(count ? count : 1, size ? size : 1);
    if (p) {
        atomic_fetch_add(&alloc_count, 1);
        atomic_fetch_add(&alloc_live, 1);
    }
    return p;
}

void *ows_realloc(void *p, size_t n)
{
    void *q;
    if (!p)
        return ows_malloc(n);
    if (should_fail())
        return NULL;
    q = realloc(p, n ? n : 1);
    if (q)
        atomic_fetch_add(&alloc_count, 1);
    return q;
}

void ows_free(void *p)
{
    if (!p)
        return;
    atomic_fetch_sub(&alloc_live, 1);
    free(p);
}

void *ows_grow(void *arr, size_t *cap, size_t need, size_t elem)
{
    size_t ncap = *cap > SIZE_MAX / 2 ? SIZE_MAX : *cap * 2;
    void *q;
    if (need <= *cap && arr)
        return arr;
    if (ncap < need)
        ncap = need;
    if (!elem || ncap > SIZE_MAX / elem)
        return NULL;
    q = ows_realloc(arr, ncap * elem);
    if (q)
        *cap = ncap;
    return q;
}

void ows_alloc_fail_after(long k)
{
    atomic_store(&fail_budget, k < 0 ? -1 : k);
}

unsigned long ows_alloc_count(void)
{
    return atomic_load(&alloc_count);
}

long ows_alloc_live(void)
{
    return atomic_load(&alloc_live);
}
