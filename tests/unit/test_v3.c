/* test_v3.c - the SNMPv3 codec (core/v3_codec.h): round trips at every
 * security level; strictness; tampering; small buffers; truncation; the
 * Report-PDU. net-snmp's own messages (tests/vectors/v3-*.bin) are
 * tests/crypto/v3_check.c's, natively and under Wine. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/v3_codec.h"
#include "core/msg_codec.h"
#include "core/error.h"
#include "core/usm_user.h"
#include "core/translate.h"
#include "tlv_builder.h"

static const uint8_t engine[13] = { 0x80, 0x00, 0x1f, 0x88, 0x80, 0xe9, 0x63, 0x00, 0x00,
                                    0xd6, 0x1f, 0xf4, 0x49 };

static void make_keys(ows_v3_keys *k, int auth, const char *apw, int priv, const char *ppw)
{
    uint8_t ku[OWS_USM_KEY_MAX], kul[OWS_USM_KEY_MAX];
    memset(k, 0, sizeof *k);
    k->auth = auth;
    k->priv = priv;
    if (auth) {
        assert_int_equal(ows_usm_password_to_key(auth, (const uint8_t *)apw, strlen(apw), ku), 0);
        assert_int_equal(ows_usm_localize_key(auth, ku, engine, sizeof engine, k->auth_key), 0);
    }
    if (priv) {
        assert_int_equal(ows_usm_password_to_key(auth, (const uint8_t *)ppw, strlen(ppw), ku), 0);
        assert_int_equal(ows_usm_localize_key(auth, ku, engine, sizeof engine, kul), 0);
        assert_int_equal(ows_usm_priv_key(auth, priv, kul, k->priv_key, k->preiv), 0);
    }
}

/* ---- round trips ------------------------------------------------------ */

static ows_pdu sample_pdu(ows_varbind *vb, uint32_t *ids, uint8_t *str)
{
    ows_pdu p;
    memset(&p, 0, sizeof p);
    p.type = OWS_PDU_RESPONSE;
    p.request_id = 0x12345678;
    for (uint32_t i = 0; i < 12; i++)
        ids[i] = i < 2 ? 1 + 2 * i : 100 + i * 1000;
    memset(str, 'x', 300);
    memset(vb, 0, 2 * sizeof *vb);
    vb[0].name.ids = ids;
    vb[0].name.len = 12;
    vb[0].value.syntax = OWS_SYN_OCTETS;
    vb[0].value.v.str.ptr = str;
    vb[0].value.v.str.len = 300;
    vb[1].name.ids = ids;
    vb[1].name.len = 5;
    vb[1].value.syntax = OWS_SYN_CNTR64;
    vb[1].value.v.u64 = 0xFFFFFFFFFFFFull;
    p.vbl.items = vb;
    p.vbl.count = 2;
    return p;
}

