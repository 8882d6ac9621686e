/* usm_user.h - one USM user's secrets in the form the engine keeps them:
 * the password-derived keys Ku (RFC 3414 A.2.1), computed once per user
 * because each costs a megabyte of hashing, and localised per
 * authoritative engine on demand (RFC 3414 A.2.2). Shared by the manager
 * side (remote authoritative engines) and the agent/receiver side (the
 * local engine, or a trap sender's). Portable; no state beyond the record.
 */
#ifndef OWS_CORE_USM_USER_H
#define OWS_CORE_USM_USER_H
#include <stddef.h>
#include <stdint.h>
#include "core/usm.h"
#include "core/v3_codec.h"

struct ows_v3_entry;

/* Security levels, as msgFlags' auth/priv bits read them. */
enum { OWS_USM_NOAUTH = 0, OWS_USM_AUTHNOPRIV = 1, OWS_USM_AUTHPRIV = 2 };

/* A level as msgFlags' auth and priv bits, and back (priv without auth,
 * which the decoder refuses, would read as authPriv). */
static inline uint8_t ows_usm_level_flags(int level)
{
    return level == OWS_USM_AUTHPRIV     ? OWS_V3_FLAG_AUTH | OWS_V3_FLAG_PRIV
           : level == OWS_USM_AUTHNOPRIV ? OWS_V3_FLAG_AUTH
                                         : 0;
}

static inline int ows_usm_flags_level(uint8_t flags)
{
    return (flags & OWS_V3_FLAG_PRIV)   ? OWS_USM_AUTHPRIV
           : (flags & OWS_V3_FLAG_AUTH) ? OWS_USM_AUTHNOPRIV
                                        : OWS_USM_NOAUTH;
}

struct ows_usm_user {
    uint8_t name[OWS_V3_NAME_MAX];
    uint32_t name_len;
    int level;                         /* OWS_USM_* */
    int auth;                          /* enum ows_usm_auth */
    int priv;                          /* enum ows_usm_priv */
    uint8_t auth_ku[OWS_USM_KEY_MAX];  /* Ku of the auth password */
    uint8_t priv_ku[OWS_USM_KEY_MAX];  /* Ku of the privacy password */
};

/* Fills *u from a validated database entry (ows_translate_v3), deriving
 * both Ku. The entry's passwords are not kept. */
int ows_usm_user_from_entry(const struct ows_v3_entry *e, struct ows_usm_user *u);

/* The keys of user u at the authoritative engine engine_id[0..len):
 * localised auth key, privacy key (and DES pre-IV). A noAuthNoPriv user
 * gets auth = priv = NONE. */
int ows_usm_user_keys(const struct ows_usm_user *u, const uint8_t *engine_id, size_t len,
                      ows_v3_keys *keys);

/* Wipes the record's secrets. */
void ows_usm_user_clear(struct ows_usm_user *u);

#endif
