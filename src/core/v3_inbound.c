/* v3_inbound.c - SNMPv3 messages received unasked (agent requests, traps,
 * informs): RFC 3414 3.2's checks in the RFC's order, each failure counted
 * and, when the message asks for one, answered with a Report; and the
 * replies, with the security state the message came with (v3_inbound.h). */
#include <string.h>
#include "core/error.h"
#include "core/msg_codec.h"
#include "core/translate.h"
#include "core/usm_user.h"
#include "core/v3_inbound.h"
#include "core/v3_local.h"

/* RFC 3414 2.2.3: the timeliness window, either side of our clock. */
#define TIME_WINDOW 150
#define OUR_MAX_SIZE OWS_V3_MAX_MSG
/* Encrypted scopedPDUs up to this long are decrypted on the stack. */
#define STACK_SCRATCH 1536
/* RFC 3416's error-status tooBig. */
#define TOO_BIG 1

int ows_v3_is_msg(const uint8_t *buf, size_t len)
{
    size_t i = 2;
    if (len < 5 || buf[0] != 0x30)
        return 0;
    if (buf[1] & 0x80) {
        size_t n = buf[1] & 0x7f;
        if (n < 1 || n > 4)
            return 0;
        i += n;
    }
    return len >= i + 3 && buf[i] == 0x02 && buf[i + 1] == 0x01 && buf[i + 2] == 3;
}

/* The OIDs of the counters a Report carries: usmStats (RFC 3414 5),
 * 1.3.6.1.6.3.15.1.1.N.0, in enum ows_v3_stat's order from
 * OWS_V3S_UNSUPPORTED_LEVELS (N = 1 .. 6). */
static uint32_t report_oid(int which, uint32_t ids[11])
{
    static const uint32_t usm_stats[9] = { 1, 3, 6, 1, 6, 3, 15, 1, 1 };
    memcpy(ids, usm_stats, sizeof usm_stats);
    ids[9] = (uint32_t)(which - OWS_V3S_UNSUPPORTED_LEVELS + 1);
    ids[10] = 0;
    return 11;
}

/* The request-id of a plaintext message's PDU, for its Report (RFC 3412
 * 7.1 step 3b); 0 when it cannot be read. */
static int32_t plain_request_id(const ows_v3_msg *v)
{
    ows_msg tmp;
    uint8_t ce[OWS_USM_ENGINE_ID_MAX];
    uint32_t ce_len;
    int32_t id = 0;
    if (v->encrypted || ows_v3_open_scoped(v, NULL, NULL, 0, &tmp, ce, &ce_len))
        return 0;
    id = tmp.pdu.request_id;
    ows_msg_free(&tmp);
    return id;
}

/* Counts failure `which` and, when the message is reportable, encodes the
 * Report (RFC 3412 7.1 with 3414 3.2): our engine as authoritative and as
 * contextEngineID, the counter's new value; authenticated with keys (auth
 * only) for usmStatsNotInTimeWindows, so that the sender can trust the
 * time in it, else noAuthNoPriv. Returns err. */
static int fail(int err, int which, const ows_v3_msg *v, const ows_v3_keys *keys,
                uint8_t *report, size_t *off, size_t *len)
{
    uint32_t value = ows_v3_stat_bump(which), ids[11];
    uint8_t engine[OWS_USM_ENGINE_ID_MAX];
    ows_v3_head h;
    ows_v3_usm u;
    ows_v3_scoped sc;
    ows_v3_keys k;
    ows_varbind vb;
    ows_pdu pdu;

    if (!v || !(v->head.flags & OWS_V3_FLAG_REPORTABLE) || which < OWS_V3S_UNSUPPORTED_LEVELS)
        return err;
    memset(&vb, 0, sizeof vb);
    vb.name.ids = ids;
    vb.name.len = report_oid(which, ids);
    vb.value.syntax = OWS_SYN_CNTR32;
    vb.value.v.u = value;
    memset(&pdu, 0, sizeof pdu);
    pdu.type = OWS_PDU_REPORT;
    pdu.request_id = plain_request_id(v);
    pdu.vbl.items = &vb;
    pdu.vbl.count = 1;

    memset(&h, 0, sizeof h);
    h.msg_id = v->head.msg_id;
    h.max_size = OUR_MAX_SIZE;
    h.flags = keys ? OWS_V3_FLAG_AUTH : 0;
    h.security_model = OWS_V3_MODEL_USM;
    memset(&u, 0, sizeof u);
    ows_v3_local_id(u.engine_id, &u.engine_id_len);
    ows_v3_local_clock(&u.engine_boots, &u.engine_time);
    memcpy(u.user, v->usm.user, v->usm.user_len);
    u.user_len = v->usm.user_len;
    memcpy(engine, u.engine_id, u.engine_id_len);
    memset(&sc, 0, sizeof sc);
    sc.context_engine_id = engine;
    sc.context_engine_id_len = u.engine_id_len;
    sc.pdu = &pdu;
    if (keys) {
        k = *keys;
        k.priv = OWS_USM_PRIV_NONE;
    }
    if (ows_v3_encode(&h, &u, &sc, keys ? &k : NULL, report, OWS_V3_REPORT_MAX, off, len))
        *len = 0;
    if (keys)
        ows_wipe(&k, sizeof k);
    return err;
}