static void roundtrip(int auth, int priv)
{
    ows_varbind vb[2];
    uint32_t ids[12];
    uint8_t str[300], buf[2048], ctx[32];
    ows_pdu pdu = sample_pdu(vb, ids, str);
    ows_v3_head h = { 77, 1500, OWS_V3_FLAG_REPORTABLE, OWS_V3_MODEL_USM };
    ows_v3_usm u;
    ows_v3_scoped sc = { engine, sizeof engine, (const uint8_t *)"ctx", 3, &pdu };
    ows_v3_keys k;
    ows_v3_msg m;
    ows_msg pm, want;
    uint32_t ctx_len;
    size_t off, len;

    memset(&u, 0, sizeof u);
    memcpy(u.engine_id, engine, sizeof engine);
    u.engine_id_len = sizeof engine;
    u.engine_boots = 3;
    u.engine_time = 123456;
    memcpy(u.user, "someone", 7);
    u.user_len = 7;
    memcpy(u.priv, "\1\2\3\4\5\6\7\x08", 8);
    h.flags |= (auth ? OWS_V3_FLAG_AUTH : 0) | (priv ? OWS_V3_FLAG_PRIV : 0);
    make_keys(&k, auth, "auth-password", priv, "priv-password");

    assert_int_equal(ows_v3_encode(&h, &u, &sc, auth ? &k : NULL, buf, sizeof buf, &off, &len), 0);
    assert_int_equal(ows_v3_decode(buf + off, len, &m), 0);
    assert_int_equal(m.head.msg_id, 77);
    assert_int_equal(m.head.max_size, 1500);
    assert_int_equal(m.head.flags, h.flags);
    assert_int_equal(m.usm.engine_boots, 3);
    assert_int_equal(m.usm.engine_time, 123456);
    if (auth)
        assert_int_equal(ows_usm_auth_check(auth, k.auth_key, buf + off, len, m.usm.auth_at), 0);
    assert_int_equal(ows_v3_open_scoped(&m, &k, NULL, 0, &pm, ctx, &ctx_len), 0);
    assert_int_equal(ctx_len, sizeof engine);
    memset(&want, 0, sizeof want);
    want.version = OWS_SNMPV3;
    want.community.ptr = (uint8_t *)"ctx";
    want.community.len = 3;
    want.pdu = pdu;
    assert_true(ows_msg_equal(&want, &pm));
    ows_msg_free(&pm);

    /* Every shorter buffer: OWS_E_BUFFER_SMALL, never a write outside it
     * (ASan watches the exact-size heap copy). */
    for (size_t cap = 0; cap < len; cap += 7) {
        uint8_t *small = test_malloc(cap ? cap : 1);
        assert_int_equal(ows_v3_encode(&h, &u, &sc, auth ? &k : NULL, small, cap, &off, &len),
                         OWS_E_BUFFER_SMALL);
        test_free(small);
    }
    /* Every truncation and every flipped byte: an error or a failed digest,
     * never a crash and never an accepted forgery. */
    for (size_t cut = 0; cut < len; cut++)
        assert_int_not_equal(ows_v3_decode(buf + off, cut, &m), 0);
    for (size_t i = 0; auth && i < len; i++) {
        int err;
        buf[off + i] ^= 0x41;
        err = ows_v3_decode(buf + off, len, &m);
        if (!err)
            err = ows_usm_auth_check(auth, k.auth_key, buf + off, len, m.usm.auth_at);
        assert_int_not_equal(err, 0);
        buf[off + i] ^= 0x41;
    }
}

static void test_roundtrip_levels(void **state)
{
    roundtrip(OWS_USM_AUTH_NONE, OWS_USM_PRIV_NONE);
    for (int a = OWS_USM_AUTH_MD5; a < OWS_USM_AUTH_COUNT_; a++) {
        roundtrip(a, OWS_USM_PRIV_NONE);
        for (int p = OWS_USM_PRIV_DES; p < OWS_USM_PRIV_COUNT_; p++)
            roundtrip(a, p);
    }
}

/* ---- the encoder's checks --------------------------------------------- */

static void test_encode_rejects(void **state)
{
    ows_varbind vb[2];
    uint32_t ids[12];
    uint8_t str[300], buf[2048];
    ows_pdu pdu = sample_pdu(vb, ids, str);
    ows_v3_head h = { 1, 484, 0, OWS_V3_MODEL_USM };
    ows_v3_usm u;
    ows_v3_scoped sc = { NULL, 0, NULL, 0, &pdu };
    ows_v3_keys k;
    size_t off, len;

    memset(&u, 0, sizeof u);
    make_keys(&k, OWS_USM_AUTH_MD5, "auth-password", OWS_USM_PRIV_NONE, NULL);
    assert_int_equal(ows_v3_encode(&h, &u, &sc, NULL, buf, sizeof buf, &off, &len), 0);
    /* Flags that disagree with the keys; priv without auth. */
    assert_int_equal(ows_v3_encode(&h, &u, &sc, &k, buf, sizeof buf, &off, &len), OWS_E_USM_PARAMS);
    h.flags = OWS_V3_FLAG_AUTH;
    assert_int_equal(ows_v3_encode(&h, &u, &sc, NULL, buf, sizeof buf, &off, &len), OWS_E_USM_PARAMS);
    h.flags = OWS_V3_FLAG_PRIV;
    k.auth = OWS_USM_AUTH_NONE;
    k.priv = OWS_USM_PRIV_AES128;
    assert_int_equal(ows_v3_encode(&h, &u, &sc, &k, buf, sizeof buf, &off, &len), OWS_E_USM_PARAMS);
    h.flags = 0x08;
    assert_int_equal(ows_v3_encode(&h, &u, &sc, NULL, buf, sizeof buf, &off, &len), OWS_E_USM_PARAMS);
    h.flags = 0;
    /* Ranges. */
    h.max_size = 483;
    assert_int_equal(ows_v3_encode(&h, &u, &sc, NULL, buf, sizeof buf, &off, &len), OWS_E_USM_PARAMS);
    h.max_size = 484;
    h.msg_id = -1;
    assert_int_equal(ows_v3_encode(&h, &u, &sc, NULL, buf, sizeof buf, &off, &len), OWS_E_USM_PARAMS);
    h.msg_id = 1;
    u.engine_id_len = 33;
    assert_int_equal(ows_v3_encode(&h, &u, &sc, NULL, buf, sizeof buf, &off, &len), OWS_E_USM_PARAMS);
    u.engine_id_len = 0;
    sc.context_name_len = 33;
    sc.context_name = str;
    assert_int_equal(ows_v3_encode(&h, &u, &sc, NULL, buf, sizeof buf, &off, &len), OWS_E_USM_PARAMS);
    sc.context_name_len = 0;
    /* A v1 Trap-PDU has no place in SNMPv3. */
    pdu.type = OWS_PDU_V1TRAP;
    assert_int_equal(ows_v3_encode(&h, &u, &sc, NULL, buf, sizeof buf, &off, &len), OWS_E_PDU_INVALID);
}

