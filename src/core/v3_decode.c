/* v3_decode.c - the strict SNMPv3 envelope decoder and the scopedPDU's
 * decryption and decoding (v3_codec.h). */
#include <string.h>
#include "core/v3_codec.h"
#include "core/ber_read.h"
#include "core/msg_codec.h"
#include "core/alloc.h"

#define TRY(x) do { int e_ = (x); if (e_) return e_; } while (0)

/* A non-negative INTEGER (0..2147483647). */
static int get_nonneg(ows_berr *r, int32_t *v)
{
    ows_berr c;
    TRY(ows_berr_enter(r, 0x02, &c));
    TRY(ows_ber_int32(c.p, (size_t)(c.end - c.p), v));
    return *v < 0 ? OWS_E_USM_PARAMS : 0;
}

/* An OCTET STRING of at most `max` bytes, copied out. */
static int get_str(ows_berr *r, uint8_t *out, uint32_t *n, size_t max)
{
    ows_berr c;
    size_t len;
    TRY(ows_berr_enter(r, 0x04, &c));
    len = (size_t)(c.end - c.p);
    if (len > max)
        return OWS_E_USM_PARAMS;
    if (len)
        memcpy(out, c.p, len);
    *n = (uint32_t)len;
    return 0;
}

int ows_v3_decode(const uint8_t *buf, size_t len, ows_v3_msg *out)
{
    ows_berr r = { buf, buf + len }, msg, glob, sec, usm, part;
    ows_v3_head *h = &out->head;
    ows_v3_usm *u = &out->usm;
    int32_t version;
    unsigned tag;
    size_t n;

    memset(out, 0, sizeof *out);
    if (!buf)
        return OWS_E_BER_TRUNCATED;
    TRY(ows_berr_enter(&r, 0x30, &msg));
    if (r.p != r.end)
        return OWS_E_BER_TRAILING;
    TRY(ows_berr_enter(&msg, 0x02, &part));
    TRY(ows_ber_int32(part.p, (size_t)(part.end - part.p), &version));
    if (version != OWS_SNMPV3)
        return OWS_E_BER_VERSION;

    /* msgGlobalData (RFC 3412 6). */
    TRY(ows_berr_enter(&msg, 0x30, &glob));
    TRY(get_nonneg(&glob, &h->msg_id));
    TRY(get_nonneg(&glob, &h->max_size));
    TRY(ows_berr_enter(&glob, 0x04, &part));
    if (part.end - part.p != 1)
        return OWS_E_USM_PARAMS;
    h->flags = part.p[0];
    TRY(get_nonneg(&glob, &h->security_model));
    if (glob.p != glob.end)
        return OWS_E_BER_TRAILING;
    /* RFC 3412 7.2 step 5: privacy without authentication is invalid. */
    if (h->max_size < OWS_V3_MIN_MAX_SIZE || h->security_model < 1 ||
        (h->flags & (OWS_V3_FLAG_AUTH | OWS_V3_FLAG_PRIV)) == OWS_V3_FLAG_PRIV)
        return OWS_E_USM_PARAMS;

    /* msgSecurityParameters: USM's SEQUENCE inside an OCTET STRING. Another
     * model's parameters are left unread. */
    TRY(ows_berr_enter(&msg, 0x04, &sec));
    if (h->security_model == OWS_V3_MODEL_USM) {
        TRY(ows_berr_enter(&sec, 0x30, &usm));
        if (sec.p != sec.end)
            return OWS_E_BER_TRAILING;
        TRY(get_str(&usm, u->engine_id, &u->engine_id_len, OWS_USM_ENGINE_ID_MAX));
        TRY(get_nonneg(&usm, &u->engine_boots));
        TRY(get_nonneg(&usm, &u->engine_time));
        TRY(get_str(&usm, u->user, &u->user_len, OWS_V3_NAME_MAX));
        TRY(ows_berr_enter(&usm, 0x04, &part));
        n = (size_t)(part.end - part.p);
        if (n > OWS_USM_MAC_MAX)
            return OWS_E_USM_PARAMS;
        memcpy(u->auth, part.p, n);
        u->auth_len = (uint32_t)n;
        u->auth_at = (size_t)(part.p - buf);
        TRY(get_str(&usm, u->priv, &u->priv_len, OWS_V3_PRIV_PARAMS_MAX));
        if (usm.p != usm.end)
            return OWS_E_BER_TRAILING;
    }

    /* msgData: a plaintext scopedPDU (kept whole) or an encryptedPDU. */
    out->encrypted = (h->flags & OWS_V3_FLAG_PRIV) != 0;
    part = msg;
    TRY(ows_berr_header(&msg, &tag, &n));
    if (tag != (out->encrypted ? 0x04u : 0x30u))
        return OWS_E_BER_TAG;
    msg.p += n;
    if (msg.p != msg.end)
        return OWS_E_BER_TRAILING;
    if (out->encrypted) {
        out->data = msg.p - n;
        out->data_len = n;
    } else {
        out->data = part.p;
        out->data_len = (size_t)(msg.p - part.p);
    }
    return 0;
}

