/* lock.c - mutexes and condition variables: futex words on Linux, pthreads
 * (monotonic clock) elsewhere. */
#include <errno.h>
#include <time.h>
#include "core/error.h"
#include "platform.h"

/* *ts = the monotonic clock's now + ms: the absolute deadline both kinds of
 * timed wait below take. */
static void deadline_in(struct timespec *ts, long ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

#if defined(__linux__)
/* The classic three-state futex mutex (0 free, 1 held, 2 held and perhaps
 * waited for): taking a free lock is one compare-and-swap and releasing an
 * uncontended one is one exchange, with no system call. The condition
 * variable is a sequence number that waiters sleep on; `waiters` spares the
 * wake-up system call when nobody waits. The C11 atomics carry the memory
 * ordering (acquire on taking, release on dropping), which is also what
 * ThreadSanitizer follows. */
#include <limits.h>
#include <linux/futex.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

static long futex(void *word, int op, int val, const struct timespec *ts, int val3)
{
    return syscall(SYS_futex, word, op, val, ts, NULL, val3);
}

void ows_mutex_init(ows_mutex *m) { atomic_init(&m->state, 0); }
void ows_mutex_destroy(ows_mutex *m) { (void)m; }

void ows_mutex_lock(ows_mutex *m)
{
    int c = 0;
    if (atomic_compare_exchange_strong_explicit(&m->state, &c, 1, memory_order_acquire,
                                                memory_order_relaxed))
        return;
    /* Contended: mark it (2) so the holder wakes someone, and sleep. */
    if (c != 2)
        c = atomic_exchange_explicit(&m->state, 2, memory_order_acquire);
    while (c != 0) {
        futex(&m->state, FUTEX_WAIT_PRIVATE, 2, NULL, 0);
        c = atomic_exchange_explicit(&m->state, 2, memory_order_acquire);
    }
}

void ows_mutex_unlock(ows_mutex *m)
{
    if (atomic_exchange_explicit(&m->state, 0, memory_order_release) == 2)
        futex(&m->state, FUTEX_WAKE_PRIVATE, 1, NULL, 0);
}

int ows_cond_init(ows_cond *c)
{
    atomic_init(&c->seq, 0);
    atomic_init(&c->waiters, 0);
    return OWS_OK;
}

void ows_cond_destroy(ows_cond *c) { (void)c; }

static void cond_wake(ows_cond *c, int n)
{
    atomic_fetch_add(&c->seq, 1u);
    if (atomic_load(&c->waiters))
        futex(&c->seq, FUTEX_WAKE_PRIVATE, n, NULL, 0);
}

void ows_cond_signal(ows_cond *c) { cond_wake(c, 1); }
void ows_cond_broadcast(ows_cond *c) { cond_wake(c, INT_MAX); }

int ows_cond_wait(ows_cond *c, ows_mutex *m, long timeout_ms)
{
    struct timespec ts;
    unsigned seq = atomic_load(&c->seq);
    int timed_out = 0;
    long rc;

    if (timeout_ms >= 0)
        deadline_in(&ts, timeout_ms);
    /* Counted before the mutex is dropped: a waker that changes `seq` after
     * we read it either sees us counted or makes the wait below return at
     * once (the word no longer holds `seq`). */
    atomic_fetch_add(&c->waiters, 1);
    ows_mutex_unlock(m);
    do {
        /* BITSET: an absolute deadline on the monotonic clock. */
        rc = futex(&c->seq, FUTEX_WAIT_BITSET_PRIVATE, (int)seq, timeout_ms >= 0 ? &ts : NULL,
                   FUTEX_BITSET_MATCH_ANY);
    } while (rc == -1 && errno == EINTR && atomic_load(&c->seq) == seq);
    timed_out = rc == -1 && errno == ETIMEDOUT;
    atomic_fetch_sub(&c->waiters, 1);
    ows_mutex_lock(m);
    return timed_out ? OWS_E_TL_TIMEOUT : OWS_OK;
}

#else

void ows_mutex_init(ows_mutex *m) { pthread_mutex_init(&m->m, NULL); }
void ows_mutex_destroy(ows_mutex *m) { pthread_mutex_destroy(&m->m); }
void ows_mutex_lock(ows_mutex *m) { pthread_mutex_lock(&m->m); }
void ows_mutex_unlock(ows_mutex *m) { pthread_mutex_unlock(&m->m); }

int ows_cond_init(ows_cond *c)
{
    pthread_condattr_t attr;
    int rc;
    if (pthread_condattr_init(&attr))
        return OWS_E_ALLOC;
    /* Timed waits must not jump when someone sets the wall clock. */
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    rc = pthread_cond_init(&c->c, &attr);
    pthread_condattr_destroy(&attr);
    return rc ? OWS_E_ALLOC : OWS_OK;
}

void ows_cond_destroy(ows_cond *c) { pthread_cond_destroy(&c->c); }
void ows_cond_signal(ows_cond *c) { pthread_cond_signal(&c->c); }
void ows_cond_broadcast(ows_cond *c) { pthread_cond_broadcast(&c->c); }

int ows_cond_wait(ows_cond *c, ows_mutex *m, long timeout_ms)
{
    struct timespec ts;
    if (timeout_ms < 0) {
        pthread_cond_wait(&c->c, &m->m);
        return OWS_OK;
    }
    deadline_in(&ts, timeout_ms);
    return pthread_cond_timedwait(&c->c, &m->m, &ts) == ETIMEDOUT ? OWS_E_TL_TIMEOUT : OWS_OK;
}

#endif
