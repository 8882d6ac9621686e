/* thread.c - POSIX threads and thread ids. */
#include <stdatomic.h>
#include "core/alloc.h"
#include "core/error.h"
#include "platform.h"

struct start {
    void (*fn)(void *);
    void *arg;
};

static void *trampoline(void *p)
{
    struct start st = *(struct start *)p;
    ows_free(p);
    st.fn(st.arg);
    return NULL;
}

int ows_thread_create(ows_thread *t, void (*fn)(void *), void *arg)
{
    struct start *st = ows_malloc(sizeof(*st));
    if (!st)
        return OWS_E_ALLOC;
    st->fn = fn;
    st->arg = arg;
    if (pthread_create(t, NULL, trampoline, st)) {
        ows_free(st);
        return OWS_E_TL_RESOURCE_ERROR;
    }
    return OWS_OK;
}

void ows_thread_join(ows_thread t)
{
    pthread_join(t, NULL);
}

/* pthread_t is opaque, so each thread gets a small sequential id the first
 * time it asks; it is never 0. Every export asks (the API lock records its
 * owner), so the variable uses the initial-exec TLS model: one load instead
 * of a __tls_get_addr call per lookup in a shared library. Eight bytes of
 * static TLS are well within what the loader reserves for dlopen. */
static atomic_uint_fast64_t next_id = 1;
#if defined(__GNUC__)
static _Thread_local uint64_t my_id __attribute__((tls_model("initial-exec")));
#else
static _Thread_local uint64_t my_id;
#endif

uint64_t ows_thread_id(void)
{
    if (!my_id)
        my_id = atomic_fetch_add(&next_id, 1);
    return my_id;
}
