/* crypto.c - crypto.h on Windows' CNG (bcrypt.dll).
 *
 * Algorithm providers are opened on first use and kept for the life of the
 * process (opening one is costly, and a provider handle may be shared by
 * threads); a race to open one closes the loser's handle.
 *
 * CNG has no SHA-224, so usmHMAC128SHA224AuthProtocol reports
 * OWS_E_CRYPTO_UNSUPPORTED here. Wine's bcrypt.dll has no single DES, so
 * DES-CBC falls back to three-key 3DES with K1 = K2 = K3, which is single
 * DES (EDE collapses to E); Windows itself takes the DES provider. Wine's
 * 3DES, like DES, ignores the parity bits (USM keys are hash bytes) and
 * takes weak keys, so the fallback gives single DES's bytes for every key.
 *
 * RFC 3826's AES is CFB with 128-bit feedback. Windows' AES provider does it
 * natively (BCRYPT_MESSAGE_BLOCK_LENGTH 16); Wine 8.0's refuses that
 * property (it has CFB-8 only), and there the CFB chaining is done here
 * around the provider's AES in ECB mode (cfb128_on_ecb), so the block cipher
 * still comes from CNG.
 */
#include <windows.h>
#include <bcrypt.h>
#include <stdlib.h>
#include <string.h>
#include "crypto.h"
#include "core/error.h"

#ifndef STATUS_SUCCESS
#define STATUS_SUCCESS ((NTSTATUS)0)
#endif
#define OK(st) ((NTSTATUS)(st) >= 0)

static const wchar_t *const hash_ids[OWS_HASH_COUNT_] = {
    BCRYPT_MD5_ALGORITHM, BCRYPT_SHA1_ALGORITHM, NULL /* no SHA-224 in CNG */,
    BCRYPT_SHA256_ALGORITHM, BCRYPT_SHA384_ALGORITHM, BCRYPT_SHA512_ALGORITHM
};

/* Provider slots: plain digests, HMACs, then the ciphers. A slot holds the
 * handle, or NO_PROVIDER once opening it failed (so failure is not retried
 * on every message). */
enum { SLOT_HMAC = OWS_HASH_COUNT_, SLOT_AES = 2 * OWS_HASH_COUNT_, SLOT_AES_ECB, SLOT_DES,
       SLOT_3DES, SLOT_COUNT };
#define NO_PROVIDER ((void *)1)
static void *volatile slots[SLOT_COUNT];

/* Set once a CFB key refused 128-bit feedback: the provider will not change
 * its mind, and every later AES message goes straight to the ECB path. */
static volatile LONG cfb128_refused;

static BCRYPT_ALG_HANDLE open_slot(int slot, const wchar_t *id, ULONG flags,
                                   const wchar_t *chain)
{
    BCRYPT_ALG_HANDLE h = NULL;
    void *cur = slots[slot], *prev;
    if (cur)
        return cur == NO_PROVIDER ? NULL : cur;
    if (!id || !OK(BCryptOpenAlgorithmProvider(&h, id, NULL, flags)))
        h = NULL;
    else if (chain && !OK(BCryptSetProperty(h, BCRYPT_CHAINING_MODE, (PUCHAR)chain,
                                            (ULONG)((wcslen(chain) + 1) * sizeof(wchar_t)), 0))) {
        BCryptCloseAlgorithmProvider(h, 0);
        h = NULL;
    }
    prev = InterlockedCompareExchangePointer((void *volatile *)&slots[slot],
                                             h ? (void *)h : NO_PROVIDER, NULL);
    if (prev) {
        if (h)
            BCryptCloseAlgorithmProvider(h, 0);
        return prev == NO_PROVIDER ? NULL : prev;
    }
    return h;
}

static BCRYPT_ALG_HANDLE hash_provider(int alg, int keyed)
{
    if (alg < 0 || alg >= OWS_HASH_COUNT_)
        return NULL;
    return open_slot(keyed ? SLOT_HMAC + alg : alg, hash_ids[alg],
                     keyed ? BCRYPT_ALG_HANDLE_HMAC_FLAG : 0, NULL);
}

