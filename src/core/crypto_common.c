/* crypto_common.c - the parts of crypto.h that are the same on every
 * platform: the algorithms' sizes, and one-shot digests and HMACs over
 * scattered input built on the platform layer's step-wise interface. */
#include "crypto.h"

size_t ows_hash_len(int alg)
{
    static const uint8_t len[OWS_HASH_COUNT_] = { 16, 20, 28, 32, 48, 64 };
    return alg >= 0 && alg < OWS_HASH_COUNT_ ? len[alg] : 0;
}

size_t ows_cipher_key_len(int alg)
{
    static const uint8_t len[OWS_CIPHER_COUNT_] = { 8, 16, 24, 32 };
    return alg >= 0 && alg < OWS_CIPHER_COUNT_ ? len[alg] : 0;
}

/* Feeds iov[0..n) to c and finishes it (c is released either way). */
static int feed(ows_hash_ctx *c, const struct ows_iov *iov, size_t n, uint8_t *out)
{
    int err;
    for (size_t i = 0; i < n; i++) {
        err = ows_hash_update(c, iov[i].p, iov[i].n);
        if (err) {
            ows_hash_abort(c);
            return err;
        }
    }
    return ows_hash_end(c, out);
}

static int run(int alg, const uint8_t *key, size_t klen, const struct ows_iov *iov, size_t n,
               uint8_t *out)
{
    ows_hash_ctx *c;
    int err = ows_hash_begin(alg, key, klen, &c);
    return err ? err : feed(c, iov, n, out);
}

int ows_hmac_keyed(const ows_hash_ctx *keyed, const struct ows_iov *iov, size_t n,
                   uint8_t *out)
{
    ows_hash_ctx *c;
    int err = ows_hash_dup(keyed, &c);
    return err ? err : feed(c, iov, n, out);
}

int ows_hash(int alg, const struct ows_iov *iov, size_t n, uint8_t *out)
{
    return run(alg, NULL, 0, iov, n, out);
}

int ows_hmac(int alg, const uint8_t *key, size_t klen, const struct ows_iov *iov, size_t n,
             uint8_t *out)
{
    /* A non-NULL pointer even for an empty key: NULL means "plain digest". */
    static const uint8_t none[1];
    return run(alg, key ? key : none, klen, iov, n, out);
}
