/* v3_target.c - the v3 part of an entity made from a database entry: the
 * user's Ku (shared between entities by core/usm_cache.h), the localised
 * keys cached per engine, the scoped-PDU options; secrets wiped when the
 * last reference goes. */
#include <string.h>
#include "core/alloc.h"
#include "core/error.h"
#include "core/translate.h"
#include "core/usm_cache.h"
#include "core/v3_manager.h"
#include "core/v3_target.h"

int ows_v3_target_new(const struct ows_v3_entry *e, struct ows_v3_target **out)
{
    struct ows_v3_target *t;
    int err;

    *out = NULL;
    t = ows_calloc(1, sizeof *t);
    if (!t)
        return OWS_E_ALLOC;
    err = ows_usm_cache_user(e, &t->user);
    if (err) {
        ows_free(t);
        return err;
    }
    t->refs = 1;
    t->context_len = (uint32_t)strlen(e->context);
    memcpy(t->context, e->context, t->context_len);
    t->context_engine_len = e->context_engine_len;
    memcpy(t->context_engine, e->context_engine, e->context_engine_len);
    *out = t;
    return OWS_OK;
}

void ows_v3_target_hold(struct ows_v3_target *t)
{
    t->refs++;
}

/* Forgets the cached keys and their keyed HMAC state. */
static void drop_keys(struct ows_v3_target *t)
{
    ows_hash_abort(t->keyed);
    t->keyed = NULL;
    t->have_keys = 0;
    ows_wipe(&t->keys, sizeof t->keys);
}

void ows_v3_target_put(struct ows_v3_target *t)
{
    if (!t || --t->refs)
        return;
    drop_keys(t);
    ows_wipe(t, sizeof *t);
    ows_free(t);
}

int ows_v3_target_keys(struct ows_v3_target *t, const uint8_t *id, uint32_t len,
                       const ows_v3_keys **out)
{
    int err;
    if (!t->have_keys || t->keys_engine_len != len || memcmp(t->keys_engine, id, len)) {
        drop_keys(t);
        err = ows_usm_user_keys(&t->user, id, len, &t->keys);
        if (err)
            return err;
        /* The HMAC keyed once for every message to and from this engine;
         * without it (no memory) each message keys its own. */
        if (t->keys.auth != OWS_USM_AUTH_NONE &&
            ows_hash_begin(ows_usm_auth_hash(t->keys.auth), t->keys.auth_key,
                           ows_usm_auth_key_len(t->keys.auth), &t->keyed) == 0)
            t->keys.keyed = t->keyed;
        memcpy(t->keys_engine, id, len);
        t->keys_engine_len = len;
        t->have_keys = 1;
    }
    *out = &t->keys;
    return OWS_OK;
}