/* RFC 3414 3.2 step 7a, we being authoritative. */
static int in_window(int32_t boots, int32_t time)
{
    int32_t our_boots, our_time;
    ows_v3_local_clock(&our_boots, &our_time);
    return boots == our_boots && our_boots != 0x7fffffff &&
           time >= our_time - TIME_WINDOW && time <= our_time + TIME_WINDOW;
}

int ows_v3_in_take(const uint8_t *buf, size_t len, ows_msg *m, size_t head, void *mem,
                   size_t cap, struct ows_v3_in **st, uint8_t *report, size_t *rep_off,
                   size_t *rep_len)
{
    uint8_t scratch[STACK_SCRATCH];
    struct ows_v3_user_keys uk;
    struct ows_v3_in *s;
    ows_v3_msg v;
    size_t room = (head + 7) & ~(size_t)7;
    int err, level, unknown_engine;

    memset(m, 0, sizeof *m);
    *st = NULL;
    *rep_len = 0;
    err = ows_v3_decode(buf, len, &v);
    if (err)
        return fail(err, err == OWS_E_USM_PARAMS ? OWS_V3S_INVALID_MSGS : OWS_V3S_PARSE_ERRS,
                    NULL, NULL, report, rep_off, rep_len);
    if (v.head.security_model != OWS_V3_MODEL_USM)
        return fail(OWS_E_USM_PARAMS, OWS_V3S_UNKNOWN_MODELS, NULL, NULL, report, rep_off,
                    rep_len);
    level = ows_usm_flags_level(v.head.flags);
    /* Steps 3 to 5: the engine, the user, the level. */
    err = ows_v3_local_find(v.usm.engine_id, v.usm.engine_id_len, v.usm.user, v.usm.user_len,
                            &uk, &unknown_engine);
    if (err)
        return fail(err, unknown_engine ? OWS_V3S_UNKNOWN_ENGINES : OWS_V3S_UNKNOWN_USERS, &v,
                    NULL, report, rep_off, rep_len);
    if (uk.level != level) {
        err = fail(OWS_E_USM_PARAMS, OWS_V3S_UNSUPPORTED_LEVELS, &v, NULL, report, rep_off,
                   rep_len);
        goto out;
    }
    /* Step 6: the digest; step 7: the time. */
    if (level != OWS_USM_NOAUTH) {
        if (v.usm.auth_len != ows_usm_auth_mac_len(uk.keys.auth) ||
            ows_usm_auth_check(uk.keys.auth, uk.keys.auth_key, buf, len, v.usm.auth_at)) {
            err = fail(OWS_E_USM_WRONG_DIGEST, OWS_V3S_WRONG_DIGESTS, &v, NULL, report, rep_off,
                       rep_len);
            goto out;
        }
        if (uk.remote ? ows_v3_local_remote_time(v.usm.engine_id, v.usm.engine_id_len,
                                                 v.usm.user, v.usm.user_len,
                                                 v.usm.engine_boots, v.usm.engine_time) != 0
                      : !in_window(v.usm.engine_boots, v.usm.engine_time)) {
            err = fail(OWS_E_USM_PARAMS, OWS_V3S_NOT_IN_TIME, &v, uk.remote ? NULL : &uk.keys,
                       report, rep_off, rep_len);
            goto out;
        }
    }
    /* Step 8: decryption, and the scopedPDU, with room for the caller's
     * head and the state behind it. What a wrong key decrypts does not
     * decode: a decryption error too. */
    {
        uint8_t ce[OWS_USM_ENGINE_ID_MAX];
        uint32_t ce_len;
        err = ows_v3_open_scoped_in(&v, &uk.keys, scratch, sizeof scratch, m,
                                    room + sizeof(struct ows_v3_in), mem, cap, ce, &ce_len);
        if (err) {
            if (v.encrypted)
                err = fail(OWS_E_USM_DECRYPT, OWS_V3S_DECRYPTION_ERRORS, &v, NULL, report,
                           rep_off, rep_len);
            else
                err = fail(err, OWS_V3S_PARSE_ERRS, NULL, NULL, report, rep_off, rep_len);
            goto out;
        }
        /* A trap sender's user sends traps, nothing else (its engine is
         * authoritative only for what it sends unconfirmed). */
        if (uk.remote && m->pdu.type != OWS_PDU_TRAP) {
            ows_v3_in_release(m, mem);
            err = fail(OWS_E_USM_PARAMS, OWS_V3S_UNKNOWN_PDU_HANDLERS, NULL, NULL, report,
                       rep_off, rep_len);
            goto out;
        }
        s = (struct ows_v3_in *)(void *)((uint8_t *)m->pdu.vbl.arena + room);
        s->msg_id = v.head.msg_id;
        s->max_size = v.head.max_size;
        s->level = level;
        memcpy(s->user, v.usm.user, v.usm.user_len);
        s->user_len = v.usm.user_len;
        memcpy(s->context_engine, ce, ce_len);
        s->context_engine_len = ce_len;
        if (m->community.len)
            memcpy(s->context_name, m->community.ptr, m->community.len);
        s->context_name_len = m->community.len;
        *st = s;
    }
out:
    ows_wipe(&uk, sizeof uk);
    if (v.encrypted)
        ows_wipe(scratch, v.data_len < sizeof scratch ? v.data_len : sizeof scratch);
    return err;
}

