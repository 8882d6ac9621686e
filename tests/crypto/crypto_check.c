/* crypto_check.c - known-answer tests of crypto.h and core/usm.h, run
 * natively (OpenSSL) and under Wine x64/x86 (CNG): one group per process
 * (crypto_check GROUP), so ctest reports each algorithm on its own.
 *
 * Exit status: 0 passed, 1 failed, 77 skipped. A group is skipped only when
 * the build allows it (--may-skip, given to the Windows builds) and the
 * platform's library reports OWS_E_CRYPTO_UNSUPPORTED; the reason is
 * printed. Natively every algorithm must work.
 *
 * Vectors: FIPS 180 "abc" digests; RFC 2202 and RFC 4231 HMACs; the FIPS 81
 * DES-CBC example; NIST SP 800-38A F.3.13/15/17 (CFB128-AES); a longer
 * message's ciphertext digests from `openssl enc` (check_long); RFC 3414 A.3
 * keys; SHA-2 keys (RFC 7860's algorithm, which gives no vectors) computed
 * with Python's hashlib and cross-checked against net-snmp by
 * tests/differential/diff_usm.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "crypto.h"
#include "core/usm.h"
#include "core/error.h"
#include "platform.h"

static int failures;
static int may_skip;
static const char *skip_why;
static char skip_detail[300];

#define CHECK(cond) do { if (!(cond)) { \
    printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

static size_t unhex(const char *h, uint8_t *out)
{
    size_t n = 0;
    while (h[0] && h[1]) {
        unsigned v;
        if (h[0] == ' ') { h++; continue; }
        sscanf(h, "%2x", &v);
        out[n++] = (uint8_t)v;
        h += 2;
    }
    return n;
}

static int same_hex(const uint8_t *got, size_t n, const char *want)
{
    uint8_t w[256];
    size_t wn = unhex(want, w);
    if (wn != n || memcmp(got, w, n)) {
        printf("  got  ");
        for (size_t i = 0; i < n; i++)
            printf("%02x", got[i]);
        printf("\n  want %s\n", want);
        return 0;
    }
    return 1;
}

/* Unsupported: a skip where the build allows one, else a failure. Returns 1
 * when the caller should stop the group. */
static int unsupported_(int err, const char *what, int kind, int alg)
{
    const char *why;
    if (err != OWS_E_CRYPTO_UNSUPPORTED)
        return 0;
    why = ows_crypto_unavailable(kind, alg);
    snprintf(skip_detail, sizeof skip_detail, "%s", why ? why : "(no reason given)");
    if (!may_skip) {
        printf("FAIL %s: %s reports it unsupported\n", what, ows_crypto_backend());
        failures++;
    } else {
        skip_why = what;
    }
    return 1;
}

/* ---- digests and HMACs ------------------------------------------------ */

struct hash_vec {
    const char *name;
    int alg;
    const char *abc;          /* H("abc") */
    const char *jefe;         /* HMAC("Jefe", "what do ya want for nothing?") */
};