/* CNG lengths are ULONGs (32 bits); size_t may be wider. */
static int over_ulong(size_t n)
{
    return (n >> 16 >> 16) != 0;
}

struct ows_hash_ctx {
    BCRYPT_HASH_HANDLE h;
    ULONG len;
};

/* A hash object; CNG allocates its state itself (pbHashObject NULL). */
int ows_hash_begin(int alg, const uint8_t *key, size_t klen, ows_hash_ctx **out)
{
    BCRYPT_ALG_HANDLE prov;
    ows_hash_ctx *c;
    *out = NULL;
    if (alg < 0 || alg >= OWS_HASH_COUNT_ || over_ulong(klen))
        return OWS_E_CRYPTO;
    prov = hash_provider(alg, key != NULL);
    if (!prov)
        return OWS_E_CRYPTO_UNSUPPORTED;
    c = malloc(sizeof *c);
    if (!c)
        return OWS_E_ALLOC;
    c->len = (ULONG)ows_hash_len(alg);
    if (!OK(BCryptCreateHash(prov, &c->h, NULL, 0, (PUCHAR)key, (ULONG)klen, 0))) {
        free(c);
        return OWS_E_CRYPTO;
    }
    *out = c;
    return 0;
}

int ows_hash_update(ows_hash_ctx *c, const void *p, size_t n)
{
    const uint8_t *b = p;
    /* BCryptHashData takes a ULONG length. */
    while (n) {
        ULONG chunk = n > 0x40000000u ? 0x40000000u : (ULONG)n;
        if (!OK(BCryptHashData(c->h, (PUCHAR)b, chunk, 0)))
            return OWS_E_CRYPTO;
        b += chunk;
        n -= chunk;
    }
    return 0;
}

int ows_hash_end(ows_hash_ctx *c, uint8_t *out)
{
    int ok = OK(BCryptFinishHash(c->h, out, c->len, 0));
    ows_hash_abort(c);
    return ok ? 0 : OWS_E_CRYPTO;
}

void ows_hash_abort(ows_hash_ctx *c)
{
    if (c) {
        BCryptDestroyHash(c->h);
        free(c);
    }
}

int ows_hash_dup(const ows_hash_ctx *c, ows_hash_ctx **out)
{
    ows_hash_ctx *d = malloc(sizeof *d);
    *out = NULL;
    if (!d)
        return OWS_E_ALLOC;
    d->len = c->len;
    /* CNG keeps the copy's state itself, as for BCryptCreateHash. */
    if (!OK(BCryptDuplicateHash(c->h, &d->h, NULL, 0, 0))) {
        free(d);
        return OWS_E_CRYPTO;
    }
    *out = d;
    return 0;
}

/* Runs one Encrypt/Decrypt call over a whole number of blocks. */
static int run(BCRYPT_KEY_HANDLE k, int encrypt, uint8_t *iv, ULONG ivlen, const uint8_t *in,
               uint8_t *out, ULONG len)
{
    ULONG got = 0;
    NTSTATUS st = encrypt ? BCryptEncrypt(k, (PUCHAR)in, len, NULL, iv, ivlen, out, len, &got, 0)
                          : BCryptDecrypt(k, (PUCHAR)in, len, NULL, iv, ivlen, out, len, &got, 0);
    return OK(st) && got == len ? 0 : OWS_E_CRYPTO;
}

/* CFB-128 (SP 800-38A 6.3) from the provider's AES-ECB key k: each
 * keystream block is the encryption of the previous ciphertext block (the IV
 * first), XORed into the data; the last block may be partial. Decryption
 * knows all its ciphertext blocks beforehand, so it encrypts up to
 * CFB_BATCH bytes of feedback registers in one call; encryption must wait
 * for each ciphertext block and makes one call per block. in may equal out:
 * the registers and the next feedback are copied out of in before out is
 * written. */