void ows_v3_in_release(ows_msg *m, const void *mem)
{
    /* The caller's block is the caller's to recycle. */
    if (m->pdu.vbl.arena == mem)
        memset(m, 0, sizeof *m);
    else
        ows_msg_free(m);
}

/* One encoding of the reply pdu, with a fresh salt each time: a second
 * try (the tooBig answer) must not reuse the first one's IV. */
static int encode_once(const struct ows_v3_in *st, const struct ows_v3_user_keys *uk,
                       const ows_pdu *pdu, uint8_t *buf, size_t cap, size_t *off, size_t *len)
{
    ows_v3_head h;
    ows_v3_usm u;
    ows_v3_scoped sc;
    int err;

    memset(&u, 0, sizeof u);
    ows_v3_local_id(u.engine_id, &u.engine_id_len);
    ows_v3_local_clock(&u.engine_boots, &u.engine_time);
    memcpy(u.user, st->user, st->user_len);
    u.user_len = st->user_len;
    if (st->level == OWS_USM_AUTHPRIV) {
        ows_v3_local_salt(u.priv);
        u.priv_len = OWS_USM_SALT_LEN;
    }
    memset(&h, 0, sizeof h);
    h.msg_id = st->msg_id;
    h.max_size = OUR_MAX_SIZE;
    h.flags = ows_usm_level_flags(st->level);
    h.security_model = OWS_V3_MODEL_USM;
    memset(&sc, 0, sizeof sc);
    sc.context_engine_id = st->context_engine;
    sc.context_engine_id_len = st->context_engine_len;
    sc.context_name = st->context_name;
    sc.context_name_len = st->context_name_len;
    sc.pdu = pdu;
    err = ows_v3_encode(&h, &u, &sc, st->level ? &uk->keys : NULL, buf, cap, off, len);
    ows_wipe(&u, sizeof u);
    return err;
}

int ows_v3_in_encode_reply(const struct ows_v3_in *st, const ows_pdu *pdu, uint8_t *buf,
                           size_t cap, size_t *off, size_t *len)
{
    struct ows_v3_user_keys uk;
    uint8_t id[OWS_USM_ENGINE_ID_MAX];
    uint32_t id_len;
    size_t bound = st->max_size > 0 && st->max_size < OUR_MAX_SIZE ? (size_t)st->max_size
                                                                  : (size_t)OUR_MAX_SIZE;
    int err, unknown_engine;

    ows_v3_local_id(id, &id_len);
    if (ows_v3_local_find(id, id_len, st->user, st->user_len, &uk, &unknown_engine) ||
        uk.remote || uk.level != st->level) {
        ows_wipe(&uk, sizeof uk);
        return OWS_E_USM_PARAMS;
    }
    err = encode_once(st, &uk, pdu, buf, cap, off, len);
    if ((!err && *len > bound) || err == OWS_E_BUFFER_SMALL) {
        /* RFC 3416 4.2.1 (and 4.2.2-4.2.5): an answer larger than the
         * manager takes becomes tooBig, error-index 0, no varbinds. */
        ows_pdu too_big = *pdu;
        too_big.error_status = TOO_BIG;
        too_big.error_index = 0;
        too_big.vbl.items = NULL;
        too_big.vbl.count = 0;
        err = encode_once(st, &uk, &too_big, buf, cap, off, len);
        /* RFC 3412 7.1 step 9 wants even that dropped when it won't fit. */
        if (!err && *len > bound)
            err = OWS_E_TL_PDU_TOO_BIG;
    }
    ows_wipe(&uk, sizeof uk);
    return err;
}
