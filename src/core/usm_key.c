/* usm_key.c - USM keys and authentication parameters (RFC 3414 A.2 and
 * 6.3, RFC 7860 4): the protocol table, password to key, localisation,
 * privacy key derivation, and the HMAC over a whole message. */
#include <string.h>
#include "core/usm.h"
#include "core/error.h"

/* Per auth protocol: its digest and the length of its truncated MAC. */
static const struct { int8_t hash; uint8_t mac; } auth_tab[OWS_USM_AUTH_COUNT_] = {
    { -1, 0 }, { OWS_HASH_MD5, 12 }, { OWS_HASH_SHA1, 12 }, { OWS_HASH_SHA224, 16 },
    { OWS_HASH_SHA256, 24 }, { OWS_HASH_SHA384, 32 }, { OWS_HASH_SHA512, 48 }
};

int ows_usm_auth_hash(int auth)
{
    return auth > 0 && auth < OWS_USM_AUTH_COUNT_ ? auth_tab[auth].hash : -1;
}

size_t ows_usm_auth_key_len(int auth)
{
    return ows_hash_len(ows_usm_auth_hash(auth));
}

size_t ows_usm_auth_mac_len(int auth)
{
    return auth > 0 && auth < OWS_USM_AUTH_COUNT_ ? auth_tab[auth].mac : 0;
}

size_t ows_usm_priv_key_len(int priv)
{
    switch (priv) {
    case OWS_USM_PRIV_DES: return 8;
    case OWS_USM_PRIV_AES128: return 16;
    case OWS_USM_PRIV_AES192: return 24;
    case OWS_USM_PRIV_AES256: return 32;
    default: return 0;
    }
}

int ows_usm_password_to_key(int auth, const uint8_t *pw, size_t pwlen, uint8_t *ku)
{
    /* The password repeated, 64 octets at a time as in RFC 3414 A.2.1. */
    uint8_t block[64];
    size_t at = 0, done;
    ows_hash_ctx *c;
    int err, hash = ows_usm_auth_hash(auth);

    if (hash < 0 || !pw || !pwlen)
        return OWS_E_USM_PARAMS;
    err = ows_hash_begin(hash, NULL, 0, &c);
    if (err)
        return err;
    for (done = 0; done < 1048576; done += sizeof block) {
        for (size_t i = 0; i < sizeof block; i++) {
            block[i] = pw[at];
            at = at + 1 == pwlen ? 0 : at + 1;
        }
        err = ows_hash_update(c, block, sizeof block);
        if (err) {
            ows_hash_abort(c);
            break;
        }
    }
    if (!err)
        err = ows_hash_end(c, ku);
    memset(block, 0, sizeof block);
    return err;
}

int ows_usm_localize_key(int auth, const uint8_t *ku, const uint8_t *engine_id,
                         size_t engine_len, uint8_t *kul)
{
    int hash = ows_usm_auth_hash(auth);
    size_t n = ows_hash_len(hash);
    struct ows_iov iov[3] = { { ku, n }, { engine_id, engine_len }, { ku, n } };
    if (hash < 0 || engine_len > OWS_USM_ENGINE_ID_MAX)
        return OWS_E_USM_PARAMS;
    return ows_hash(hash, iov, 3, kul);
}

int ows_usm_priv_key(int auth, int priv, const uint8_t *kul, uint8_t *key, uint8_t *preiv)
{
    /* Room for a 32-byte AES-256 key from a 16-byte MD5 key: 16 + 16 + 16. */
    uint8_t ext[OWS_USM_KEY_MAX + 3 * OWS_HASH_MAX_LEN];
    int hash = ows_usm_auth_hash(auth);
    size_t have = ows_hash_len(hash), need = ows_usm_priv_key_len(priv);
    int err = 0;

    if (hash < 0 || !need)
        return OWS_E_USM_PARAMS;
    if (priv == OWS_USM_PRIV_DES)
        need += 8;                     /* the pre-IV follows the key */
    memcpy(ext, kul, have);
    /* Blumenthal key extension: Kul | H(Kul) | H(Kul | H(Kul)) ... */
    while (!err && have < need) {
        struct ows_iov iov = { ext, have };
        err = ows_hash(hash, &iov, 1, ext + have);
        have += ows_hash_len(hash);
    }
    if (!err) {
        memcpy(key, ext, ows_usm_priv_key_len(priv));
        if (priv == OWS_USM_PRIV_DES)
            memcpy(preiv, ext + 8, 8);
    }
    memset(ext, 0, sizeof ext);
    return err;
}

/* The HMAC over msg with the mac_len bytes at `at` read as zeros, keyed
 * with kul or from the keyed state `keyed` when there is one. */
static int mac_of(int auth, const uint8_t *kul, const ows_hash_ctx *keyed, const uint8_t *msg,
                  size_t len, size_t at, uint8_t *out)
{
    static const uint8_t zeros[OWS_USM_MAC_MAX];
    size_t mac = ows_usm_auth_mac_len(auth);
    struct ows_iov iov[3];
    if (!mac || at > len || len - at < mac)
        return OWS_E_USM_PARAMS;
    iov[0].p = msg;
    iov[0].n = at;
    iov[1].p = zeros;
    iov[1].n = mac;
    iov[2].p = msg + at + mac;
    iov[2].n = len - at - mac;
    if (keyed)
        return ows_hmac_keyed(keyed, iov, 3, out);
    return ows_hmac(ows_usm_auth_hash(auth), kul, ows_usm_auth_key_len(auth), iov, 3, out);
}

static int sign(int auth, const uint8_t *kul, const ows_hash_ctx *keyed, uint8_t *msg,
                size_t len, size_t at)
{
    uint8_t full[OWS_HASH_MAX_LEN];
    int err = mac_of(auth, kul, keyed, msg, len, at, full);
    if (!err)
        memcpy(msg + at, full, ows_usm_auth_mac_len(auth));
    return err;
}

static int check(int auth, const uint8_t *kul, const ows_hash_ctx *keyed, const uint8_t *msg,
                 size_t len, size_t at)
{
    uint8_t full[OWS_HASH_MAX_LEN], diff = 0;
    int err = mac_of(auth, kul, keyed, msg, len, at, full);
    if (err)
        return err;
    /* Constant time: a timing difference must not reveal a matching prefix. */
    for (size_t i = 0; i < ows_usm_auth_mac_len(auth); i++)
        diff |= (uint8_t)(full[i] ^ msg[at + i]);
    return diff ? OWS_E_USM_WRONG_DIGEST : 0;
}

int ows_usm_auth_sign(int auth, const uint8_t *kul, uint8_t *msg, size_t len, size_t at)
{
    return sign(auth, kul, NULL, msg, len, at);
}

int ows_usm_auth_check(int auth, const uint8_t *kul, const uint8_t *msg, size_t len, size_t at)
{
    return check(auth, kul, NULL, msg, len, at);
}

int ows_usm_auth_sign_keyed(int auth, const ows_hash_ctx *keyed, uint8_t *msg, size_t len,
                            size_t at)
{
    return sign(auth, NULL, keyed, msg, len, at);
}

int ows_usm_auth_check_keyed(int auth, const ows_hash_ctx *keyed, const uint8_t *msg,
                             size_t len, size_t at)
{
    return check(auth, NULL, keyed, msg, len, at);
}