#define CFB_BATCH 512
static int cfb128_on_ecb(BCRYPT_KEY_HANDLE k, int encrypt, const uint8_t *iv, const uint8_t *in,
                         uint8_t *out, size_t len)
{
    uint8_t reg[CFB_BATCH], ks[CFB_BATCH], fb[16];
    int err = 0;
    memcpy(fb, iv, 16);
    while (len && !err) {
        size_t cap = encrypt ? 16 : CFB_BATCH, n = len < cap ? len : cap;
        size_t blocks = (n + 15) / 16, i;
        memcpy(reg, fb, 16);
        if (blocks > 1)         /* decryption only: the registers are C[i-1] */
            memcpy(reg + 16, in, (blocks - 1) * 16);
        if (!encrypt && n == blocks * 16)
            memcpy(fb, in + n - 16, 16);
        err = run(k, 1, NULL, 0, reg, ks, (ULONG)(blocks * 16));
        for (i = 0; !err && i < n; i++)
            out[i] = in[i] ^ ks[i];
        if (encrypt && n == 16)
            memcpy(fb, out, 16);
        in += n;
        out += n;
        len -= n;
    }
    SecureZeroMemory(ks, sizeof ks);     /* the registers are public, the keystream not */
    return err;
}

/* The native path: CNG chains CFB itself over whole blocks, in one call. */
static int cfb128_native(BCRYPT_KEY_HANDLE k, int encrypt, const uint8_t *iv, const uint8_t *in,
                         uint8_t *out, size_t len)
{
    uint8_t ivbuf[16], last[16] = { 0 };
    size_t whole = len & ~(size_t)15;
    int err;
    memcpy(ivbuf, iv, 16);           /* CNG updates the IV in place */
    err = whole ? run(k, encrypt, ivbuf, 16, in, out, (ULONG)whole) : 0;
    if (!err && whole != len) {
        /* CNG takes whole blocks only. In CFB the first bytes of a block
         * depend only on the bytes before them, so the last, partial block
         * goes through zero-padded and only its first bytes are kept. */
        memcpy(last, in + whole, len - whole);
        err = run(k, encrypt, ivbuf, 16, last, last, 16);
        if (!err)
            memcpy(out + whole, last, len - whole);
        SecureZeroMemory(last, sizeof last);
    }
    return err;
}

/* A key on the AES provider in chaining mode chain (NULL when the provider
 * does not open or refuses the key). */
static BCRYPT_KEY_HANDLE aes_key(int slot, const wchar_t *chain, const uint8_t *key, ULONG klen)
{
    BCRYPT_ALG_HANDLE prov = open_slot(slot, BCRYPT_AES_ALGORITHM, 0, chain);
    BCRYPT_KEY_HANDLE k = NULL;
    if (prov && !OK(BCryptGenerateSymmetricKey(prov, &k, NULL, 0, (PUCHAR)key, klen, 0)))
        k = NULL;
    return k;
}

/* AES-CFB-128: natively where the provider takes 128-bit feedback (Windows),
 * around AES-ECB where it does not (Wine). The native path stays because it
 * chains a whole message in one call, where cfb128_on_ecb must make a call
 * per block to encrypt. Both give SP 800-38A's bytes (tests/crypto). */
static int aes_cfb128(int encrypt, const uint8_t *key, ULONG klen, const uint8_t *iv,
                      const uint8_t *in, uint8_t *out, size_t len)
{
    BCRYPT_KEY_HANDLE k = NULL;
    ULONG mbl = 16;
    int err;
    if (!cfb128_refused) {
        k = aes_key(SLOT_AES, BCRYPT_CHAIN_MODE_CFB, key, klen);
        if (k && OK(BCryptSetProperty(k, BCRYPT_MESSAGE_BLOCK_LENGTH, (PUCHAR)&mbl,
                                      sizeof mbl, 0))) {
            err = cfb128_native(k, encrypt, iv, in, out, len);
            BCryptDestroyKey(k);
            return err;
        }
        if (k) {
            BCryptDestroyKey(k);
            InterlockedExchange(&cfb128_refused, 1);
        }
    }
    k = aes_key(SLOT_AES_ECB, BCRYPT_CHAIN_MODE_ECB, key, klen);
    if (!k)
        return open_slot(SLOT_AES_ECB, BCRYPT_AES_ALGORITHM, 0, BCRYPT_CHAIN_MODE_ECB)
                   ? OWS_E_CRYPTO : OWS_E_CRYPTO_UNSUPPORTED;
    err = cfb128_on_ecb(k, encrypt, iv, in, out, len);
    BCryptDestroyKey(k);
    return err;
}