int ows_v3_open_scoped(const ows_v3_msg *m, const ows_v3_keys *keys, uint8_t *scratch,
                       size_t scratch_cap, ows_msg *pdu_msg, uint8_t *engine_id,
                       uint32_t *engine_id_len)
{
    return ows_v3_open_scoped_in(m, keys, scratch, scratch_cap, pdu_msg, 0, NULL, 0, engine_id,
                                 engine_id_len);
}

int ows_v3_open_scoped_in(const ows_v3_msg *m, const ows_v3_keys *keys, uint8_t *scratch,
                          size_t scratch_cap, ows_msg *pdu_msg, size_t head, void *mem,
                          size_t cap, uint8_t *engine_id, uint32_t *engine_id_len)
{
    const uint8_t *plain = m->data, *ctx = NULL;
    uint8_t *mine = NULL;
    size_t pad = 0, ctx_len = 0;
    int err;

    memset(pdu_msg, 0, sizeof *pdu_msg);
    *engine_id_len = 0;
    if (m->encrypted) {
        if (!keys || keys->priv == OWS_USM_PRIV_NONE)
            return OWS_E_USM_PARAMS;
        if (!scratch || scratch_cap < m->data_len) {
            mine = ows_malloc(m->data_len ? m->data_len : 1);
            if (!mine)
                return OWS_E_ALLOC;
            scratch = mine;
        }
        err = ows_usm_decrypt(keys->priv, keys->priv_key, keys->preiv,
                              (uint32_t)m->usm.engine_boots, (uint32_t)m->usm.engine_time,
                              m->usm.priv, m->usm.priv_len, m->data, m->data_len, scratch);
        if (err) {
            ows_free(mine);
            return err;
        }
        plain = scratch;
        /* DES pads to 8 bytes: up to 7 may follow the scopedPDU. */
        pad = keys->priv == OWS_USM_PRIV_DES ? 7 : 0;
    }
    err = ows_scoped_decode_in(plain, m->data_len, pad, pdu_msg, head, mem, cap, &ctx, &ctx_len);
    if (!err && ctx_len > OWS_USM_ENGINE_ID_MAX)
        err = OWS_E_USM_PARAMS;
    if (!err && pdu_msg->community.len > OWS_V3_NAME_MAX)
        err = OWS_E_USM_PARAMS;
    if (err) {
        ows_msg_free(pdu_msg);
    } else {
        if (ctx_len)
            memcpy(engine_id, ctx, ctx_len);
        *engine_id_len = (uint32_t)ctx_len;
    }
    if (mine) {
        memset(mine, 0, m->data_len);
        ows_free(mine);
    }
    return err;
}
