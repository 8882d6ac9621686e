/* v3_trap.c - SNMPv3 notifications we send as their authoritative engine
 * (v3_trap.h). */
#include <string.h>
#include "core/error.h"
#include "core/translate.h"
#include "core/usm_user.h"
#include "core/v3_codec.h"
#include "core/v3_local.h"
#include "core/v3_trap.h"

int ows_v3_encode_trap(const char *entity, const ows_pdu *pdu, uint8_t *buf, size_t cap,
                       size_t *off, size_t *len)
{
    struct ows_v3_sender s;
    ows_v3_head h;
    ows_v3_usm u;
    ows_v3_scoped sc;
    int err;

    if (!entity || pdu->type != OWS_PDU_TRAP)
        return OWS_E_OPERATION_INVALID;
    err = ows_v3_local_sender(entity, &s);
    if (err)
        return err;
    memset(&u, 0, sizeof u);
    ows_v3_local_id(u.engine_id, &u.engine_id_len);
    ows_v3_local_clock(&u.engine_boots, &u.engine_time);
    memcpy(u.user, s.user, s.user_len);
    u.user_len = s.user_len;
    if (s.level == OWS_USM_AUTHPRIV) {
        ows_v3_local_salt(u.priv);
        u.priv_len = OWS_USM_SALT_LEN;
    }
    memset(&h, 0, sizeof h);
    h.msg_id = ows_v3_local_msg_id();
    h.max_size = 65507;
    h.flags = ows_usm_level_flags(s.level);
    h.security_model = OWS_V3_MODEL_USM;
    memset(&sc, 0, sizeof sc);
    if (s.context_engine_len) {
        sc.context_engine_id = s.context_engine;
        sc.context_engine_id_len = s.context_engine_len;
    } else {
        sc.context_engine_id = u.engine_id;
        sc.context_engine_id_len = u.engine_id_len;
    }
    sc.context_name = s.context;
    sc.context_name_len = s.context_len;
    sc.pdu = pdu;
    err = ows_v3_encode(&h, &u, &sc, s.level ? &s.keys : NULL, buf, cap, off, len);
    ows_wipe(&s, sizeof s);
    return err;
}
