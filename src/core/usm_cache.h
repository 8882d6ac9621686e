/* usm_cache.h - the password-derived users (usm_user.h) kept across
 * entities: every SnmpStrToEntity of a v3 database line would otherwise
 * hash a megabyte per password again. A few slots, keyed by a digest of
 * the user's name, level, protocols and passwords (the passwords themselves
 * are not kept); the least recently used slot goes first. Safe to call
 * without the API lock (entities resolve outside it): its own mutex. */
#ifndef OWS_CORE_USM_CACHE_H
#define OWS_CORE_USM_CACHE_H
#include "core/usm_user.h"

#define OWS_USM_CACHE_SLOTS 8

/* *u for entry e: a copy of the cached record, or derived (then cached).
 * The same errors as ows_usm_user_from_entry. */
int ows_usm_cache_user(const struct ows_v3_entry *e, struct ows_usm_user *u);

/* Wipes and forgets every slot (the last SnmpCleanup). */
void ows_usm_cache_clear(void);

/* How many users were derived (not found in the cache) since the process
 * started: what tests read to see that the cache served a user. */
unsigned long ows_usm_cache_derivations(void);

#endif