static const struct hash_vec hashes[] = {
    { "md5", OWS_HASH_MD5, "900150983cd24fb0d6963f7d28e17f72",
      "750c783e6ab0b503eaa86e310a5db738" },
    { "sha1", OWS_HASH_SHA1, "a9993e364706816aba3e25717850c26c9cd0d89d",
      "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79" },
    { "sha224", OWS_HASH_SHA224, "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
      "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44" },
    { "sha256", OWS_HASH_SHA256,
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
    { "sha384", OWS_HASH_SHA384,
      "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
      "8086072ba1e7cc2358baeca134c825a7",
      "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
      "8e2240ca5e69e2c78b3239ecfab21649" },
    { "sha512", OWS_HASH_SHA512,
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
      "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
      "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737" },
};

static void check_hash(const struct hash_vec *v)
{
    static const char jefe_data[] = "what do ya want for nothing?";
    uint8_t out[OWS_HASH_MAX_LEN], out2[OWS_HASH_MAX_LEN];
    size_t n = ows_hash_len(v->alg);
    struct ows_iov one = { "abc", 3 };
    struct ows_iov three[3] = { { "a", 1 }, { "", 0 }, { "bc", 2 } };
    struct ows_iov jefe[2] = { { jefe_data, 10 }, { jefe_data + 10, sizeof jefe_data - 11 } };
    ows_hash_ctx *c;
    int err;

    err = ows_hash(v->alg, &one, 1, out);
    if (unsupported_(err, v->name, 0, v->alg))
        return;
    CHECK(err == 0 && same_hex(out, n, v->abc));
    /* Scattered input and the step-wise interface give the same digest. */
    memset(out2, 0, sizeof out2);
    CHECK(ows_hash(v->alg, three, 3, out2) == 0 && !memcmp(out, out2, n));
    memset(out2, 0, sizeof out2);
    CHECK(ows_hash_begin(v->alg, NULL, 0, &c) == 0);
    if (c) {
        CHECK(ows_hash_update(c, "ab", 2) == 0);
        CHECK(ows_hash_update(c, "c", 1) == 0);
        CHECK(ows_hash_end(c, out2) == 0 && !memcmp(out, out2, n));
    }
    /* A context may also be abandoned. */
    CHECK(ows_hash_begin(v->alg, NULL, 0, &c) == 0);
    ows_hash_abort(c);

    memset(out, 0, sizeof out);
    err = ows_hmac(v->alg, (const uint8_t *)"Jefe", 4, jefe, 2, out);
    if (unsupported_(err, v->name, 0, v->alg))
        return;
    CHECK(err == 0 && same_hex(out, n, v->jefe));
    /* The same HMAC in steps. */
    memset(out, 0, sizeof out);
    CHECK(ows_hash_begin(v->alg, (const uint8_t *)"Jefe", 4, &c) == 0);
    if (c) {
        CHECK(ows_hash_update(c, jefe_data, 5) == 0);
        CHECK(ows_hash_update(c, jefe_data + 5, sizeof jefe_data - 6) == 0);
        CHECK(ows_hash_end(c, out) == 0 && same_hex(out, n, v->jefe));
    }
    /* Keyed once, used twice: each copy gives the vector, the keyed state
     * stays as it was (the v3 engine keeps one per user and engine). */
    CHECK(ows_hash_begin(v->alg, (const uint8_t *)"Jefe", 4, &c) == 0);
    if (c) {
        for (int k = 0; k < 2; k++) {
            memset(out, 0, sizeof out);
            CHECK(ows_hmac_keyed(c, jefe, 2, out) == 0 && same_hex(out, n, v->jefe));
        }
        ows_hash_abort(c);
    }
    /* A copy of a digest in progress continues where the original was. */
    CHECK(ows_hash_begin(v->alg, NULL, 0, &c) == 0);
    if (c) {
        ows_hash_ctx *d = NULL;
        CHECK(ows_hash_update(c, "ab", 2) == 0);
        CHECK(ows_hash_dup(c, &d) == 0);
        if (d) {
            CHECK(ows_hash_update(d, "c", 1) == 0);
            CHECK(ows_hash_end(d, out2) == 0);
            CHECK(ows_hash_update(c, "c", 1) == 0);
            CHECK(ows_hash_end(c, out) == 0 && !memcmp(out, out2, n));
        } else {
            ows_hash_abort(c);
        }
    }
    if (v->alg == OWS_HASH_SHA256) {
        /* RFC 4231 4.7: a key longer than the block is hashed first. */
        static const char data[] = "Test Using Larger Than Block-Size Key - Hash Key First";
        uint8_t key[131];
        struct ows_iov d = { data, sizeof data - 1 };
        memset(key, 0xaa, sizeof key);
        CHECK(ows_hmac(v->alg, key, sizeof key, &d, 1, out) == 0 &&
              same_hex(out, n, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
    }
}

/* ---- ciphers ---------------------------------------------------------- */

struct cipher_vec {
    const char *name;
    int alg;
    const char *key, *iv, *pt, *ct;
    const char *long_sha256;    /* of the long message's ciphertext, see check_long */
};

#define SP800_PT "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51" \
                 "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"
#define SP800_IV "000102030405060708090a0b0c0d0e0f"

static const struct cipher_vec ciphers[] = {
    /* FIPS 81 appendix C: "Now is the time for all ". */
    { "des", OWS_CIPHER_DES_CBC, "0123456789abcdef", "1234567890abcdef",
      "4e6f77206973207468652074696d6520666f7220616c6c20",
      "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6",
      "b96f9e91d857d83180a4171b4a1d1140521082e28484cb120e1649cf48b4e59d" },
    /* The same key with every parity bit wrong, as USM's keys (hash bytes)
     * mostly have: DES ignores those bits, and so must the 3DES fallback. */
    { "des", OWS_CIPHER_DES_CBC, "0022446688aaccee", "1234567890abcdef",
      "4e6f77206973207468652074696d6520666f7220616c6c20",
      "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6",
      "b96f9e91d857d83180a4171b4a1d1140521082e28484cb120e1649cf48b4e59d" },
    { "aes128", OWS_CIPHER_AES128_CFB, "2b7e151628aed2a6abf7158809cf4f3c", SP800_IV, SP800_PT,
      "3b3fd92eb72dad20333449f8e83cfb4ac8a64537a0b3a93fcde3cdad9f1ce58b"
      "26751f67a3cbb140b1808cf187a4f4dfc04b05357c5d1c0eeac4c66f9ff7f2e6",
      "5ccf530b9812e274af467cd44b02b53f00842ae53a5200dbb75b3643fe122cb3" },
    { "aes192", OWS_CIPHER_AES192_CFB, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
      SP800_IV, SP800_PT,
      "cdc80d6fddf18cab34c25909c99a417467ce7f7f81173621961a2b70171d3d7a"
      "2e1e8a1dd59b88b1c8e60fed1efac4c9c05f9f9ca9834fa042ae8fba584b09ff",
      "bb7fe0fd5cf6e3eb456ef5a2e0d288d7d46824dab1360a9dfcc28832d72ef6e3" },
    { "aes256", OWS_CIPHER_AES256_CFB,
      "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", SP800_IV, SP800_PT,
      "dc7e84bfda79164b7ecd8486985d386039ffed143b28b1c832113c6331e5407b"
      "df10132415e54b92a13ed0a8267ae2f975a385741ab9cef82031623d55b1e471",
      "39ec78f266b907ebb8326af9b2c8e8fa75c51bc54d0e7a70a24eaa13c0862bcb" },
};

/* A message longer than the vectors, 1300 bytes (1296 for DES, whole
 * blocks) of (i * 31 + 7) mod 256, whose last AES block is partial: it takes
 * Windows CNG's CFB-128 (and its zero-padded last block) or, under Wine, the
 * CFB chaining built on AES-ECB across its 512-byte decryption batches.
 * The ciphertext's SHA-256 was computed with `openssl enc -aes-128-cfb`
 * (-aes-192-cfb, -aes-256-cfb, -des-cbc) -nopad. Decryption, in place and
 * of prefixes ending at and around the batch boundaries, gives back the
 * plaintext. */
static void check_long(const struct cipher_vec *v, const uint8_t *key, const uint8_t *iv)
{
    static const size_t cuts[] = { 15, 16, 17, 511, 512, 513, 1024, 1025, 1296 };
    uint8_t pt[1300], ct[1300], buf[1300], digest[32];
    size_t n = v->alg == OWS_CIPHER_DES_CBC ? 1296 : 1300, i;
    struct ows_iov iov = { ct, n };

    for (i = 0; i < n; i++)
        pt[i] = (uint8_t)(i * 31 + 7);
    CHECK(ows_cipher(v->alg, 1, key, iv, pt, ct, n) == 0);
    CHECK(ows_hash(OWS_HASH_SHA256, &iov, 1, digest) == 0 &&
          same_hex(digest, sizeof digest, v->long_sha256));
    memcpy(buf, ct, n);
    CHECK(ows_cipher(v->alg, 0, key, iv, buf, buf, n) == 0 && !memcmp(buf, pt, n));
    for (i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        size_t len = cuts[i];
        if (v->alg == OWS_CIPHER_DES_CBC && len % 8)
            continue;
        CHECK(ows_cipher(v->alg, 0, key, iv, ct, buf, len) == 0 && !memcmp(buf, pt, len));
        CHECK(ows_cipher(v->alg, 1, key, iv, pt, buf, len) == 0 && !memcmp(buf, ct, len));
    }
}

static void check_cipher(const struct cipher_vec *v)
{
    uint8_t key[32], iv[16], pt[64], ct[64], out[64], buf[64];
    size_t n, step = v->alg == OWS_CIPHER_DES_CBC ? 8 : 1;
    int err;

    CHECK(unhex(v->key, key) == ows_cipher_key_len(v->alg));
    unhex(v->iv, iv);
    n = unhex(v->pt, pt);
    CHECK(unhex(v->ct, ct) == n);

    err = ows_cipher(v->alg, 1, key, iv, pt, out, n);
    if (unsupported_(err, v->name, 1, v->alg))
        return;
    CHECK(err == 0 && same_hex(out, n, v->ct));
    CHECK(ows_cipher(v->alg, 0, key, iv, ct, out, n) == 0 && same_hex(out, n, v->pt));
    /* In place, and every shorter length (CFB takes any; DES whole blocks):
     * a prefix encrypts to the ciphertext's prefix. */
    for (size_t len = step; len <= n; len += step) {
        memcpy(buf, pt, len);
        CHECK(ows_cipher(v->alg, 1, key, iv, buf, buf, len) == 0 && !memcmp(buf, ct, len));
        CHECK(ows_cipher(v->alg, 0, key, iv, buf, buf, len) == 0 && !memcmp(buf, pt, len));
    }
    check_long(v, key, iv);
    CHECK(ows_cipher(v->alg, 1, key, iv, pt, out, 0) == 0);
    if (v->alg == OWS_CIPHER_DES_CBC)
        CHECK(ows_cipher(v->alg, 1, key, iv, pt, out, 12) == OWS_E_CRYPTO);
    CHECK(ows_cipher(OWS_CIPHER_COUNT_, 1, key, iv, pt, out, 16) == OWS_E_CRYPTO);
}

static void check_random(void)
{
    uint8_t a[32], b[32], zero[32] = { 0 };
    CHECK(ows_random(a, sizeof a) == 0);
    CHECK(ows_random(b, sizeof b) == 0);
    /* 2^-256 odds of a false failure. */
    CHECK(memcmp(a, b, sizeof a) != 0);
    CHECK(memcmp(a, zero, sizeof a) != 0);
    CHECK(ows_random(a, 0) == 0);
}

/* ---- USM keys --------------------------------------------------------- */

struct key_vec {
    const char *name;
    int auth;
    const char *ku, *kul;
};

/* Password "maplesyrup", engine ID 00..02 (RFC 3414 A.3). */
static const struct key_vec keys[] = {
    { "usm_md5", OWS_USM_AUTH_MD5, "9faf3283884e92834ebc9847d8edd963",
      "526f5eed9fcce26f8964c2930787d82b" },
    { "usm_sha1", OWS_USM_AUTH_SHA1, "9fb5cc0381497b3793528939ff788d5d79145211",
      "6695febc9288e36282235fc7151f128497b38f3f" },
    { "usm_sha224", OWS_USM_AUTH_SHA224,
      "282a5867ee9aac639ad59df9572c7d3ac0fbc13a905b6df07dbbf00b",
      "0bd8827c6e29f8065e08e09237f177e410f69b90e1782be682075674" },
    { "usm_sha256", OWS_USM_AUTH_SHA256,
      "ab51014d1e077f6017df2b12bee5f5aa72993177e9bb569c4dff5a4ca0b4afac",
      "8982e0e549e866db361a6b625d84cccc11162d453ee8ce3a6445c2d6776f0f8b" },
    { "usm_sha384", OWS_USM_AUTH_SHA384,
      "e06eccdf2c68a06ed034723c9c26e0db3b669e1e2efed49150b55377a2e98f38"
      "3c86fb836857444654b287c93f51ff64",
      "3b298f16164a11184279d5432bf169e2d2a48307de02b3d3f7e2b4f36eb6f045"
      "5a53689a3937eea07319a633d2ccba78" },
    { "usm_sha512", OWS_USM_AUTH_SHA512,
      "7e4396de5aadc77be853819b98c9406265b3a9c37cc3176569847a4e4f6fba63"
      "dd3a73d04924d31a63f95a601f9385af6be4ed1b37f87d040f7c6ed6f8d38a91",
      "22a5a36cedfcc085807a128d7bc6c2382167ad6c0dbc5fdff856740f3d84c099"
      "ad1ea87a8db096714d9788bd544047c9021e4229ce27e4c0a69250adfcffbb0b" },
};

static void check_usm(const struct key_vec *v)
{
    static const uint8_t eid[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 };
    uint8_t ku[OWS_USM_KEY_MAX], kul[OWS_USM_KEY_MAX], msg[100];
    size_t n = ows_usm_auth_key_len(v->auth), mac = ows_usm_auth_mac_len(v->auth);
    int err = ows_usm_password_to_key(v->auth, (const uint8_t *)"maplesyrup", 10, ku);

    if (unsupported_(err, v->name, 0, ows_usm_auth_hash(v->auth)))
        return;
    CHECK(err == 0 && same_hex(ku, n, v->ku));
    CHECK(ows_usm_localize_key(v->auth, ku, eid, sizeof eid, kul) == 0 &&
          same_hex(kul, n, v->kul));
    CHECK(ows_usm_password_to_key(v->auth, (const uint8_t *)"", 0, ku) == OWS_E_USM_PARAMS);

    /* Sign then check a message whose MAC field sits at byte 20; a flipped
     * bit anywhere outside the field, or in it, is a wrong digest. */
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 7);
    memset(msg + 20, 0, mac);
    CHECK(ows_usm_auth_sign(v->auth, kul, msg, sizeof msg, 20) == 0);
    CHECK(ows_usm_auth_check(v->auth, kul, msg, sizeof msg, 20) == 0);
    for (size_t i = 0; i < sizeof msg; i += 9) {
        msg[i] ^= 0x10;
        CHECK(ows_usm_auth_check(v->auth, kul, msg, sizeof msg, 20) == OWS_E_USM_WRONG_DIGEST);
        msg[i] ^= 0x10;
    }
    /* The field must lie inside the message. */
    CHECK(ows_usm_auth_check(v->auth, kul, msg, sizeof msg, sizeof msg - mac + 1) ==
          OWS_E_USM_PARAMS);
    kul[0] ^= 1;
    CHECK(ows_usm_auth_check(v->auth, kul, msg, sizeof msg, 20) == OWS_E_USM_WRONG_DIGEST);
}

/* USM privacy: known answers built from the FIPS 81 and SP 800-38A vectors
 * (the IV rules of RFC 3414 8.1.1.1 and RFC 3826 3.1.2.1 produce their IVs),
 * padding, and decryption errors. */
static void check_usm_priv(int priv)
{
    uint8_t key[32], preiv[8], salt[8], pt[64], out[72], back[72];
    size_t n = 0;
    int err;

    if (priv == OWS_USM_PRIV_DES) {
        /* pre-IV 0x12345678 00000000 XOR salt 0x00000000 90abcdef = FIPS 81's IV. */
        unhex("0123456789abcdef", key);
        unhex("1234567800000000", preiv);
        unhex("0000000090abcdef", salt);
        unhex("4e6f77206973207468652074696d6520666f7220616c6c20", pt);
        err = ows_usm_encrypt(priv, key, preiv, 0, 0, salt, pt, 24, out, &n);
        if (unsupported_(err, "usm_des", 1, OWS_CIPHER_DES_CBC))
            return;
        CHECK(err == 0 && n == 24 &&
              same_hex(out, n, "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6"));
        /* 21 bytes pad to 24; the first 16 bytes are the vector's. */
        CHECK(ows_usm_encrypt(priv, key, preiv, 0, 0, salt, pt, 21, out, &n) == 0 && n == 24 &&
              !memcmp(out, "\xe5\xc7\xcd\xde\x87\x2b\xf2\x7c\x43\xe9\x34\x00\x8c\x38\x9c\x0f", 16));
        CHECK(ows_usm_decrypt(priv, key, preiv, 0, 0, salt, 8, out, 24, back) == 0 &&
              !memcmp(back, pt, 21));
        CHECK(ows_usm_decrypt(priv, key, preiv, 0, 0, salt, 8, out, 20, back) ==
              OWS_E_USM_DECRYPT);
    } else {
        /* boots 0x00010203, time 0x04050607, salt 08..0f: SP 800-38A's IV. */
        unhex("2b7e151628aed2a6abf7158809cf4f3c", key);
        unhex("08090a0b0c0d0e0f", salt);
        unhex(SP800_PT, pt);
        err = ows_usm_encrypt(priv, key, NULL, 0x00010203, 0x04050607, salt, pt, 61, out, &n);
        if (unsupported_(err, "usm_aes", 1, OWS_CIPHER_AES128_CFB))
            return;
        CHECK(err == 0 && n == 61 && same_hex(out, 16, "3b3fd92eb72dad20333449f8e83cfb4a"));
        CHECK(ows_usm_decrypt(priv, key, NULL, 0x00010203, 0x04050607, salt, 8, out, 61,
                              back) == 0 && !memcmp(back, pt, 61));
    }
    CHECK(ows_usm_decrypt(priv, key, preiv, 0, 0, salt, 7, out, 24, back) == OWS_E_USM_DECRYPT);
}

/* The privacy key from a localised key: the RFC 3414 8.2.1 / RFC 3826
 * prefixes and the Blumenthal extension (MD5's 16 bytes to AES-256's 32). */
static void check_usm_privkey(void)
{
    static const uint8_t eid[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 };
    uint8_t ku[16], kul[16], key[32], preiv[8], h[16];
    struct ows_iov iov = { kul, 16 };
    CHECK(ows_usm_password_to_key(OWS_USM_AUTH_MD5, (const uint8_t *)"maplesyrup", 10, ku) == 0);
    CHECK(ows_usm_localize_key(OWS_USM_AUTH_MD5, ku, eid, sizeof eid, kul) == 0);
    CHECK(ows_usm_priv_key(OWS_USM_AUTH_MD5, OWS_USM_PRIV_DES, kul, key, preiv) == 0);
    CHECK(!memcmp(key, kul, 8) && !memcmp(preiv, kul + 8, 8));
    CHECK(ows_usm_priv_key(OWS_USM_AUTH_MD5, OWS_USM_PRIV_AES128, kul, key, NULL) == 0);
    CHECK(!memcmp(key, kul, 16));
    CHECK(ows_usm_priv_key(OWS_USM_AUTH_MD5, OWS_USM_PRIV_AES256, kul, key, NULL) == 0);
    CHECK(ows_hash(OWS_HASH_MD5, &iov, 1, h) == 0);
    CHECK(!memcmp(key, kul, 16) && !memcmp(key + 16, h, 16));
    CHECK(ows_usm_priv_key(OWS_USM_AUTH_NONE, OWS_USM_PRIV_DES, kul, key, preiv) ==
          OWS_E_USM_PARAMS);
}

/* Four threads at once, each its own HMACs, DES and AES from the first call
 * on (so the providers are opened, and CNG's refusal of CFB-128 is met,
 * concurrently). Each worker keeps its first
 * results and checks that the next 199 equal them; afterwards the first
 * results must equal the single-threaded ones. Also run by the
 * ThreadSanitizer build. */
static const uint8_t thr_key[32] = { 1, 2, 3 }, thr_iv[16] = { 4, 5, 6 };

struct worker { int alg, failures; uint8_t mac[OWS_HASH_MAX_LEN], ct[64], aes[64]; };

static void work(void *arg)
{
    struct worker *w = arg;
    uint8_t data[64], mac[OWS_HASH_MAX_LEN], ct[64], aes[64];
    struct ows_iov d = { data, sizeof data };
    memset(data, 0x3C, sizeof data);
    for (int i = 0; i < 200; i++) {
        int err = ows_hmac(w->alg, thr_key, sizeof thr_key, &d, 1, i ? mac : w->mac) |
                  ows_cipher(OWS_CIPHER_DES_CBC, 1, thr_key, thr_iv, data, i ? ct : w->ct,
                             sizeof ct) |
                  ows_cipher(OWS_CIPHER_AES128_CFB, 1, thr_key, thr_iv, data,
                             i ? aes : w->aes, sizeof aes);
        if (err || (i && (memcmp(mac, w->mac, ows_hash_len(w->alg)) ||
                          memcmp(ct, w->ct, sizeof ct) || memcmp(aes, w->aes, sizeof aes))))
            w->failures++;
    }
}

static void check_threads(void)
{
    static const int algs[4] = { OWS_HASH_MD5, OWS_HASH_SHA1, OWS_HASH_SHA256, OWS_HASH_SHA512 };
    struct worker w[4];
    ows_thread t[4];
    int started[4];
    uint8_t data[64];
    struct ows_iov d = { data, sizeof data };

    memset(data, 0x3C, sizeof data);
    for (int i = 0; i < 4; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].alg = algs[i];
        started[i] = ows_thread_create(&t[i], work, &w[i]) == 0;
        CHECK(started[i]);
    }
    for (int i = 0; i < 4; i++)
        if (started[i])
            ows_thread_join(t[i]);
    for (int i = 0; i < 4; i++) {
        uint8_t mac[OWS_HASH_MAX_LEN], ct[64], aes[64];
        CHECK(w[i].failures == 0);
        CHECK(ows_hmac(algs[i], thr_key, sizeof thr_key, &d, 1, mac) == 0 &&
              !memcmp(mac, w[i].mac, ows_hash_len(algs[i])));
        CHECK(ows_cipher(OWS_CIPHER_DES_CBC, 1, thr_key, thr_iv, data, ct, sizeof ct) == 0 &&
              !memcmp(ct, w[i].ct, sizeof ct));
        CHECK(ows_cipher(OWS_CIPHER_AES128_CFB, 1, thr_key, thr_iv, data, aes, sizeof aes) == 0 &&
              !memcmp(aes, w[i].aes, sizeof aes));
    }
}

int main(int argc, char **argv)
{
    const char *g = argc > 1 ? argv[1] : "";
    size_t i;
    int known = 0;

    may_skip = argc > 2 && !strcmp(argv[2], "--may-skip");
    printf("crypto backend: %s\n", ows_crypto_backend());
    for (i = 0; i < sizeof hashes / sizeof hashes[0]; i++)
        if (!strcmp(g, hashes[i].name)) {
            check_hash(&hashes[i]);
            known = 1;
        }
    for (i = 0; i < sizeof ciphers / sizeof ciphers[0]; i++)
        if (!strcmp(g, ciphers[i].name)) {
            check_cipher(&ciphers[i]);
            known = 1;
        }
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strcmp(g, keys[i].name)) {
            check_usm(&keys[i]);
            known = 1;
        }
    if (!strcmp(g, "random")) {
        check_random();
        known = 1;
    } else if (!strcmp(g, "usm_des")) {
        check_usm_priv(OWS_USM_PRIV_DES);
        known = 1;
    } else if (!strcmp(g, "usm_aes")) {
        check_usm_priv(OWS_USM_PRIV_AES128);
        known = 1;
    } else if (!strcmp(g, "threads")) {
        check_threads();
        known = 1;
    } else if (!strcmp(g, "usm_privkey")) {
        check_usm_privkey();
        known = 1;
    }
    if (!known) {
        printf("usage: crypto_check GROUP [--may-skip]\n");
        return 2;
    }
    if (failures) {
        printf("%s: %d check(s) FAILED\n", g, failures);
        return 1;
    }
    if (skip_why) {
        printf("%s: SKIPPED: %s is not available from %s here: %s\n", g, skip_why,
               ows_crypto_backend(), skip_detail);
        return 77;
    }
    printf("%s: passed\n", g);
    return 0;
}
