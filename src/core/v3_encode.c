/* v3_encode.c - an SNMPv3 message to BER, backwards into one bounded
 * buffer: the scopedPDU first (then encrypted in place), the security
 * parameters, msgGlobalData, the version; the MAC is computed last over
 * the finished message, into the zeros left for it. */
#include <string.h>
#include "core/v3_codec.h"
#include "core/ber_write.h"
#include "core/msg_codec.h"

#define TRY(x) do { int e_ = (x); if (e_ < 0) return e_; } while (0)

static int put_scoped(ows_berw *w, const ows_v3_scoped *s)
{
    uint8_t *end = w->p;
    if (s->context_engine_id_len > OWS_USM_ENGINE_ID_MAX || s->context_name_len > OWS_V3_NAME_MAX ||
        (s->context_engine_id_len && !s->context_engine_id) ||
        (s->context_name_len && !s->context_name) || !s->pdu)
        return OWS_E_USM_PARAMS;
    TRY(ows_pdu_encode(w, s->pdu, OWS_SNMPV3));
    TRY(ows_berw_octets(w, 0x04, s->context_name, s->context_name_len));
    TRY(ows_berw_octets(w, 0x04, s->context_engine_id, s->context_engine_id_len));
    return ows_berw_header(w, 0x30, (size_t)(end - w->p));
}

static int check_head(const ows_v3_head *h, const ows_v3_usm *u, const ows_v3_keys *k)
{
    int auth = k ? k->auth : OWS_USM_AUTH_NONE, priv = k ? k->priv : OWS_USM_PRIV_NONE;
    if (h->msg_id < 0 || h->max_size < OWS_V3_MIN_MAX_SIZE || h->security_model < 1)
        return OWS_E_USM_PARAMS;
    if (u->engine_id_len > OWS_USM_ENGINE_ID_MAX || u->user_len > OWS_V3_NAME_MAX ||
        u->engine_boots < 0 || u->engine_time < 0)
        return OWS_E_USM_PARAMS;
    if (!!(h->flags & OWS_V3_FLAG_AUTH) != (auth != OWS_USM_AUTH_NONE) ||
        !!(h->flags & OWS_V3_FLAG_PRIV) != (priv != OWS_USM_PRIV_NONE) ||
        (h->flags & ~7) || (priv && !auth))
        return OWS_E_USM_PARAMS;
    if ((auth && !ows_usm_auth_mac_len(auth)) || (priv && !ows_usm_priv_key_len(priv)))
        return OWS_E_USM_PARAMS;
    return 0;
}

int ows_v3_encode(const ows_v3_head *head, const ows_v3_usm *usm, const ows_v3_scoped *scoped,
                  const ows_v3_keys *keys, uint8_t *buf, size_t cap, size_t *off,
                  size_t *len)
{
    static const uint8_t zeros[OWS_USM_MAC_MAX];
    int auth = keys ? keys->auth : OWS_USM_AUTH_NONE;
    int priv = keys ? keys->priv : OWS_USM_PRIV_NONE;
    size_t mac = ows_usm_auth_mac_len(auth);
    uint8_t *base = buf, *end, *sec_end, *usm_end, *glob_end, *mac_at;
    ows_berw w;

    TRY(check_head(head, usm, keys));
    if (cap > INT32_MAX) {
        buf += cap - INT32_MAX;
        cap = INT32_MAX;
    }
    /* DES may grow the scopedPDU by up to 7 bytes of padding: keep them. */
    if (priv == OWS_USM_PRIV_DES) {
        if (cap < 8)
            return OWS_E_BUFFER_SMALL;
        ows_berw_init(&w, buf, cap - 7);
    } else {
        ows_berw_init(&w, buf, cap);
    }
    end = w.p;
    TRY(put_scoped(&w, scoped));
    if (priv) {
        size_t n = 0;
        TRY(ows_usm_encrypt(priv, keys->priv_key, keys->preiv, (uint32_t)usm->engine_boots,
                            (uint32_t)usm->engine_time, usm->priv, w.p,
                            (size_t)(end - w.p), w.p, &n));
        end = w.p + n;
        TRY(ows_berw_header(&w, 0x04, n));
    }

    /* msgSecurityParameters: an OCTET STRING wrapping the USM SEQUENCE. */
    sec_end = w.p;
    usm_end = w.p;
    TRY(ows_berw_octets(&w, 0x04, usm->priv, priv ? OWS_USM_SALT_LEN : 0));
    mac_at = w.p - mac;
    TRY(ows_berw_octets(&w, 0x04, zeros, mac));
    TRY(ows_berw_octets(&w, 0x04, usm->user, usm->user_len));
    TRY(ows_berw_int(&w, 0x02, usm->engine_time));
    TRY(ows_berw_int(&w, 0x02, usm->engine_boots));
    TRY(ows_berw_octets(&w, 0x04, usm->engine_id, usm->engine_id_len));
    TRY(ows_berw_header(&w, 0x30, (size_t)(usm_end - w.p)));
    TRY(ows_berw_header(&w, 0x04, (size_t)(sec_end - w.p)));

    glob_end = w.p;
    TRY(ows_berw_int(&w, 0x02, head->security_model));
    {
        uint8_t flags = (uint8_t)(head->flags & 7);
        TRY(ows_berw_octets(&w, 0x04, &flags, 1));
    }
    TRY(ows_berw_int(&w, 0x02, head->max_size));
    TRY(ows_berw_int(&w, 0x02, head->msg_id));
    TRY(ows_berw_header(&w, 0x30, (size_t)(glob_end - w.p)));
    TRY(ows_berw_int(&w, 0x02, OWS_SNMPV3));
    TRY(ows_berw_header(&w, 0x30, (size_t)(end - w.p)));

    if (auth)
        TRY(keys->keyed ? ows_usm_auth_sign_keyed(auth, keys->keyed, w.p, (size_t)(end - w.p),
                                                  (size_t)(mac_at - w.p))
                        : ows_usm_auth_sign(auth, keys->auth_key, w.p, (size_t)(end - w.p),
                                            (size_t)(mac_at - w.p)));
    *off = (size_t)(w.p - base);
    *len = (size_t)(end - w.p);
    return 0;
}
