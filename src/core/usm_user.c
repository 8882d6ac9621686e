/* usm_user.c - a USM user's password-derived keys, localised on demand
 * (see usm_user.h). */
#include <string.h>
#include "core/usm_user.h"
#include "core/translate.h"
#include "core/error.h"

int ows_usm_user_from_entry(const struct ows_v3_entry *e, struct ows_usm_user *u)
{
    size_t n = strlen(e->user);
    int err = OWS_OK;
    memset(u, 0, sizeof *u);
    if (n == 0 || n > OWS_V3_NAME_MAX || e->level < OWS_USM_NOAUTH || e->level > OWS_USM_AUTHPRIV)
        return OWS_E_USM_PARAMS;
    memcpy(u->name, e->user, n);
    u->name_len = (uint32_t)n;
    u->level = e->level;
    if (e->level >= OWS_USM_AUTHNOPRIV) {
        u->auth = e->auth;
        err = ows_usm_password_to_key(e->auth, (const uint8_t *)e->auth_pass,
                                      strlen(e->auth_pass), u->auth_ku);
    }
    if (!err && e->level == OWS_USM_AUTHPRIV) {
        u->priv = e->priv;
        /* The privacy password is hashed with the auth protocol's digest
         * (RFC 3414 A.2, RFC 3826 1.2). */
        err = ows_usm_password_to_key(e->auth, (const uint8_t *)e->priv_pass,
                                      strlen(e->priv_pass), u->priv_ku);
    }
    if (err)
        ows_usm_user_clear(u);
    return err;
}

int ows_usm_user_keys(const struct ows_usm_user *u, const uint8_t *engine_id, size_t len,
                      ows_v3_keys *keys)
{
    uint8_t kul[OWS_USM_KEY_MAX];
    int err = OWS_OK;
    memset(keys, 0, sizeof *keys);
    if (u->level >= OWS_USM_AUTHNOPRIV) {
        keys->auth = u->auth;
        err = ows_usm_localize_key(u->auth, u->auth_ku, engine_id, len, keys->auth_key);
    }
    if (!err && u->level == OWS_USM_AUTHPRIV) {
        keys->priv = u->priv;
        err = ows_usm_localize_key(u->auth, u->priv_ku, engine_id, len, kul);
        if (!err)
            err = ows_usm_priv_key(u->auth, u->priv, kul, keys->priv_key, keys->preiv);
        ows_wipe(kul, sizeof kul);
    }
    if (err)
        ows_wipe(keys, sizeof *keys);
    return err;
}

void ows_usm_user_clear(struct ows_usm_user *u)
{
    ows_wipe(u, sizeof *u);
}
