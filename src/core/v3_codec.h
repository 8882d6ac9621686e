/* v3_codec.h - SNMPv3 messages (RFC 3412 6) with the User-based Security
 * Model's parameters (RFC 3414 2.4), to and from BER.
 *
 *   SNMPv3Message ::= SEQUENCE { msgVersion INTEGER (3),
 *       msgGlobalData SEQUENCE { msgID, msgMaxSize, msgFlags OCTET STRING (1),
 *                                msgSecurityModel },
 *       msgSecurityParameters OCTET STRING (BER of UsmSecurityParameters),
 *       msgData CHOICE { plaintext ScopedPDU, encryptedPDU OCTET STRING } }
 *   UsmSecurityParameters ::= SEQUENCE { msgAuthoritativeEngineID,
 *       msgAuthoritativeEngineBoots, msgAuthoritativeEngineTime, msgUserName,
 *       msgAuthenticationParameters, msgPrivacyParameters }
 *   ScopedPDU ::= SEQUENCE { contextEngineID, contextName, PDU }
 *
 * Decoding is in two steps, because the keys needed for the second depend
 * on the first: ows_v3_decode reads the envelope without allocating (the
 * engine then looks up the user by engine ID and user name, checks the
 * digest with ows_usm_auth_check over the whole message and the timeliness
 * window); ows_v3_open_scoped then decrypts (if need be) and decodes the
 * scopedPDU into an ows_msg with one allocation, like ows_msg_decode.
 *
 * Who uses it: core/v3_manager.h (requests to database v3 entities:
 * discovery, re-encoding per try, Reports), core/v3_inbound.h (requests,
 * traps and informs at our listening and trap sockets, and the replies),
 * core/v3_trap.h (notifications we send as the authoritative engine); keys
 * from core/usm_user.h, kept across entities by core/usm_cache.h.
 */
#ifndef OWS_CORE_V3_CODEC_H
#define OWS_CORE_V3_CODEC_H
#include <stddef.h>
#include <stdint.h>
#include "core/smi.h"
#include "core/usm.h"

enum {
    OWS_V3_FLAG_AUTH = 0x01, OWS_V3_FLAG_PRIV = 0x02, OWS_V3_FLAG_REPORTABLE = 0x04,
    OWS_V3_MODEL_USM = 3,
    OWS_V3_MIN_MAX_SIZE = 484,          /* msgMaxSize (484..2147483647) */
    OWS_V3_NAME_MAX = 32,               /* SnmpAdminString user/context names */
    OWS_V3_PRIV_PARAMS_MAX = 32         /* what the decoder keeps; USM needs 8 */
};

/* msgGlobalData. */
typedef struct ows_v3_head {
    int32_t msg_id;            /* 0..2147483647 */
    int32_t max_size;          /* 484..2147483647 */
    uint8_t flags;             /* OWS_V3_FLAG_* */
    int32_t security_model;    /* OWS_V3_MODEL_USM */
} ows_v3_head;

/* UsmSecurityParameters, with where the MAC lies in the message. */
typedef struct ows_v3_usm {
    uint8_t engine_id[OWS_USM_ENGINE_ID_MAX];
    uint32_t engine_id_len;    /* 0 (discovery) or 5..32; decoding accepts 0..32 */
    int32_t engine_boots;      /* 0..2147483647 */
    int32_t engine_time;       /* 0..2147483647 */
    uint8_t user[OWS_V3_NAME_MAX];
    uint32_t user_len;
    uint8_t auth[OWS_USM_MAC_MAX];     /* msgAuthenticationParameters */
    uint32_t auth_len;
    size_t auth_at;            /* decode: offset of auth's bytes in the message */
    uint8_t priv[OWS_V3_PRIV_PARAMS_MAX];   /* msgPrivacyParameters (the salt) */
    uint32_t priv_len;
} ows_v3_usm;

/* A decoded envelope; `data` points into the decoded buffer: the whole
 * scopedPDU SEQUENCE when plaintext, the encryptedPDU's octets otherwise. */