/* DES-CBC, or 3DES-CBC with the key three times where there is no DES. */
static int des_cbc(int encrypt, const uint8_t *key, const uint8_t *iv, const uint8_t *in,
                   uint8_t *out, size_t len)
{
    BCRYPT_ALG_HANDLE prov;
    BCRYPT_KEY_HANDLE k = NULL;
    uint8_t ivbuf[8], des3[24];
    const uint8_t *kp = key;
    ULONG klen = 8;
    int err;

    if (len % 8)
        return OWS_E_CRYPTO;
    prov = open_slot(SLOT_DES, BCRYPT_DES_ALGORITHM, 0, BCRYPT_CHAIN_MODE_CBC);
    if (!prov) {
        prov = open_slot(SLOT_3DES, BCRYPT_3DES_ALGORITHM, 0, BCRYPT_CHAIN_MODE_CBC);
        memcpy(des3, key, 8);
        memcpy(des3 + 8, key, 8);
        memcpy(des3 + 16, key, 8);
        kp = des3;
        klen = 24;
    }
    if (!prov)
        return OWS_E_CRYPTO_UNSUPPORTED;
    err = OK(BCryptGenerateSymmetricKey(prov, &k, NULL, 0, (PUCHAR)kp, klen, 0)) ? 0 : OWS_E_CRYPTO;
    SecureZeroMemory(des3, sizeof des3);
    if (err)
        return err;
    memcpy(ivbuf, iv, 8);            /* CNG updates the IV in place */
    err = run(k, encrypt, ivbuf, 8, in, out, (ULONG)len);
    BCryptDestroyKey(k);
    return err;
}

int ows_cipher(int alg, int encrypt, const uint8_t *key, const uint8_t *iv, const uint8_t *in,
               uint8_t *out, size_t len)
{
    ULONG klen = (ULONG)ows_cipher_key_len(alg);
    if (!klen || len > 0x7FFFFFF0u)
        return OWS_E_CRYPTO;
    return alg == OWS_CIPHER_DES_CBC ? des_cbc(encrypt, key, iv, in, out, len)
                                     : aes_cfb128(encrypt, key, klen, iv, in, out, len);
}

int ows_random(void *buf, size_t n)
{
    if (over_ulong(n))
        return OWS_E_CRYPTO;
    return OK(BCryptGenRandom(NULL, buf, (ULONG)n, BCRYPT_USE_SYSTEM_PREFERRED_RNG))
               ? 0 : OWS_E_CRYPTO;
}

const char *ows_crypto_backend(void)
{
    return "Windows CNG (bcrypt.dll)";
}

const char *ows_crypto_unavailable(int kind, int alg)
{
    static const uint8_t zero[32];
    uint8_t out[OWS_HASH_MAX_LEN];
    struct ows_iov iov = { zero, 16 };
    int err;
    if (kind == 0) {
        if (ows_hash(alg, &iov, 1, out) == 0)
            return NULL;
        return alg == OWS_HASH_SHA224 ? "CNG has no SHA-224 algorithm provider"
                                      : "bcrypt.dll refuses this digest";
    }
    err = ows_cipher(alg, 1, zero, zero, zero, out, 16);
    if (!err)
        return NULL;
    if (alg == OWS_CIPHER_DES_CBC)
        return "bcrypt.dll offers neither DES nor 3DES in CBC mode";
    return "bcrypt.dll offers AES neither in CFB-128 nor in ECB mode";
}