/* ---- the decoder's strictness, on hand-made envelopes ----------------- */

/* A plaintext message from parts given as raw bytes; "version" is the
 * INTEGER's content, the rest whole TLVs. */
static int decode_parts(uint8_t version, const bytes *glob, const bytes *sec, const bytes *data,
                        ows_v3_msg *m)
{
    bytes body = { { 0 }, 0 }, msg = { { 0 }, 0 };
    tlv(&body, 0x02, &version, 1);
    put(&body, glob->b, glob->n);
    put(&body, sec->b, sec->n);
    put(&body, data->b, data->n);
    tlv(&msg, 0x30, body.b, body.n);
    return ows_v3_decode(msg.b, msg.n, m);
}

static void make_glob(bytes *g, const uint8_t *id, size_t idn, const uint8_t *max, size_t maxn,
                      const uint8_t *flags, size_t flagsn, uint8_t model)
{
    bytes c = { { 0 }, 0 };
    tlv(&c, 0x02, id, idn);
    tlv(&c, 0x02, max, maxn);
    tlv(&c, 0x04, flags, flagsn);
    tlv(&c, 0x02, &model, 1);
    g->n = 0;
    tlv(g, 0x30, c.b, c.n);
}

static void make_sec(bytes *s, size_t eid_len, size_t user_len, const uint8_t *boots, size_t bn)
{
    static const uint8_t big[40];
    bytes c = { { 0 }, 0 }, seq = { { 0 }, 0 };
    uint8_t zero = 0;
    tlv(&c, 0x04, big, eid_len);
    tlv(&c, 0x02, boots, bn);
    tlv(&c, 0x02, &zero, 1);
    tlv(&c, 0x04, big, user_len);
    tlv(&c, 0x04, big, 0);
    tlv(&c, 0x04, big, 0);
    tlv(&seq, 0x30, c.b, c.n);
    s->n = 0;
    tlv(s, 0x04, seq.b, seq.n);
}

