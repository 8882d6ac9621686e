/* v3_target.h - inside the v3 manager (v3_manager.h): what an entity made
 * from a v3 database entry carries, shared by v3_target.c (making it, its
 * keys) and v3_manager.c (using it). Not for other modules. */
#ifndef OWS_CORE_V3_TARGET_H
#define OWS_CORE_V3_TARGET_H
#include <stdint.h>
#include "core/usm_user.h"
#include "core/v3_codec.h"

struct ows_v3_target {
    uint32_t refs;                        /* the entity's and each request's */
    struct ows_usm_user user;             /* name, level, protocols, Ku */
    uint8_t context[OWS_V3_NAME_MAX];     /* contextName (the entry's context=) */
    uint32_t context_len;
    uint8_t context_engine[OWS_USM_ENGINE_ID_MAX];  /* contextengine=, or none */
    uint32_t context_engine_len;
    /* The keys localised for the engine used last: an entity talks to one
     * agent, so one slot caches them (a different engine recomputes). */
    int have_keys;
    uint8_t keys_engine[OWS_USM_ENGINE_ID_MAX];
    uint32_t keys_engine_len;
    ows_v3_keys keys;
    ows_hash_ctx *keyed;                  /* keys.keyed, which this owns */
};

/* The user's keys at engine id[0..len), localised on first use. */
int ows_v3_target_keys(struct ows_v3_target *t, const uint8_t *id, uint32_t len,
                       const ows_v3_keys **out);

#endif
