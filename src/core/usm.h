/* usm.h - the User-based Security Model's cryptography (RFC 3414, RFC 7860,
 * RFC 3826): keys from passwords, localised keys, authentication parameters
 * and privacy, on top of crypto.h. Portable; no state: the engine keeps the
 * users, their localised keys and the salt counter (see v3_codec.h).
 */
#ifndef OWS_CORE_USM_H
#define OWS_CORE_USM_H
#include <stddef.h>
#include <stdint.h>
#include "crypto.h"

/* Authentication protocols (usmNoAuthProtocol, RFC 3414's usmHMACMD5/SHA,
 * RFC 7860's usmHMAC128SHA224 .. usmHMAC384SHA512). */
enum ows_usm_auth {
    OWS_USM_AUTH_NONE, OWS_USM_AUTH_MD5, OWS_USM_AUTH_SHA1, OWS_USM_AUTH_SHA224,
    OWS_USM_AUTH_SHA256, OWS_USM_AUTH_SHA384, OWS_USM_AUTH_SHA512,
    OWS_USM_AUTH_COUNT_
};
/* Privacy protocols: usmNoPrivProtocol, usmDESPrivProtocol (RFC 3414),
 * usmAesCfb128Protocol (RFC 3826), and AES-192/256 as net-snmp's
 * draft-blumenthal-aes-usm-04 variant. */
enum ows_usm_priv {
    OWS_USM_PRIV_NONE, OWS_USM_PRIV_DES, OWS_USM_PRIV_AES128, OWS_USM_PRIV_AES192,
    OWS_USM_PRIV_AES256,
    OWS_USM_PRIV_COUNT_
};

#define OWS_USM_KEY_MAX 64          /* the longest digest, SHA-512 */
#define OWS_USM_MAC_MAX 48          /* usmHMAC384SHA512AuthProtocol */
#define OWS_USM_ENGINE_ID_MAX 32    /* SnmpEngineID SIZE (5..32) */
#define OWS_USM_SALT_LEN 8          /* msgPrivacyParameters */

/* The digest behind an auth protocol (crypto.h's OWS_HASH_*), -1 for none. */
int ows_usm_auth_hash(int auth);
/* Length of the localised key (the digest length), 0 for none/invalid. */
size_t ows_usm_auth_key_len(int auth);
/* Length of msgAuthenticationParameters: 12, 12, 16, 24, 32, 48; 0 for none. */
size_t ows_usm_auth_mac_len(int auth);
/* Length of a privacy protocol's key (8 DES, 16/24/32 AES), 0 for none. */
size_t ows_usm_priv_key_len(int priv);

/* RFC 3414 A.2 (RFC 7860 4.1 for SHA-2): Ku = H(first 1,048,576 octets of
 * the password repeated). ku gets ows_usm_auth_key_len(auth) bytes. An
 * empty password is OWS_E_USM_PARAMS (it cannot be repeated). */
int ows_usm_password_to_key(int auth, const uint8_t *pw, size_t pwlen, uint8_t *ku);
/* Kul = H(Ku | engineID | Ku). engine_len 0..32. */
int ows_usm_localize_key(int auth, const uint8_t *ku, const uint8_t *engine_id,
                         size_t engine_len, uint8_t *kul);
/* A privacy key from the localised key of a privacy password (localised with
 * the user's auth protocol): the first ows_usm_priv_key_len(priv) bytes, for
 * DES the next 8 bytes as the pre-IV. When the digest is shorter than AES-192
 * or AES-256 needs, it is extended as net-snmp's Blumenthal variant does
 * (Kul | H(Kul) | ..., each step hashing all so far). key gets 32 bytes at
 * most, preiv 8 (DES only; may be NULL otherwise). */
int ows_usm_priv_key(int auth, int priv, const uint8_t *kul, uint8_t *key, uint8_t *preiv);

/* Authentication over a whole encoded message whose
 * msgAuthenticationParameters (mac_len bytes at msg + at) are zero:
 * ows_usm_auth_sign fills them in (RFC 3414 6.3.1); ows_usm_auth_check
 * verifies them, computing the HMAC over the message with those bytes read
 * as zeros (no copy, msg is not changed) and comparing in constant time:
 * OWS_E_USM_WRONG_DIGEST on a mismatch. */
int ows_usm_auth_sign(int auth, const uint8_t *kul, uint8_t *msg, size_t len, size_t at);
int ows_usm_auth_check(int auth, const uint8_t *kul, const uint8_t *msg, size_t len, size_t at);
/* The same from `keyed`, an HMAC state keyed once with the localised key
 * (ows_hash_begin(ows_usm_auth_hash(auth), kul, ...)): the key's padding
 * blocks are not hashed again for every message. */
int ows_usm_auth_sign_keyed(int auth, const ows_hash_ctx *keyed, uint8_t *msg, size_t len,
                            size_t at);
int ows_usm_auth_check_keyed(int auth, const ows_hash_ctx *keyed, const uint8_t *msg,
                             size_t len, size_t at);

/* Privacy. salt: the 8 bytes that travel as msgPrivacyParameters, chosen by
 * the caller, never repeated under one key (RFC 3414 8.1.1.1 composes DES's
 * from the local snmpEngineBoots and a counter; RFC 3826 3.1.2.1 makes AES's
 * a 64-bit counter). boots/time are the authoritative engine's, used by AES.
 * ows_usm_encrypt pads DES input to a multiple of 8 (out needs len + 7
 * bytes) and sets *out_len; AES output is as long as its input.
 * ows_usm_decrypt: a DES ciphertext that is not a multiple of 8 long, or a
 * bad privParameters length, is OWS_E_USM_DECRYPT. */
int ows_usm_encrypt(int priv, const uint8_t *key, const uint8_t *preiv, uint32_t boots,
                    uint32_t time, const uint8_t salt[OWS_USM_SALT_LEN], const uint8_t *in,
                    size_t len, uint8_t *out, size_t *out_len);
int ows_usm_decrypt(int priv, const uint8_t *key, const uint8_t *preiv, uint32_t boots,
                    uint32_t time, const uint8_t *salt, size_t salt_len, const uint8_t *in,
                    size_t len, uint8_t *out);

#endif
