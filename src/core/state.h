/* state.h - process-wide state: the API lock, startup counting, modes and
 * the process-wide last error. */
#ifndef OWS_CORE_STATE_H
#define OWS_CORE_STATE_H
#include <stdint.h>
#include "platform.h"

/* The API lock guards the handle table, every object's contents, the
 * descriptor registry and the fields below. Exports hold it for their whole
 * body; it is never held while an application callback runs. */
void ows_lock(void);
void ows_unlock(void);
/* Added (core): true when the calling thread holds the API lock. */
int ows_lock_held(void);
/* Added (core): waits on a condition variable (platform.h's ows_cond) with
 * the API lock, keeping the owner bookkeeping right. timeout_ms < 0 = forever;
 * 0 when signalled, OWS_E_TL_TIMEOUT when the time ran out. */
int ows_lock_wait(ows_cond *cond, long timeout_ms);

struct ows_state {
    uint32_t plain_started;   /* SnmpStartup was called (not counted) */
    uint32_t ex_refs;         /* SnmpStartupEx references */
    uint32_t translate_mode;  /* 0 TRANSLATED, 1 UNTRANSLATED_V1, 2 UNTRANSLATED_V2 */
    uint32_t retransmit_mode; /* 0 OFF, 1 ON */
};
extern struct ows_state ows_state;

/* True between a successful startup and the final cleanup. Needs the lock. */
int ows_initialized(void);

/* Process-wide last error (an SNMPAPI_* code); atomic, needs no lock, and
 * works before startup and after cleanup. */
void ows_set_last_error(uint32_t api_code);
uint32_t ows_get_last_error(void);

#endif