static void test_decode_strict(void **state)
{
    static const uint8_t one = 1, max[2] = { 0x05, 0xDC }, max483[2] = { 0x01, 0xE3 };
    static const uint8_t rep = 4, privonly = 2, two[2] = { 4, 4 }, neg = 0xFF;
    static const uint8_t scoped[] = { 0x30, 0x0F, 0x04, 0x00, 0x04, 0x00, 0xA0, 0x09, 0x02, 0x01,
                                      0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00 };
    bytes glob = { { 0 }, 0 }, sec = { { 0 }, 0 }, data = { { 0 }, 0 };
    ows_v3_msg m;
    ows_msg pm;
    uint8_t ctx[32];
    uint32_t ctx_len;

    put(&data, scoped, sizeof scoped);
    /* A well-formed discovery-like message first. (Its PDU lacks the
     * varbind list, which the scopedPDU decoder must refuse.) */
    make_glob(&glob, &one, 1, max, 2, &rep, 1, 3);
    make_sec(&sec, 0, 0, &one, 1);
    assert_int_equal(decode_parts(3, &glob, &sec, &data, &m), 0);
    assert_int_equal(m.data_len, sizeof scoped);
    assert_int_equal(ows_v3_open_scoped(&m, NULL, NULL, 0, &pm, ctx, &ctx_len),
                     OWS_E_BER_TRUNCATED);

    assert_int_equal(decode_parts(1, &glob, &sec, &data, &m), OWS_E_BER_VERSION);
    make_glob(&glob, &neg, 1, max, 2, &rep, 1, 3);
    assert_int_equal(decode_parts(3, &glob, &sec, &data, &m), OWS_E_USM_PARAMS);
    make_glob(&glob, &one, 1, max483, 2, &rep, 1, 3);
    assert_int_equal(decode_parts(3, &glob, &sec, &data, &m), OWS_E_USM_PARAMS);
    make_glob(&glob, &one, 1, max, 2, two, 2, 3);
    assert_int_equal(decode_parts(3, &glob, &sec, &data, &m), OWS_E_USM_PARAMS);
    make_glob(&glob, &one, 1, max, 2, &privonly, 1, 3);
    assert_int_equal(decode_parts(3, &glob, &sec, &data, &m), OWS_E_USM_PARAMS);
    make_glob(&glob, &one, 1, max, 2, &rep, 1, 0);
    assert_int_equal(decode_parts(3, &glob, &sec, &data, &m), OWS_E_USM_PARAMS);
    /* Another security model decodes, its parameters unread. */
    make_glob(&glob, &one, 1, max, 2, &rep, 1, 2);
    assert_int_equal(decode_parts(3, &glob, &sec, &data, &m), 0);
    assert_int_equal(m.head.security_model, 2);

    make_glob(&glob, &one, 1, max, 2, &rep, 1, 3);
    make_sec(&sec, 33, 0, &one, 1);
    assert_int_equal(decode_parts(3, &glob, &sec, &data, &m), OWS_E_USM_PARAMS);
    make_sec(&sec, 0, 33, &one, 1);
    assert_int_equal(decode_parts(3, &glob, &sec, &data, &m), OWS_E_USM_PARAMS);
    make_sec(&sec, 0, 0, &neg, 1);
    assert_int_equal(decode_parts(3, &glob, &sec, &data, &m), OWS_E_USM_PARAMS);
    make_sec(&sec, 32, 32, &one, 1);
    assert_int_equal(decode_parts(3, &glob, &sec, &data, &m), 0);

    /* Plaintext flags need a SEQUENCE; an OCTET STRING is refused. */
    data.n = 0;
    tlv(&data, 0x04, scoped, sizeof scoped);
    assert_int_equal(decode_parts(3, &glob, &sec, &data, &m), OWS_E_BER_TAG);
    /* Trailing bytes after msgData. */
    data.n = 0;
    put(&data, scoped, sizeof scoped);
    put(&data, "\x05\x00", 2);
    assert_int_equal(decode_parts(3, &glob, &sec, &data, &m), OWS_E_BER_TRAILING);
}

/* The scopedPDU decoder allows DES padding only where asked. */
static void test_scoped_padding(void **state)
{
    static const uint8_t s[] = { 0x30, 0x12, 0x04, 0x00, 0x04, 0x01, 'c', 0xA0, 0x0B, 0x02, 0x01,
                                 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x00,
                                 0, 0, 0, 0, 0, 0, 0, 0 };
    const uint8_t *ctx;
    size_t ctx_len;
    ows_msg m;
    assert_int_equal(ows_scoped_decode_in(s, 20, 0, &m, 0, NULL, 0, &ctx, &ctx_len), 0);
    assert_int_equal(m.version, OWS_SNMPV3);
    assert_int_equal(m.community.len, 1);
    assert_int_equal(ctx_len, 0);
    ows_msg_free(&m);
    assert_int_equal(ows_scoped_decode_in(s, 21, 0, &m, 0, NULL, 0, &ctx, &ctx_len),
                     OWS_E_BER_TRAILING);
    assert_int_equal(ows_scoped_decode_in(s, 27, 7, &m, 0, NULL, 0, &ctx, &ctx_len), 0);
    ows_msg_free(&m);
    assert_int_equal(ows_scoped_decode_in(s, 28, 7, &m, 0, NULL, 0, &ctx, &ctx_len),
                     OWS_E_BER_TRAILING);
}

