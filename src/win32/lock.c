/* lock.c - Win32 mutexes (SRWLOCK) and condition variables. ows_mutex and
 * ows_cond are one pointer each, exactly an SRWLOCK / CONDITION_VARIABLE, so
 * a zero-initialised ows_mutex is an unlocked SRWLOCK. */
#include <windows.h>
#include "core/error.h"
#include "platform.h"

#define SRW(m) ((PSRWLOCK)(void *)&(m)->ptr)
#define CV(c) ((PCONDITION_VARIABLE)(void *)&(c)->ptr)

void ows_mutex_init(ows_mutex *m) { InitializeSRWLock(SRW(m)); }
void ows_mutex_destroy(ows_mutex *m) { (void)m; }
void ows_mutex_lock(ows_mutex *m) { AcquireSRWLockExclusive(SRW(m)); }
void ows_mutex_unlock(ows_mutex *m) { ReleaseSRWLockExclusive(SRW(m)); }

int ows_cond_init(ows_cond *c) { InitializeConditionVariable(CV(c)); return OWS_OK; }
void ows_cond_destroy(ows_cond *c) { (void)c; }
void ows_cond_signal(ows_cond *c) { WakeConditionVariable(CV(c)); }
void ows_cond_broadcast(ows_cond *c) { WakeAllConditionVariable(CV(c)); }

int ows_cond_wait(ows_cond *c, ows_mutex *m, long timeout_ms)
{
    DWORD ms = timeout_ms < 0 ? INFINITE : (DWORD)timeout_ms;
    if (SleepConditionVariableSRW(CV(c), SRW(m), ms, 0))
        return OWS_OK;
    return GetLastError() == ERROR_TIMEOUT ? OWS_E_TL_TIMEOUT : OWS_OK;
}
