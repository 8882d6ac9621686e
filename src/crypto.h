/* crypto.h - the small internal cryptography interface of the platform layer.
 *
 * SNMPv3's User-based Security Model needs digests, HMACs, two block cipher
 * modes and random bytes. None of it is written here: src/posix/crypto.c
 * calls OpenSSL's libcrypto and src/win32/crypto.c calls Windows' CNG
 * (bcrypt.dll, part of every Windows, so nothing extra to ship). The core
 * (core/usm*.c, core/v3_*.c) includes only this header.
 *
 * Error convention (platform.h's): 0 or a negative OWS_E_* code.
 * OWS_E_CRYPTO_UNSUPPORTED means this platform's library lacks the algorithm
 * (CNG has no SHA-224, for instance); OWS_E_CRYPTO that a library call failed.
 * Every function is thread-safe and may be called before SnmpStartup.
 */
#ifndef OWS_CRYPTO_H
#define OWS_CRYPTO_H
#include <stddef.h>
#include <stdint.h>

enum ows_hash_alg {
    OWS_HASH_MD5, OWS_HASH_SHA1, OWS_HASH_SHA224, OWS_HASH_SHA256,
    OWS_HASH_SHA384, OWS_HASH_SHA512,
    OWS_HASH_COUNT_
};
#define OWS_HASH_MAX_LEN 64      /* SHA-512 */

/* Digest length in bytes of a valid alg, 0 otherwise (portable: core/usm_key.c). */
size_t ows_hash_len(int alg);

/* A piece of a scattered input: the HMAC of a message and the digests of key
 * localisation (Ku | engineID | Ku) cover several buffers without a copy. */
struct ows_iov {
    const void *p;
    size_t n;
};

/* out[0..ows_hash_len(alg)) = digest of the concatenation of iov[0..n). */
int ows_hash(int alg, const struct ows_iov *iov, size_t n, uint8_t *out);
/* out[0..ows_hash_len(alg)) = HMAC(key, concatenation of iov[0..n)). */
int ows_hmac(int alg, const uint8_t *key, size_t klen, const struct ows_iov *iov, size_t n,
             uint8_t *out);

/* A digest (key NULL) or an HMAC (key[0..klen), klen may be 0) computed in
 * steps: RFC 3414 A.2 hashes a megabyte of repeated password. The platform
 * layers implement these four; ows_hash and ows_hmac (core/crypto_common.c)
 * are built on them. ows_hash_begin allocates; ows_hash_end writes the
 * result and releases the context, also on failure; ows_hash_abort only
 * releases. */
typedef struct ows_hash_ctx ows_hash_ctx;
int ows_hash_begin(int alg, const uint8_t *key, size_t klen, ows_hash_ctx **out);
int ows_hash_update(ows_hash_ctx *c, const void *p, size_t n);
int ows_hash_end(ows_hash_ctx *c, uint8_t *out);
void ows_hash_abort(ows_hash_ctx *c);
/* A copy of c's state (EVP_MAC_CTX_dup, BCryptDuplicateHash): an HMAC keyed
 * once (ows_hash_begin with the key, no data) serves every message of that
 * key without hashing the key's padding blocks again. */
int ows_hash_dup(const ows_hash_ctx *c, ows_hash_ctx **out);
/* ows_hmac from such a keyed state, which stays unchanged (portable). */
int ows_hmac_keyed(const ows_hash_ctx *keyed, const struct ows_iov *iov, size_t n,
                   uint8_t *out);

enum ows_cipher_alg {
    OWS_CIPHER_DES_CBC,          /* RFC 3414 8: 8-byte key, len a multiple of 8 */
    OWS_CIPHER_AES128_CFB,       /* RFC 3826: CFB with 128-bit feedback */
    OWS_CIPHER_AES192_CFB,       /* the same with longer keys (net-snmp's */
    OWS_CIPHER_AES256_CFB,       /* draft-blumenthal-aes-usm variant)     */
    OWS_CIPHER_COUNT_
};

/* Key length in bytes of a valid alg, 0 otherwise (portable). The IV is 8
 * bytes for DES, 16 for AES. */
size_t ows_cipher_key_len(int alg);

/* Encrypts (encrypt != 0) or decrypts in[0..len) into out (may equal in),
 * from a fresh state keyed by key/iv. No padding: DES-CBC needs len to be a
 * multiple of 8 (OWS_E_CRYPTO otherwise); CFB takes any length. */
int ows_cipher(int alg, int encrypt, const uint8_t *key, const uint8_t *iv, const uint8_t *in,
               uint8_t *out, size_t len);

/* n bytes from the system's cryptographic random generator. */
int ows_random(void *buf, size_t n);

/* NULL when hash (kind 0) or cipher (kind 1) alg works here; otherwise one
 * sentence saying why not, for the trace and for skipped tests. */
const char *ows_crypto_unavailable(int kind, int alg);

/* One line naming the library behind this interface, for traces and tests
 * ("OpenSSL 3.0.x", "Windows CNG (bcrypt.dll)"). */
const char *ows_crypto_backend(void);

#endif