/* A Report-PDU (0xA8) travels in SNMPv3 only: the scopedPDU carries it both
 * ways, a community message neither way. */
static void test_report_pdu(void **state)
{
    static const uint8_t s[] = { 0x30, 0x12, 0x04, 0x00, 0x04, 0x01, 'c', 0xA8, 0x0B, 0x02, 0x01,
                                 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x00 };
    static const uint8_t v2c[] = { 0x30, 0x13, 0x02, 0x01, 0x01, 0x04, 0x01, 'p', 0xA8, 0x0B, 0x02,
                                   0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x00 };
    const uint8_t *ctx;
    size_t ctx_len, off, len;
    uint8_t buf[256];
    ows_msg m;
    assert_int_equal(ows_scoped_decode_in(s, sizeof s, 0, &m, 0, NULL, 0, &ctx, &ctx_len), 0);
    assert_int_equal(m.pdu.type, OWS_PDU_REPORT);
    ows_msg_free(&m);
    assert_int_equal(ows_msg_decode(v2c, sizeof v2c, &m), OWS_E_BER_TAG);
    memset(&m, 0, sizeof m);
    m.version = OWS_SNMPV2C;
    m.pdu.type = OWS_PDU_REPORT;
    assert_int_equal(ows_msg_encode(&m, buf, sizeof buf, &off, &len), OWS_E_PDU_INVALID);
}

/* ---- users ------------------------------------------------------------ */

/* A database entry becomes a user whose keys, localised on demand, equal
 * the ones derived step by step; levels decide which keys exist. */
static void test_usm_user(void **state)
{
    struct ows_v3_entry e;
    struct ows_usm_user u;
    ows_v3_keys want, got;
    (void)state;
    memset(&e, 0, sizeof e);
    strcpy(e.user, "alice");
    e.level = OWS_USM_AUTHPRIV;
    e.auth = OWS_USM_AUTH_SHA256;
    e.priv = OWS_USM_PRIV_DES;
    strcpy(e.auth_pass, "maplesyrup");
    strcpy(e.priv_pass, "privpass99");
    assert_int_equal(ows_usm_user_from_entry(&e, &u), 0);
    assert_int_equal(u.name_len, 5);
    assert_memory_equal(u.name, "alice", 5);
    make_keys(&want, OWS_USM_AUTH_SHA256, "maplesyrup", OWS_USM_PRIV_DES, "privpass99");
    assert_int_equal(ows_usm_user_keys(&u, engine, sizeof engine, &got), 0);
    assert_memory_equal(&got, &want, sizeof want);

    /* authNoPriv ignores the privacy fields; noAuthNoPriv has no keys. */
    e.level = OWS_USM_AUTHNOPRIV;
    assert_int_equal(ows_usm_user_from_entry(&e, &u), 0);
    make_keys(&want, OWS_USM_AUTH_SHA256, "maplesyrup", 0, NULL);
    assert_int_equal(ows_usm_user_keys(&u, engine, sizeof engine, &got), 0);
    assert_memory_equal(&got, &want, sizeof want);
    e.level = OWS_USM_NOAUTH;
    assert_int_equal(ows_usm_user_from_entry(&e, &u), 0);
    assert_int_equal(ows_usm_user_keys(&u, engine, sizeof engine, &got), 0);
    assert_int_equal(got.auth, OWS_USM_AUTH_NONE);
    assert_int_equal(got.priv, OWS_USM_PRIV_NONE);

    /* Bad entries: no name, an unknown level, an empty password. */
    e.level = 3;
    assert_int_equal(ows_usm_user_from_entry(&e, &u), OWS_E_USM_PARAMS);
    e.level = OWS_USM_AUTHNOPRIV;
    e.auth_pass[0] = 0;
    assert_int_equal(ows_usm_user_from_entry(&e, &u), OWS_E_USM_PARAMS);
    e.user[0] = 0;
    assert_int_equal(ows_usm_user_from_entry(&e, &u), OWS_E_USM_PARAMS);
    ows_usm_user_clear(&u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_levels),
        cmocka_unit_test(test_encode_rejects),
        cmocka_unit_test(test_decode_strict),
        cmocka_unit_test(test_scoped_padding),
        cmocka_unit_test(test_report_pdu),
        cmocka_unit_test(test_usm_user),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
