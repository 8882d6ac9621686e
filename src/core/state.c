/* state.c - the API lock, startup state and the process-wide last error.
 *
 * The lock is a statically initialised mutex, so it works before the first
 * SnmpStartup and after the last SnmpCleanup. It records which thread holds
 * it so ows_api_return can tell whether the calling thread does. */
#include <stdatomic.h>
#include "core/error.h"
#include "core/state.h"
#include "platform.h"

static ows_mutex api_mutex = OWS_MUTEX_INIT;
static _Atomic uint32_t last_error;

/* Defaults per the WinSNMP documentation: UNTRANSLATED_V1 and retransmit ON. */
struct ows_state ows_state = { 0, 0, 1, 1 };

#if defined(__GNUC__) && defined(__ELF__)
/* ELF systems: a thread-local mark of "this thread holds the lock". Every
 * export sets it, tests it and clears it, and with the initial-exec model
 * each is one instruction, where the owner's thread id costs a lookup and
 * an atomic store. Only the owning thread reads its own mark, so it needs
 * no atomics. (PE targets keep the owner id: their compilers reach
 * thread-locals through a call.) */
static _Thread_local int lock_mine __attribute__((tls_model("initial-exec")));

void ows_lock(void)
{
    ows_mutex_lock(&api_mutex);
    lock_mine = 1;
}

void ows_unlock(void)
{
    lock_mine = 0;
    ows_mutex_unlock(&api_mutex);
}

int ows_lock_held(void)
{
    return lock_mine;
}

int ows_lock_wait(ows_cond *cond, long timeout_ms)
{
    int err;
    lock_mine = 0;
    err = ows_cond_wait(cond, &api_mutex, timeout_ms);
    lock_mine = 1;
    return err;
}
#else
static _Atomic uint64_t lock_owner;          /* thread id, 0 when free */

void ows_lock(void)
{
    ows_mutex_lock(&api_mutex);
    atomic_store(&lock_owner, ows_thread_id());
}

void ows_unlock(void)
{
    atomic_store(&lock_owner, 0);
    ows_mutex_unlock(&api_mutex);
}

int ows_lock_held(void)
{
    return atomic_load(&lock_owner) == ows_thread_id();
}

int ows_lock_wait(ows_cond *cond, long timeout_ms)
{
    uint64_t me = ows_thread_id();
    int err;
    atomic_store(&lock_owner, 0);
    err = ows_cond_wait(cond, &api_mutex, timeout_ms);
    atomic_store(&lock_owner, me);
    return err;
}
#endif

int ows_initialized(void)
{
    return ows_state.plain_started || ows_state.ex_refs > 0;
}

void ows_set_last_error(uint32_t api_code)
{
    atomic_store(&last_error, api_code);
}

uint32_t ows_get_last_error(void)
{
    return atomic_load(&last_error);
}
