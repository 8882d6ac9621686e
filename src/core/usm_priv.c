/* usm_priv.c - USM privacy: DES-CBC (RFC 3414 8.1.1) and AES-CFB
 * (RFC 3826 3.1.2.1, and net-snmp's AES-192/256), the IVs and the padding. */
#include <string.h>
#include "core/usm.h"
#include "core/error.h"

static int cipher_of(int priv)
{
    switch (priv) {
    case OWS_USM_PRIV_DES: return OWS_CIPHER_DES_CBC;
    case OWS_USM_PRIV_AES128: return OWS_CIPHER_AES128_CFB;
    case OWS_USM_PRIV_AES192: return OWS_CIPHER_AES192_CFB;
    case OWS_USM_PRIV_AES256: return OWS_CIPHER_AES256_CFB;
    default: return -1;
    }
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* DES: IV = pre-IV XOR salt. AES: IV = boots | time | salt. */
static void make_iv(int priv, const uint8_t *preiv, uint32_t boots, uint32_t time,
                    const uint8_t *salt, uint8_t iv[16])
{
    if (priv == OWS_USM_PRIV_DES) {
        for (int i = 0; i < 8; i++)
            iv[i] = (uint8_t)(preiv[i] ^ salt[i]);
    } else {
        put32(iv, boots);
        put32(iv + 4, time);
        memcpy(iv + 8, salt, 8);
    }
}

int ows_usm_encrypt(int priv, const uint8_t *key, const uint8_t *preiv, uint32_t boots,
                    uint32_t time, const uint8_t salt[OWS_USM_SALT_LEN], const uint8_t *in,
                    size_t len, uint8_t *out, size_t *out_len)
{
    uint8_t iv[16];
    size_t n = len;
    int alg = cipher_of(priv);
    if (alg < 0 || (priv == OWS_USM_PRIV_DES && !preiv))
        return OWS_E_USM_PARAMS;
    make_iv(priv, preiv, boots, time, salt, iv);
    if (priv == OWS_USM_PRIV_DES && n % 8) {
        /* RFC 3414 8.1.1.2: the pad's value is irrelevant; zeros. */
        if (out != in)
            memmove(out, in, len);
        n = (len + 7) & ~(size_t)7;
        memset(out + len, 0, n - len);
        in = out;
    }
    *out_len = n;
    return ows_cipher(alg, 1, key, iv, in, out, n);
}

int ows_usm_decrypt(int priv, const uint8_t *key, const uint8_t *preiv, uint32_t boots,
                    uint32_t time, const uint8_t *salt, size_t salt_len, const uint8_t *in,
                    size_t len, uint8_t *out)
{
    uint8_t iv[16];
    int alg = cipher_of(priv);
    if (alg < 0 || (priv == OWS_USM_PRIV_DES && !preiv))
        return OWS_E_USM_PARAMS;
    if (salt_len != OWS_USM_SALT_LEN || (priv == OWS_USM_PRIV_DES && len % 8))
        return OWS_E_USM_DECRYPT;
    make_iv(priv, preiv, boots, time, salt, iv);
    /* A library that lacks the cipher says so; any other failure is the
     * RFC's decryptionError. */
    {
        int err = ows_cipher(alg, 0, key, iv, in, out, len);
        return err == OWS_E_CRYPTO_UNSUPPORTED ? err : err ? OWS_E_USM_DECRYPT : 0;
    }
}