typedef struct ows_v3_msg {
    ows_v3_head head;
    ows_v3_usm usm;
    const uint8_t *data;
    size_t data_len;
    int encrypted;             /* == (head.flags & OWS_V3_FLAG_PRIV) != 0 */
} ows_v3_msg;

/* The keys of one user at one authoritative engine; auth NONE = no auth. */
typedef struct ows_v3_keys {
    int auth;                          /* enum ows_usm_auth */
    uint8_t auth_key[OWS_USM_KEY_MAX]; /* localised */
    int priv;                          /* enum ows_usm_priv */
    uint8_t priv_key[32];              /* ows_usm_priv_key's output */
    uint8_t preiv[8];                  /* DES only */
    /* Optional: an HMAC state keyed with auth_key (usm.h's *_keyed), owned
     * by whoever made it; NULL keys the HMAC per message. */
    const ows_hash_ctx *keyed;
} ows_v3_keys;

/* The scopedPDU's contents when encoding: the PDU is SNMPv2c's. */
typedef struct ows_v3_scoped {
    const uint8_t *context_engine_id;
    size_t context_engine_id_len;      /* 0..32 */
    const uint8_t *context_name;
    size_t context_name_len;           /* 0..32 */
    const ows_pdu *pdu;
} ows_v3_scoped;

/* Encodes a whole message into buf[0..cap): it lies at buf + *off, *len
 * bytes (*off + *len <= cap). head->flags' auth/priv bits must match
 * keys (NULL = noAuthNoPriv); priv without auth is OWS_E_USM_PARAMS.
 * With privacy, usm->priv (8 bytes) is the salt, never to repeat under one
 * key. With authentication the MAC is computed last (usm->auth is ignored).
 * Errors: OWS_E_BUFFER_SMALL, OWS_E_USM_PARAMS (a field out of range),
 * OWS_E_PDU_INVALID/SYNTAX_INVALID/OID_INVALID (the PDU), OWS_E_CRYPTO*. */
int ows_v3_encode(const ows_v3_head *head, const ows_v3_usm *usm, const ows_v3_scoped *scoped,
                  const ows_v3_keys *keys, uint8_t *buf, size_t cap, size_t *off,
                  size_t *len);

/* Strict decode of the envelope of exactly buf[0..len). No allocation;
 * out->data points into buf. Errors: OWS_E_BER_* (malformed; msgVersion not
 * 3 is OWS_E_BER_VERSION), OWS_E_USM_PARAMS (a value out of its range:
 * msgID, msgMaxSize, msgFlags' length or priv without auth, engine ID or
 * user name too long, boots/time negative). A security model other than
 * USM decodes; the caller drops it (snmpUnknownSecurityModels). */
int ows_v3_decode(const uint8_t *buf, size_t len, ows_v3_msg *out);

/* Decrypts (when m->encrypted, with keys) and decodes m's scopedPDU into
 * *pdu_msg (version OWS_SNMPV3, contextName as the community; ows_msg_free
 * releases it) and the contextEngineID into engine_id (32 bytes of room)
 * and *engine_id_len.
 * `scratch` (cap >= m->data_len) holds the plaintext; NULL allocates.
 * Errors: OWS_E_USM_DECRYPT, OWS_E_BER_*, OWS_E_ALLOC. */
int ows_v3_open_scoped(const ows_v3_msg *m, const ows_v3_keys *keys, uint8_t *scratch,
                       size_t scratch_cap, ows_msg *pdu_msg, uint8_t *engine_id,
                       uint32_t *engine_id_len);

/* The same with `head` bytes reserved at the start of the one allocation,
 * in `mem` (cap bytes) when the message fits: ows_scoped_decode_in's rules
 * (msg_codec.h). The network engine decodes received messages this way. */
int ows_v3_open_scoped_in(const ows_v3_msg *m, const ows_v3_keys *keys, uint8_t *scratch,
                          size_t scratch_cap, ows_msg *pdu_msg, size_t head, void *mem,
                          size_t cap, uint8_t *engine_id, uint32_t *engine_id_len);

#endif
