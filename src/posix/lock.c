/* lock.c - POSIX mutexes and condition variables (pthreads, monotonic clock). */
#include <errno.h>
#include <time.h>
#include "core/error.h"
#include "platform.h"

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
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += timeout_ms / 1000;
    ts.tv_nsec += (timeout_ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return pthread_cond_timedwait(&c->c, &m->m, &ts) == ETIMEDOUT ? OWS_E_TL_TIMEOUT : OWS_OK;
}
