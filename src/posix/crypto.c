/* crypto.c - crypto.h on OpenSSL's libcrypto (3.0 API). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/opensslv.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include "crypto.h"
#include "core/error.h"

static const char *const md_names[OWS_HASH_COUNT_] = {
    "MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512"
};

/* Fetched once: implicit fetches on every call would cost a provider
 * lookup per message. */
static EVP_MD *mds[OWS_HASH_COUNT_];
static EVP_MAC *hmac;
/* The same for the ciphers: EVP_aes_128_cfb128() and friends would fetch
 * again at every EVP_CipherInit_ex, a third of a message's cipher cost. */
static const char *const cipher_names[OWS_CIPHER_COUNT_] = {
    "DES-EDE3-CBC", "AES-128-CFB", "AES-192-CFB", "AES-256-CFB"
};
static EVP_CIPHER *ciphers[OWS_CIPHER_COUNT_];
static pthread_once_t fetch_once = PTHREAD_ONCE_INIT;

static void fetch_all(void)
{
    for (int i = 0; i < OWS_HASH_COUNT_; i++)
        mds[i] = EVP_MD_fetch(NULL, md_names[i], NULL);
    hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    for (int i = 0; i < OWS_CIPHER_COUNT_; i++)
        ciphers[i] = EVP_CIPHER_fetch(NULL, cipher_names[i], NULL);
}

static const EVP_MD *get_md(int alg, int *err)
{
    if (alg < 0 || alg >= OWS_HASH_COUNT_) {
        *err = OWS_E_CRYPTO;
        return NULL;
    }
    pthread_once(&fetch_once, fetch_all);
    *err = mds[alg] ? 0 : OWS_E_CRYPTO_UNSUPPORTED;
    return mds[alg];
}

/* Either a digest or an HMAC in progress. */
struct ows_hash_ctx {
    EVP_MD_CTX *md;
    EVP_MAC_CTX *mac;
    size_t len;
};

int ows_hash_begin(int alg, const uint8_t *key, size_t klen, ows_hash_ctx **out)
{
    int err;
    const EVP_MD *md = get_md(alg, &err);
    ows_hash_ctx *c;
    int ok;

    *out = NULL;
    if (!md)
        return err;
    if (key && !hmac)
        return OWS_E_CRYPTO_UNSUPPORTED;
    c = calloc(1, sizeof *c);
    if (!c)
        return OWS_E_ALLOC;
    c->len = ows_hash_len(alg);
    if (key) {
        OSSL_PARAM params[2];
        params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                                     (char *)md_names[alg], 0);
        params[1] = OSSL_PARAM_construct_end();
        c->mac = EVP_MAC_CTX_new(hmac);
        ok = c->mac && EVP_MAC_init(c->mac, key, klen, params) == 1;
    } else {
        c->md = EVP_MD_CTX_new();
        ok = c->md && EVP_DigestInit_ex(c->md, md, NULL) == 1;
    }
    if (!ok) {
        ows_hash_abort(c);
        return OWS_E_CRYPTO;
    }
    *out = c;
    return 0;
}

int ows_hash_update(ows_hash_ctx *c, const void *p, size_t n)
{
    int ok = c->mac ? EVP_MAC_update(c->mac, p, n) : EVP_DigestUpdate(c->md, p, n);
    return ok == 1 ? 0 : OWS_E_CRYPTO;
}

int ows_hash_end(ows_hash_ctx *c, uint8_t *out)
{
    int ok;
    if (c->mac) {
        size_t got = 0;
        ok = EVP_MAC_final(c->mac, out, &got, c->len) == 1 && got == c->len;
    } else {
        unsigned got = 0;
        ok = EVP_DigestFinal_ex(c->md, out, &got) == 1 && got == c->len;
    }
    ows_hash_abort(c);
    return ok ? 0 : OWS_E_CRYPTO;
}

void ows_hash_abort(ows_hash_ctx *c)
{
    if (c) {
        EVP_MD_CTX_free(c->md);
        EVP_MAC_CTX_free(c->mac);
        free(c);
    }
}

int ows_hash_dup(const ows_hash_ctx *c, ows_hash_ctx **out)
{
    ows_hash_ctx *d = calloc(1, sizeof *d);
    int ok;
    *out = NULL;
    if (!d)
        return OWS_E_ALLOC;
    d->len = c->len;
    if (c->mac) {
        d->mac = EVP_MAC_CTX_dup(c->mac);
        ok = d->mac != NULL;
    } else {
        d->md = EVP_MD_CTX_new();
        ok = d->md && EVP_MD_CTX_copy_ex(d->md, c->md) == 1;
    }
    if (!ok) {
        ows_hash_abort(d);
        return OWS_E_CRYPTO;
    }
    *out = d;
    return 0;
}

int ows_cipher(int alg, int encrypt, const uint8_t *key, const uint8_t *iv, const uint8_t *in,
               uint8_t *out, size_t len)
{
    const EVP_CIPHER *ciph;
    uint8_t des3[24];
    EVP_CIPHER_CTX *c;
    int n1 = 0, n2 = 0, ok;

    if (alg < 0 || alg >= OWS_CIPHER_COUNT_)
        return OWS_E_CRYPTO;
    pthread_once(&fetch_once, fetch_all);
    ciph = ciphers[alg];
    if (!ciph)
        return OWS_E_CRYPTO_UNSUPPORTED;
    if (alg == OWS_CIPHER_DES_CBC) {
        /* Single DES lives in OpenSSL 3's legacy provider, which may not be
         * installed; three-key 3DES with K1 = K2 = K3 is exactly single DES
         * (EDE collapses to E), and the Win32 layer needs the same trick on
         * Wine, so one keying serves both. */
        if (len % 8)
            return OWS_E_CRYPTO;
        memcpy(des3, key, 8);
        memcpy(des3 + 8, key, 8);
        memcpy(des3 + 16, key, 8);
        key = des3;
    }
    if (len > INT32_MAX)
        return OWS_E_CRYPTO;
    c = EVP_CIPHER_CTX_new();
    if (!c)
        return OWS_E_ALLOC;
    ok = EVP_CipherInit_ex(c, ciph, NULL, key, iv, encrypt ? 1 : 0) == 1 &&
         EVP_CIPHER_CTX_set_padding(c, 0) == 1 &&
         EVP_CipherUpdate(c, out, &n1, in, (int)len) == 1 &&
         EVP_CipherFinal_ex(c, out + n1, &n2) == 1 && (size_t)(n1 + n2) == len;
    EVP_CIPHER_CTX_free(c);
    OPENSSL_cleanse(des3, sizeof des3);
    return ok ? 0 : OWS_E_CRYPTO;
}

int ows_random(void *buf, size_t n)
{
    if (n > INT32_MAX)
        return OWS_E_CRYPTO;
    return RAND_bytes(buf, (int)n) == 1 ? 0 : OWS_E_CRYPTO;
}

const char *ows_crypto_backend(void)
{
    return OpenSSL_version(OPENSSL_VERSION);
}

const char *ows_crypto_unavailable(int kind, int alg)
{
    static const uint8_t zero[32];
    uint8_t out[OWS_HASH_MAX_LEN];
    struct ows_iov iov = { zero, 16 };
    int err = kind == 0 ? ows_hash(alg, &iov, 1, out)
                        : ows_cipher(alg, 1, zero, zero, zero, out, 16);
    if (!err)
        return NULL;
    return err == OWS_E_CRYPTO_UNSUPPORTED ? "OpenSSL's default provider does not offer it"
                                           : "the OpenSSL call fails";
}
